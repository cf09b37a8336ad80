using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using OpenVpp.Protocols.Dsmr;

namespace OpenVpp.Protocols.Tests.Dsmr;

public sealed class P1ParserProperties
{
    private static readonly byte[] Iskra = DsmrTelegrams.Bytes("iskra_dsmr50");
    private static readonly int Header = Array.IndexOf(Iskra, (byte)'/');
    private static readonly int Bang = Array.LastIndexOf(Iskra, (byte)'!');

    /// <summary>
    /// Any single byte changed anywhere from '/' to '!' inclusive is caught: the CRC (which detects every single-byte
    /// error) or the framing refuses it, so no changed telegram is ever read with other values.
    /// </summary>
    [Property(MaxTest = 500)]
    public Property Any_single_byte_change_inside_a_v5_telegram_is_rejected() =>
        Prop.ForAll(
            Gen.Choose(Header, Bang).ToArbitrary(),
            Gen.Choose(1, 255).ToArbitrary(),
            (position, delta) =>
            {
                var changed = (byte[])Iskra.Clone();
                changed[position] = unchecked((byte)(changed[position] + delta));
                return !P1Parser.Parse(changed).IsOk;
            });

    /// <summary>Whatever bytes arrive, the parser answers with a telegram or a reason and never throws.</summary>
    [Property(MaxTest = 300)]
    public Property Arbitrary_bytes_never_throw(byte[] noise) =>
        Prop.ForAll(
            Gen.Choose(0, Iskra.Length).ToArbitrary(),
            cut =>
            {
                var input = Iskra.AsSpan(0, cut).ToArray().Concat(noise ?? []).ToArray();
                var result = P1Parser.Parse(input);
                return result.IsOk || result.Error is not null;
            });

    /// <summary>The table-driven CRC (eight bytes a step) equals the bit-by-bit definition for any input length.</summary>
    [Property(MaxTest = 300)]
    public bool Crc16_equals_the_bitwise_definition(byte[] data)
    {
        data ??= [];
        var crc = 0;
        foreach (var b in data)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xA001 : crc >> 1;
            }
        }

        return Crc16Arc.Compute(data) == crc;
    }
}
