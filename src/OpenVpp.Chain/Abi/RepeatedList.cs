using System.Collections;

namespace OpenVpp.Chain.Abi;

/// <summary>The element type of an array repeated Count times, so arrays and tuples share one sequence codec without allocating.</summary>
internal sealed class RepeatedList(AbiType item, int count) : IReadOnlyList<AbiType>
{
    public AbiType this[int index] => (uint)index < (uint)count ? item : throw new ArgumentOutOfRangeException(nameof(index));

    public int Count => count;

    public IEnumerator<AbiType> GetEnumerator() => Enumerable.Repeat(item, count).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
