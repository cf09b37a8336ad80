using System.Collections.Immutable;
using System.Numerics;
using OpenVpp.Core.Accounts;

namespace OpenVpp.Core.Rewards;

/// <summary>
/// Everything each owner has earned since genesis: the values the reward Merkle tree commits to. RewardDistributor
/// pays a claim as the cumulative amount minus what the account already claimed, so a single latest root serves every
/// past epoch. Immutable: <see cref="Apply"/> returns a new instance. Only positive amounts are held, so equal
/// balances always give equal trees.
/// </summary>
public sealed class CumulativeRewards
{
    private readonly ImmutableSortedDictionary<AccountAddress, BigInteger> _amounts;

    private CumulativeRewards(ImmutableSortedDictionary<AccountAddress, BigInteger> amounts, BigInteger total, long? lastEpoch)
    {
        _amounts = amounts;
        Total = total;
        LastEpoch = lastEpoch;
    }

    public static CumulativeRewards Empty { get; } =
        new(ImmutableSortedDictionary<AccountAddress, BigInteger>.Empty, BigInteger.Zero, null);

    /// <summary>Balances by owner, in ascending address order.</summary>
    public IReadOnlyDictionary<AccountAddress, BigInteger> Amounts => _amounts;

    public int Count => _amounts.Count;

    /// <summary>Sum of all balances: what RewardDistributor must have been minted for every claim to be payable.</summary>
    public BigInteger Total { get; }

    /// <summary>The last epoch applied; null before the first. Guards against applying an epoch twice.</summary>
    public long? LastEpoch { get; }

    /// <summary>
    /// Balances restored from storage or an export. Zero amounts are dropped (they earn no leaf); negative amounts,
    /// amounts beyond uint256 and repeated owners are refused.
    /// </summary>
    public static CumulativeRewards FromAmounts(IEnumerable<KeyValuePair<AccountAddress, BigInteger>> amounts, long? lastEpoch)
    {
        ArgumentNullException.ThrowIfNull(amounts);
        var builder = ImmutableSortedDictionary.CreateBuilder<AccountAddress, BigInteger>();
        var total = BigInteger.Zero;
        foreach (var (owner, amount) in amounts)
        {
            if (amount < 0 || amount > EvmIntegers.MaxUint256)
            {
                throw new ArgumentException($"Owner {owner} has a cumulative amount of {amount}, outside 0..2^256 − 1.", nameof(amounts));
            }

            if (builder.ContainsKey(owner))
            {
                throw new ArgumentException($"Owner {owner} appears twice.", nameof(amounts));
            }

            if (!amount.IsZero)
            {
                builder.Add(owner, amount);
                total += amount;
            }
        }

        return new CumulativeRewards(builder.ToImmutable(), total, lastEpoch);
    }

    /// <summary>Base units <paramref name="owner"/> has earned in total; 0 if none.</summary>
    public BigInteger AmountOf(AccountAddress owner) => _amounts.GetValueOrDefault(owner);

    /// <summary>These balances plus one epoch's rewards. Epochs must be applied in ascending order, each once.</summary>
    public CumulativeRewards Apply(EpochRewards epochRewards)
    {
        ArgumentNullException.ThrowIfNull(epochRewards);
        if (LastEpoch is { } last && epochRewards.Epoch <= last)
        {
            throw new ArgumentException($"Epoch {epochRewards.Epoch} cannot follow epoch {last}: epochs are applied once each, in order.", nameof(epochRewards));
        }

        var builder = _amounts.ToBuilder();
        foreach (var reward in epochRewards.Owners)
        {
            var amount = builder.GetValueOrDefault(reward.Owner) + reward.Amount;
            if (amount > EvmIntegers.MaxUint256)
            {
                throw new ArgumentException($"Owner {reward.Owner}'s cumulative amount would exceed uint256.", nameof(epochRewards));
            }

            builder[reward.Owner] = amount;
        }

        return new CumulativeRewards(builder.ToImmutable(), Total + epochRewards.Issued, epochRewards.Epoch);
    }
}
