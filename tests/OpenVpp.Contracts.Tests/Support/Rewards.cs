using System.Globalization;
using System.Numerics;
using OpenVpp.Chain.Crypto;
using OpenVpp.Core.Accounts;
using OpenVpp.Core.Rewards;

namespace OpenVpp.Contracts.Tests.Support;

/// <summary>Cumulative reward trees as the oracle builds them: Core's CumulativeRewards, then Core's RewardTree.</summary>
public static class Rewards
{
    /// <summary>Base units from a decimal OVPP amount with up to 18 decimals, e.g. "12.345678901234567891".</summary>
    public static BigInteger Ovpp(string tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var parts = tokens.Split('.');
        var fraction = parts.Length > 1 ? parts[1].PadRight(Core.Rewards.Ovpp.Decimals, '0') : new string('0', Core.Rewards.Ovpp.Decimals);
        return BigInteger.Parse(parts[0] + fraction, CultureInfo.InvariantCulture);
    }

    public static AccountAddress Account(EthAddress address) => new(address.ToArray());

    /// <summary>A fresh, random account that has never held anything.</summary>
    public static AccountAddress RandomAccount() => new(System.Security.Cryptography.RandomNumberGenerator.GetBytes(AccountAddress.Length));

    public static CumulativeRewards Cumulative(long epoch, params (AccountAddress Owner, BigInteger Amount)[] amounts) =>
        CumulativeRewards.FromAmounts(amounts.Select(a => KeyValuePair.Create(a.Owner, a.Amount)), epoch);
}
