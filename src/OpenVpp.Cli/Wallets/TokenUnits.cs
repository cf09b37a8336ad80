using System.Globalization;
using System.Numerics;
using OpenVpp.Core.Rewards;

namespace OpenVpp.Cli.Wallets;

/// <summary>Exact decimal text of integer amounts with 18 decimals (wei → ether, OVPP base units → tokens).</summary>
internal static class TokenUnits
{
    private static readonly BigInteger Scale = Ovpp.BaseUnitsPerToken;

    /// <summary>1500000000000000000 → "1.5"; no rounding, no grouping, trailing zeros dropped.</summary>
    public static string Format(BigInteger baseUnits)
    {
        var whole = BigInteger.DivRem(BigInteger.Abs(baseUnits), Scale, out var fraction);
        var sign = baseUnits.Sign < 0 ? "-" : string.Empty;
        var text = sign + whole.ToString(CultureInfo.InvariantCulture);
        return fraction.IsZero
            ? text
            : text + "." + fraction.ToString(CultureInfo.InvariantCulture).PadLeft(Ovpp.Decimals, '0').TrimEnd('0');
    }

    public static string Integer(BigInteger value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A non-negative decimal integer as the node writes amounts; null when it is not one.</summary>
    public static BigInteger? ParseInteger(string? text) =>
        !string.IsNullOrEmpty(text) && text.All(char.IsAsciiDigit) && BigInteger.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;
}

/// <summary>An OVPP amount in JSON: exact base units (a decimal string: uint256 overflows JSON numbers) and tokens.</summary>
internal sealed record TokenAmount(string BaseUnits, string Tokens)
{
    public static TokenAmount Of(BigInteger baseUnits) => new(TokenUnits.Integer(baseUnits), TokenUnits.Format(baseUnits));
}

/// <summary>An ETH amount in JSON: exact wei (a decimal string) and ether.</summary>
internal sealed record EtherAmount(string Wei, string Ether)
{
    public static EtherAmount Of(BigInteger wei) => new(TokenUnits.Integer(wei), TokenUnits.Format(wei));
}
