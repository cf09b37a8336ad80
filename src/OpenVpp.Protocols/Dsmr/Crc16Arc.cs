namespace OpenVpp.Protocols.Dsmr;

/// <summary>
/// CRC-16/ARC (polynomial 0x8005 reflected as 0xA001, initial value 0, no final XOR), which DSMR 4 and later append
/// to each telegram after '!', computed over every byte from '/' to '!' inclusive. Table-driven: one lookup a byte.
/// </summary>
public static class Crc16Arc
{
    private static readonly ushort[] Table = BuildTable();

    public static ushort Compute(ReadOnlySpan<byte> data)
    {
        ushort crc = 0;
        var table = Table;
        foreach (var b in data)
        {
            crc = (ushort)((crc >> 8) ^ table[(crc ^ b) & 0xFF]);
        }

        return crc;
    }

    private static ushort[] BuildTable()
    {
        var table = new ushort[256];
        for (var i = 0; i < 256; i++)
        {
            var crc = (ushort)i;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (ushort)((crc >> 1) ^ 0xA001) : (ushort)(crc >> 1);
            }

            table[i] = crc;
        }

        return table;
    }
}
