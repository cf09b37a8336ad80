using System.Globalization;
using OpenVpp.Core.Wire;

namespace OpenVpp.Node;

/// <summary>0x-prefixed lower-case hex, the form every hash and byte string takes in the node's API.</summary>
internal static class Hex
{
    public static string Of(ReadOnlySpan<byte> bytes) => HexBytes.ToHex(bytes);

    public static bool TryParse(string? text, out byte[] bytes) => HexBytes.TryParse(text, out bytes);

    public static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
