using System.Buffers.Binary;
using OpenVpp.Core.Devices;

namespace OpenVpp.Core.Readings;

/// <summary>
/// The canonical binary form of a reading, version 1. Big-endian, fixed 76 bytes, so the bytes a device signs
/// are the bytes a node stores, hashes into the epoch Merkle tree and a contract can slice without a decoder:
/// <code>
/// off len field
///   0   1 version (1)
///   1   1 reserved (0)
///   2   2 flags
///   4  20 device id
///  24   8 sequence
///  32   8 interval start, Unix milliseconds UTC
///  40   8 interval end, Unix milliseconds UTC
///  48   8 energy imported, Wh (signed on the wire so a negative value is caught, not wrapped)
///  56   8 energy exported, Wh
///  64   4 average power, W (signed)
///  68   4 peak power, W
///  72   2 state of charge, basis points; 0xFFFF = absent
///  74   2 state of health, basis points; 0xFFFF = absent
/// </code>
/// </summary>
public static class ReadingCodec
{
    public const byte Version = 1;
    public const int Length = 76;
    private const ushort Absent = 0xFFFF;

    public static byte[] Encode(Reading reading)
    {
        var buffer = new byte[Length];
        Encode(reading, buffer);
        return buffer;
    }

    public static void Encode(Reading reading, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(reading);
        if (destination.Length < Length)
        {
            throw new ArgumentException($"Need {Length} bytes.", nameof(destination));
        }

        destination[0] = Version;
        destination[1] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)reading.Flags);
        reading.DeviceId.Bytes.CopyTo(destination[4..]);
        BinaryPrimitives.WriteUInt64BigEndian(destination[24..], reading.Sequence);
        BinaryPrimitives.WriteInt64BigEndian(destination[32..], reading.IntervalStart.ToUnixTimeMilliseconds());
        BinaryPrimitives.WriteInt64BigEndian(destination[40..], reading.IntervalEnd.ToUnixTimeMilliseconds());
        BinaryPrimitives.WriteInt64BigEndian(destination[48..], reading.EnergyImportedWh);
        BinaryPrimitives.WriteInt64BigEndian(destination[56..], reading.EnergyExportedWh);
        BinaryPrimitives.WriteInt32BigEndian(destination[64..], reading.AveragePowerW);
        BinaryPrimitives.WriteInt32BigEndian(destination[68..], reading.PeakPowerW);
        BinaryPrimitives.WriteUInt16BigEndian(destination[72..], reading.StateOfChargeBp ?? Absent);
        BinaryPrimitives.WriteUInt16BigEndian(destination[74..], reading.StateOfHealthBp ?? Absent);
    }

    /// <summary>Decodes canonical bytes; returns null with a reason when they are not a version-1 reading.</summary>
    public static Reading? TryDecode(ReadOnlySpan<byte> source, out string? error)
    {
        error = null;
        if (source.Length != Length)
        {
            error = $"a version-1 reading is {Length} bytes, got {source.Length}";
            return null;
        }

        if (source[0] != Version)
        {
            error = $"unsupported reading version {source[0]}";
            return null;
        }

        if (source[1] != 0)
        {
            error = "reserved byte must be 0";
            return null;
        }

        var startMs = BinaryPrimitives.ReadInt64BigEndian(source[32..]);
        var endMs = BinaryPrimitives.ReadInt64BigEndian(source[40..]);
        if (!IsRepresentable(startMs) || !IsRepresentable(endMs))
        {
            error = "interval timestamp out of range";
            return null;
        }

        var soc = BinaryPrimitives.ReadUInt16BigEndian(source[72..]);
        var soh = BinaryPrimitives.ReadUInt16BigEndian(source[74..]);
        return new Reading(
            new DeviceId(source.Slice(4, DeviceId.Length)),
            BinaryPrimitives.ReadUInt64BigEndian(source[24..]),
            DateTimeOffset.FromUnixTimeMilliseconds(startMs),
            DateTimeOffset.FromUnixTimeMilliseconds(endMs),
            BinaryPrimitives.ReadInt64BigEndian(source[48..]),
            BinaryPrimitives.ReadInt64BigEndian(source[56..]),
            BinaryPrimitives.ReadInt32BigEndian(source[64..]),
            BinaryPrimitives.ReadInt32BigEndian(source[68..]),
            soc == Absent ? null : soc,
            soh == Absent ? null : soh,
            (ReadingStatus)BinaryPrimitives.ReadUInt16BigEndian(source[2..]));
    }

    private static bool IsRepresentable(long unixMs) =>
        unixMs >= DateTimeOffset.MinValue.ToUnixTimeMilliseconds() && unixMs <= DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();
}
