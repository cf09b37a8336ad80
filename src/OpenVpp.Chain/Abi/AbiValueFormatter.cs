using System.Globalization;
using System.Numerics;
using System.Text;
using OpenVpp.Chain.Crypto;

namespace OpenVpp.Chain.Abi;

/// <summary>
/// Renders decoded ABI values for people: decimal integers, checksummed addresses, 0x hex bytes, quoted strings
/// with control characters escaped (a contract's strings must not be able to forge lines in a log).
/// </summary>
public static class AbiValueFormatter
{
    public static string Format(AbiType type, object? value)
    {
        ArgumentNullException.ThrowIfNull(type);
        var text = new StringBuilder();
        Append(text, type, value);
        return text.ToString();
    }

    /// <summary>Formats values as a call would be written: <c>(v1, v2, ...)</c>.</summary>
    public static string FormatList(IReadOnlyList<AbiType> types, IReadOnlyList<object?> values)
    {
        ArgumentNullException.ThrowIfNull(types);
        ArgumentNullException.ThrowIfNull(values);
        var text = new StringBuilder("(");
        for (var i = 0; i < types.Count; i++)
        {
            text.Append(i == 0 ? string.Empty : ", ");
            Append(text, types[i], i < values.Count ? values[i] : null);
        }

        return text.Append(')').ToString();
    }

    /// <summary>Escapes control characters so untrusted text stays on one line and cannot hide content.</summary>
    public static string EscapeControl(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.Any(char.IsControl))
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            escaped.Append(char.IsControl(c) ? "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture) : c.ToString());
        }

        return escaped.ToString();
    }

    private static void Append(StringBuilder text, AbiType type, object? value)
    {
        switch (type, value)
        {
            case (AbiIntegerType, BigInteger integer):
                text.Append(integer.ToString(CultureInfo.InvariantCulture));
                break;
            case (AbiAddressType, byte[] { Length: EthAddress.Length } address):
                text.Append(new EthAddress(address).ToString());
                break;
            case (AbiBoolType, bool flag):
                text.Append(flag ? "true" : "false");
                break;
            case (AbiStringType, string s):
                text.Append('"').Append(EscapeControl(s).Replace("\"", "\\\"", StringComparison.Ordinal)).Append('"');
                break;
            case (AbiBytesType or AbiFixedBytesType, byte[] bytes):
                text.Append("0x").Append(Convert.ToHexStringLower(bytes));
                break;
            case (AbiArrayType array, IReadOnlyList<object?> items):
                text.Append('[');
                for (var i = 0; i < items.Count; i++)
                {
                    text.Append(i == 0 ? string.Empty : ", ");
                    Append(text, array.Element, items[i]);
                }

                text.Append(']');
                break;
            case (AbiTupleType tuple, IReadOnlyList<object?> components):
                text.Append(FormatList(tuple.Components, components));
                break;
            default:
                text.Append(CultureInfo.InvariantCulture, $"<{type.Canonical}?>");
                break;
        }
    }
}
