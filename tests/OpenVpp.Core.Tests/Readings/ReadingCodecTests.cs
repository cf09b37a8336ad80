using System.Buffers.Binary;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using OpenVpp.Core.Devices;
using OpenVpp.Core.Readings;

namespace OpenVpp.Core.Tests.Readings;

public class ReadingCodecTests
{
    private static readonly Reading Sample = new(
        DeviceId.Parse("0x0102030405060708090a0b0c0d0e0f1011121314"),
        Sequence: 0x1122334455667788,
        IntervalStart: DateTimeOffset.FromUnixTimeMilliseconds(1_750_000_000_000),
        IntervalEnd: DateTimeOffset.FromUnixTimeMilliseconds(1_750_000_900_000),
        EnergyImportedWh: 1234,
        EnergyExportedWh: 56_789,
        AveragePowerW: -250,
        PeakPowerW: 4_600,
        StateOfChargeBp: 8_125,
        StateOfHealthBp: 9_900,
        Flags: ReadingStatus.UnderDispatch | ReadingStatus.Estimated);

    [Property(Arbitrary = [typeof(ReadingGenerators)])]
    public bool Round_trips_any_reading(Reading reading)
    {
        var bytes = ReadingCodec.Encode(reading);
        var decoded = ReadingCodec.TryDecode(bytes, out var error);

        return bytes.Length == ReadingCodec.Length && error is null && decoded == reading;
    }

    [Property(Arbitrary = [typeof(ReadingGenerators)])]
    public bool Encoding_is_deterministic_and_span_form_matches_array_form(Reading reading)
    {
        Span<byte> span = stackalloc byte[ReadingCodec.Length + 4];
        span.Fill(0xAA);
        ReadingCodec.Encode(reading, span);

        return span[..ReadingCodec.Length].SequenceEqual(ReadingCodec.Encode(reading))
            && span[ReadingCodec.Length..].IndexOfAnyExcept((byte)0xAA) < 0;
    }

    [Fact]
    public void Lays_fields_out_big_endian_at_fixed_offsets()
    {
        var b = ReadingCodec.Encode(Sample);

        Assert.Equal(76, b.Length);
        Assert.Equal(1, b[0]);
        Assert.Equal(0, b[1]);
        Assert.Equal(new byte[] { 0x00, 0x12 }, b[2..4]);
        Assert.Equal(Convert.FromHexString("0102030405060708090a0b0c0d0e0f1011121314"), b[4..24]);
        Assert.Equal(Convert.FromHexString("1122334455667788"), b[24..32]);
        Assert.Equal(1_750_000_000_000L, BinaryPrimitives.ReadInt64BigEndian(b.AsSpan(32)));
        Assert.Equal(Convert.FromHexString("00000197742E97A0"), b[40..48]); // 1_750_000_900_000 ms
        Assert.Equal(Convert.FromHexString("00000000000004D2"), b[48..56]);
        Assert.Equal(Convert.FromHexString("000000000000DDD5"), b[56..64]);
        Assert.Equal(Convert.FromHexString("FFFFFF06"), b[64..68]);
        Assert.Equal(Convert.FromHexString("000011F8"), b[68..72]);
        Assert.Equal(Convert.FromHexString("1FBD"), b[72..74]);
        Assert.Equal(Convert.FromHexString("26AC"), b[74..76]);
    }

    [Fact]
    public void Writes_absent_state_of_charge_and_health_as_ffff()
    {
        var b = ReadingCodec.Encode(Sample with { StateOfChargeBp = null, StateOfHealthBp = null });

        Assert.Equal(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF }, b[72..76]);
        var decoded = ReadingCodec.TryDecode(b, out _);
        Assert.NotNull(decoded);
        Assert.Null(decoded.StateOfChargeBp);
        Assert.Null(decoded.StateOfHealthBp);
    }

    [Fact]
    public void Keeps_negative_energy_as_a_negative_number_on_the_wire()
    {
        var b = ReadingCodec.Encode(Sample with { EnergyImportedWh = -1 });

        Assert.Equal(-1L, BinaryPrimitives.ReadInt64BigEndian(b.AsSpan(48)));
        Assert.Equal(-1L, ReadingCodec.TryDecode(b, out _)!.EnergyImportedWh);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(75)]
    [InlineData(77)]
    [InlineData(140)]
    public void Rejects_bytes_of_the_wrong_length(int length)
    {
        var bytes = new byte[length];
        ReadingCodec.Encode(Sample).AsSpan(0, Math.Min(length, ReadingCodec.Length)).CopyTo(bytes);

        var decoded = ReadingCodec.TryDecode(bytes, out var error);

        Assert.Null(decoded);
        Assert.Contains("76 bytes", error, StringComparison.Ordinal);
        Assert.Contains(length.ToString(System.Globalization.CultureInfo.InvariantCulture), error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(255)]
    public void Rejects_an_unknown_version(byte version)
    {
        var bytes = ReadingCodec.Encode(Sample);
        bytes[0] = version;

        Assert.Null(ReadingCodec.TryDecode(bytes, out var error));
        Assert.Contains("version", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(0x80)]
    public void Rejects_a_non_zero_reserved_byte(byte reserved)
    {
        var bytes = ReadingCodec.Encode(Sample);
        bytes[1] = reserved;

        Assert.Null(ReadingCodec.TryDecode(bytes, out var error));
        Assert.Contains("reserved", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(32)]
    [InlineData(40)]
    public void Rejects_a_timestamp_outside_what_DateTimeOffset_can_hold(int offset)
    {
        var bytes = ReadingCodec.Encode(Sample);
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(offset), long.MaxValue);

        Assert.Null(ReadingCodec.TryDecode(bytes, out var error));
        Assert.Contains("timestamp", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Encode_rejects_a_destination_shorter_than_76_bytes()
    {
        Assert.Throws<ArgumentException>(() => ReadingCodec.Encode(Sample, new byte[75]));
    }

    [Property]
    public Property Decode_never_throws_on_arbitrary_76_bytes() =>
        Prop.ForAll(
            Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), ReadingCodec.Length).ToArbitrary(),
            bytes =>
            {
                var decoded = ReadingCodec.TryDecode(bytes, out var error);
                return (decoded is null) != (error is null);
            });
}
