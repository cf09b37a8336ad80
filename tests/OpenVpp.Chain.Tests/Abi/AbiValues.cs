using System.Numerics;
using OpenVpp.Chain.Tests.Support;

namespace OpenVpp.Chain.Tests.Abi;

/// <summary>Structural equality over ABI values (lists and byte arrays compare by content) and a readable dump for failures.</summary>
internal static class AbiValues
{
    public static bool Equal(object? a, object? b) => (a, b) switch
    {
        (null, null) => true,
        (byte[] x, byte[] y) => x.AsSpan().SequenceEqual(y),
        (IReadOnlyList<object?> x, IReadOnlyList<object?> y) => x.Count == y.Count && x.Zip(y).All(p => Equal(p.First, p.Second)),
        (BigInteger x, BigInteger y) => x == y,
        _ => Equals(a, b),
    };

    public static string Show(object? value) => value switch
    {
        null => "null",
        byte[] bytes => Hex.Of(bytes),
        string text => "\"" + text + "\"",
        IReadOnlyList<object?> items => "[" + string.Join(", ", items.Select(Show)) + "]",
        _ => value.ToString() ?? string.Empty,
    };
}
