using System.Globalization;
using System.Numerics;
using OpenVpp.Chain.Abi;
using OpenVpp.Chain.Tests.Support;

namespace OpenVpp.Chain.Tests.Abi;

/// <summary>Writes ABI values in the syntax cast parses on its command line: <c>[a,b]</c> arrays, <c>(a,b)</c> tuples, 0x hex.</summary>
internal static class CastArguments
{
    public static string Format(AbiType type, object? value, bool nested = false) => (type, value) switch
    {
        (AbiIntegerType, BigInteger number) => number.ToString(CultureInfo.InvariantCulture),
        (AbiBoolType, bool flag) => flag ? "true" : "false",
        (AbiStringType, string text) => nested ? "\"" + text + "\"" : text,
        (_, byte[] bytes) => Hex.Of(bytes),
        (AbiArrayType array, IReadOnlyList<object?> items) => "[" + string.Join(',', items.Select(i => Format(array.Element, i, nested: true))) + "]",
        (AbiTupleType tuple, IReadOnlyList<object?> items) => "(" + string.Join(',', tuple.Components.Zip(items, (t, i) => Format(t, i, nested: true))) + ")",
        _ => throw new ArgumentException($"No cast syntax for {type} value {AbiValues.Show(value)}."),
    };

    /// <summary>"--" first so negative numbers are not taken for options.</summary>
    public static string[] Command(string command, string signature, IReadOnlyList<AbiType> types, IReadOnlyList<object?> values) =>
        [command, "--", signature, .. types.Zip(values, (t, v) => Format(t, v))];
}
