namespace OpenVpp.Chain.Abi;

/// <summary>
/// <c>(T1,...,Tn)</c>: a struct or a parameter list; values are <see cref="IReadOnlyList{T}"/> with one item per
/// component (decoding returns <c>object?[]</c>). An empty tuple only appears as an empty parameter list.
/// </summary>
public sealed class AbiTupleType : AbiType
{
    public AbiTupleType(IReadOnlyList<AbiType> components)
    {
        ArgumentNullException.ThrowIfNull(components);
        Components = [.. components];
        foreach (var component in Components)
        {
            ArgumentNullException.ThrowIfNull(component);
        }

        Canonical = "(" + string.Join(',', Components.Select(c => c.Canonical)) + ")";
        IsDynamic = Components.Any(c => c.IsDynamic);
        var headSize = WordSize;
        if (!IsDynamic)
        {
            var size = Components.Sum(c => (long)c.HeadSize);
            if (size > AbiArrayType.MaxStaticSize)
            {
                throw new AbiException($"Type {Canonical} would take {size} bytes; the limit is {AbiArrayType.MaxStaticSize}.");
            }

            headSize = (int)size;
        }

        HeadSize = headSize;
    }

    public IReadOnlyList<AbiType> Components { get; }

    public override string Canonical { get; }

    public override bool IsDynamic { get; }

    public override int HeadSize { get; }
}
