using FsCheck;
using FsCheck.Fluent;
using OpenVpp.Core.Devices;
using OpenVpp.Core.Readings;

namespace OpenVpp.Core.Tests.Readings;

/// <summary>FsCheck generators for readings that fit the version-1 wire format.</summary>
public static class ReadingGenerators
{
    private static readonly long MinMs = DateTimeOffset.MinValue.ToUnixTimeMilliseconds();
    private static readonly long MaxMs = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

    public static Arbitrary<Reading> Readings() => Reading.ToArbitrary();

    public static Gen<Reading> Reading =>
        from id in Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), DeviceId.Length)
        from sequence in ArbMap.Default.GeneratorFor<ulong>()
        from start in UnixMs
        from end in UnixMs
        from imported in ArbMap.Default.GeneratorFor<long>()
        from exported in ArbMap.Default.GeneratorFor<long>()
        from average in ArbMap.Default.GeneratorFor<int>()
        from peak in ArbMap.Default.GeneratorFor<int>()
        from soc in BasisPoints
        from soh in BasisPoints
        from flags in ArbMap.Default.GeneratorFor<ushort>()
        select new Reading(
            new DeviceId(id),
            sequence,
            DateTimeOffset.FromUnixTimeMilliseconds(start),
            DateTimeOffset.FromUnixTimeMilliseconds(end),
            imported,
            exported,
            average,
            peak,
            soc,
            soh,
            (ReadingStatus)flags);

    /// <summary>0–10000 bp or absent. 0xFFFF is the wire's "absent" marker and so cannot be a value.</summary>
    private static Gen<ushort?> BasisPoints =>
        Gen.Frequency(
            (1, Gen.Constant<ushort?>(null)),
            (1, Gen.Elements<ushort?>(0, 10_000)),
            (4, Gen.Choose(0, 10_000).Select(v => (ushort?)v)));

    /// <summary>Any millisecond DateTimeOffset can hold, with the extremes and recent times over-weighted.</summary>
    private static Gen<long> UnixMs =>
        Gen.Frequency(
            (1, Gen.Elements(MinMs, MaxMs, 0L)),
            (3, Gen.Choose(0, int.MaxValue).Select(v => 1_700_000_000_000L + (v * 1000L))),
            (4, ArbMap.Default.GeneratorFor<long>().Select(v => MinMs + (long)(unchecked((ulong)v) % (ulong)(MaxMs - MinMs + 1)))));
}
