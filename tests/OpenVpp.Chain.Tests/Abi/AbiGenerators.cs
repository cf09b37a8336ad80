using System.Collections.Immutable;
using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using OpenVpp.Chain.Abi;

namespace OpenVpp.Chain.Tests.Abi;

/// <summary>FsCheck generators for random ABI types (nested up to a few levels) and values that fit them.</summary>
internal static class AbiGenerators
{
    /// <summary>Strings that cast can take on its command line unquoted and that still exercise padding lengths.</summary>
    private static readonly string[] PlainPieces = ["a", "Z", "0", "x", "hello", "OpenVPP", "0123456789abcdef0123456789abcdef"];

    /// <summary>Pieces that stress UTF-8: multi-byte characters, a surrogate pair, and characters cast would need quoted.</summary>
    private static readonly string[] RichPieces = [.. PlainPieces, "é", "€", "😀", " ", ",", "\"", "[", ")", "\0"];

    public static Gen<AbiType> Type(int depth) =>
        depth <= 0
            ? Elementary
            : Gen.Frequency(
                (3, Elementary),
                (1, from element in Type(depth - 1) from length in Gen.Choose(1, 3) select (AbiType)new AbiArrayType(element, length)),
                (1, Type(depth - 1).Select(element => (AbiType)new AbiArrayType(element, null))),
                (1, from count in Gen.Choose(1, 3)
                    from components in Gen.ArrayOf(Type(depth - 1), count)
                    select (AbiType)new AbiTupleType(components)));

    public static Gen<AbiType> Elementary =>
        Gen.OneOf(
            Gen.Choose(1, 32).Select(n => (AbiType)new AbiIntegerType(n * 8, isSigned: false)),
            Gen.Choose(1, 32).Select(n => (AbiType)new AbiIntegerType(n * 8, isSigned: true)),
            Gen.Constant<AbiType>(AbiAddressType.Instance),
            Gen.Constant<AbiType>(AbiBoolType.Instance),
            Gen.Choose(1, 32).Select(n => (AbiType)new AbiFixedBytesType(n)),
            Gen.Constant<AbiType>(AbiBytesType.Instance),
            Gen.Constant<AbiType>(AbiStringType.Instance));

    public static Gen<object?> Value(AbiType type, bool castSafe) => type switch
    {
        AbiIntegerType integer => Integer(integer).Select(v => (object?)v),
        AbiAddressType => Bytes(AbiAddressType.Length).Select(b => (object?)b),
        AbiBoolType => Gen.Elements(true, false).Select(b => (object?)b),
        AbiFixedBytesType fixedBytes => Bytes(fixedBytes.Size).Select(b => (object?)b),
        AbiBytesType => Gen.Choose(0, 70).SelectMany(Bytes).Select(b => (object?)b),
        AbiStringType => Text(castSafe).Select(s => (object?)s),
        AbiArrayType array => (array.Length is { } k ? Gen.Constant(k) : Gen.Choose(0, 3))
            .SelectMany(count => Sequence(Enumerable.Repeat(array.Element, count), castSafe)),
        AbiTupleType tuple => Sequence(tuple.Components, castSafe),
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary>A parameter list and matching values, for call-level round trips and cast cross-checks.</summary>
    public static Gen<(AbiType[] Types, object?[] Values)> Parameters(bool castSafe) =>
        from count in Gen.Choose(1, 4)
        from types in Gen.ArrayOf(Type(2), count)
        from values in Sequence(types, castSafe)
        select (types, (object?[])values!);

    private static Gen<object?> Sequence(IEnumerable<AbiType> types, bool castSafe) =>
        types.Aggregate(
            Gen.Constant(ImmutableList<object?>.Empty),
            (acc, type) => from items in acc from item in Value(type, castSafe) select items.Add(item))
        .Select(items => (object?)items.ToArray());

    private static Gen<BigInteger> Integer(AbiIntegerType type)
    {
        // Uniform over the whole width would almost never hit the edges, so they get their own weight.
        var span = type.MaxValue - type.MinValue + 1;
        var uniform = Bytes(33).Select(b => type.MinValue + (new BigInteger(b, isUnsigned: true) % span));
        return Gen.Frequency(
            (4, uniform),
            (1, Gen.Elements(type.MinValue, type.MaxValue, BigInteger.Zero, type.IsSigned ? BigInteger.MinusOne : BigInteger.One)),
            (1, Gen.Choose(-300, 300).Select(v => BigInteger.Clamp(v, type.MinValue, type.MaxValue))));
    }

    private static Gen<byte[]> Bytes(int length) => Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), length);

    private static Gen<string> Text(bool castSafe) =>
        from count in Gen.Choose(castSafe ? 1 : 0, 6)
        from pieces in Gen.ArrayOf(Gen.Elements(castSafe ? PlainPieces : RichPieces), count)
        select string.Concat(pieces);
}
