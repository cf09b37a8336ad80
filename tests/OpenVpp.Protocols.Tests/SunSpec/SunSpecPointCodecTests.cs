using OpenVpp.Protocols.SunSpec;
using OpenVpp.Protocols.SunSpec.Definitions;

namespace OpenVpp.Protocols.Tests.SunSpec;

public sealed class SunSpecPointCodecTests
{
    [Theory]
    [InlineData(SunSpecPointType.Int16, new ushort[] { 0x8000 })]
    [InlineData(SunSpecPointType.UInt16, new ushort[] { 0xFFFF })]
    [InlineData(SunSpecPointType.Acc16, new ushort[] { 0 })]
    [InlineData(SunSpecPointType.Enum16, new ushort[] { 0xFFFF })]
    [InlineData(SunSpecPointType.Bitfield16, new ushort[] { 0xFFFF })]
    [InlineData(SunSpecPointType.SunSsf, new ushort[] { 0x8000 })]
    [InlineData(SunSpecPointType.Int32, new ushort[] { 0x8000, 0 })]
    [InlineData(SunSpecPointType.UInt32, new ushort[] { 0xFFFF, 0xFFFF })]
    [InlineData(SunSpecPointType.Acc32, new ushort[] { 0, 0 })]
    [InlineData(SunSpecPointType.Enum32, new ushort[] { 0xFFFF, 0xFFFF })]
    [InlineData(SunSpecPointType.Bitfield32, new ushort[] { 0xFFFF, 0xFFFF })]
    [InlineData(SunSpecPointType.Int64, new ushort[] { 0x8000, 0, 0, 0 })]
    [InlineData(SunSpecPointType.UInt64, new ushort[] { 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF })]
    [InlineData(SunSpecPointType.Acc64, new ushort[] { 0, 0, 0, 0 })]
    public void Not_implemented_integers_are_absent(SunSpecPointType type, ushort[] registers)
    {
        Assert.Null(SunSpecPointCodec.ReadInteger(type, registers));
    }

    [Theory]
    [InlineData(SunSpecPointType.Int16, new ushort[] { 0xFFFE }, -2)]
    [InlineData(SunSpecPointType.Int16, new ushort[] { 0x7FFF }, 32767)]
    [InlineData(SunSpecPointType.UInt16, new ushort[] { 0xFFFE }, 65534)]
    [InlineData(SunSpecPointType.Int32, new ushort[] { 0xFFFF, 0xFFFE }, -2)]
    [InlineData(SunSpecPointType.UInt32, new ushort[] { 0x0001, 0x0002 }, 65538)]
    [InlineData(SunSpecPointType.Acc32, new ushort[] { 0x0012, 0xD687 }, 1234567)]
    [InlineData(SunSpecPointType.Int64, new ushort[] { 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF }, -1)]
    [InlineData(SunSpecPointType.SunSsf, new ushort[] { 0xFFFE }, -2)]
    [InlineData(SunSpecPointType.Count, new ushort[] { 0xFFFF }, 65535)]
    public void Integers_are_big_endian_with_the_high_word_first(SunSpecPointType type, ushort[] registers, long expected)
    {
        Assert.Equal((Int128)expected, SunSpecPointCodec.ReadInteger(type, registers));
    }

    [Fact]
    public void Floats_decode_and_nan_is_absent()
    {
        Assert.Equal(1.5, SunSpecPointCodec.ReadFloat(SunSpecPointType.Float32, [0x3FC0, 0x0000]));
        Assert.Null(SunSpecPointCodec.ReadFloat(SunSpecPointType.Float32, [0x7FC0, 0x0000]));
        Assert.Null(SunSpecPointCodec.ReadFloat(SunSpecPointType.Float64, [0x7FF8, 0, 0, 0]));
    }

    [Fact]
    public void Strings_addresses_and_eui48_decode_and_all_zero_is_absent()
    {
        Assert.Equal("SunS", SunSpecPointCodec.ReadText(SunSpecPointType.String, [0x5375, 0x6E53, 0, 0]));
        Assert.Null(SunSpecPointCodec.ReadText(SunSpecPointType.String, [0, 0, 0]));
        Assert.Equal("192.168.1.20", SunSpecPointCodec.ReadText(SunSpecPointType.IpAddr, [0xC0A8, 0x0114]));
        Assert.Null(SunSpecPointCodec.ReadText(SunSpecPointType.IpAddr, [0, 0]));
        Assert.Null(SunSpecPointCodec.ReadText(SunSpecPointType.Ipv6Addr, new ushort[8]));
        Assert.Equal("00:1A:2B:3C:4D:5E", SunSpecPointCodec.ReadText(SunSpecPointType.Eui48, [0, 0x001A, 0x2B3C, 0x4D5E]));
        Assert.Null(SunSpecPointCodec.ReadText(SunSpecPointType.Eui48, [0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF]));
    }

    [Theory]
    [InlineData(SunSpecPointType.Int16, -1, new ushort[] { 0xFFFF })]
    [InlineData(SunSpecPointType.Int32, -2, new ushort[] { 0xFFFF, 0xFFFE })]
    [InlineData(SunSpecPointType.UInt32, 65538, new ushort[] { 1, 2 })]
    public void Integers_are_written_as_they_are_read(SunSpecPointType type, long value, ushort[] expected)
    {
        var registers = SunSpecPointCodec.WriteInteger(type, expected.Length, value);

        Assert.Equal(expected, registers);
        Assert.Equal((Int128)value, SunSpecPointCodec.ReadInteger(type, registers));
    }

    [Theory]
    [InlineData(SunSpecPointType.UInt16, 65535)]
    [InlineData(SunSpecPointType.UInt16, -1)]
    [InlineData(SunSpecPointType.Int16, -32768)]
    [InlineData(SunSpecPointType.Int16, 40000)]
    [InlineData(SunSpecPointType.Enum16, 65535)]
    public void A_value_outside_the_type_or_equal_to_not_implemented_is_refused(SunSpecPointType type, long value)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SunSpecPointCodec.WriteInteger(type, 1, value));
    }
}
