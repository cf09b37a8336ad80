namespace OpenVpp.Protocols.Dsmr;

/// <summary>
/// CRC-16/ARC (polynomial 0x8005 reflected as 0xA001, initial value 0, no final XOR), which DSMR 4 and later append
/// to each telegram after '!', computed over every byte from '/' to '!' inclusive. Slicing-by-8: eight bytes per
/// step through eight 256-entry tables (Tk is the CRC of a byte followed by k zero bytes), one table per byte lane,
/// which is linear so the lanes XOR together.
/// </summary>
public static class Crc16Arc
{
    private static readonly ushort[] Tables = BuildTables();

    public static ushort Compute(ReadOnlySpan<byte> data)
    {
        uint crc = 0;
        ReadOnlySpan<ushort> t = Tables;
        while (data.Length >= 8)
        {
            crc = unchecked((uint)(t[(7 * 256) + (byte)(data[0] ^ crc)] ^ t[(6 * 256) + (byte)(data[1] ^ (crc >> 8))] ^
                t[(5 * 256) + data[2]] ^ t[(4 * 256) + data[3]] ^ t[(3 * 256) + data[4]] ^
                t[(2 * 256) + data[5]] ^ t[256 + data[6]] ^ t[data[7]]));
            data = data[8..];
        }

        foreach (var b in data)
        {
            crc = (crc >> 8) ^ t[unchecked((byte)(crc ^ b))];
        }

        return unchecked((ushort)crc);
    }

    private static ushort[] BuildTables()
    {
        var tables = new ushort[8 * 256];
        for (var i = 0; i < 256; i++)
        {
            var crc = (uint)i;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xA001 : crc >> 1;
            }

            tables[i] = (ushort)crc;
        }

        for (var k = 1; k < 8; k++)
        {
            for (var i = 0; i < 256; i++)
            {
                var previous = tables[((k - 1) * 256) + i];
                tables[(k * 256) + i] = (ushort)((previous >> 8) ^ tables[previous & 0xFF]);
            }
        }

        return tables;
    }
}
