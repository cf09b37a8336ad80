using Microsoft.Data.Sqlite;
using OpenVpp.Core.Crypto;
using OpenVpp.Core.Devices;
using OpenVpp.Core.Readings;
using OpenVpp.Core.Wire;

namespace OpenVpp.Node.Tests;

/// <summary>Keys, registrations and signed readings for tests.</summary>
internal static class TestData
{
    public static readonly DateTimeOffset Now = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

    public static DeviceRegistration Registration(P256DeviceKey key, DeviceKind kind = DeviceKind.Battery, long nameplateW = 5000, string region = "nl-north", long capacityWh = 10_000) =>
        new("0x" + Convert.ToHexStringLower(key.PublicKey), "0xowner", kind.ToWire(), nameplateW, capacityWh, region, "home-1");

    public static Reading Reading(
        P256DeviceKey key, ulong sequence, DateTimeOffset start, TimeSpan? length = null,
        long importedWh = 100, long exportedWh = 200, int averageW = 400, int peakW = 1000, ushort? soc = 5000) =>
        new(key.Id, sequence, start, start + (length ?? TimeSpan.FromMinutes(15)), importedWh, exportedWh, averageW, peakW, soc, 9800, ReadingStatus.None);

    public static byte[] SignBytes(P256DeviceKey key, Reading reading)
    {
        var canonical = ReadingCodec.Encode(reading);
        return SignedReading.Combine(canonical, key.Sign(canonical));
    }

    public static string Sign(P256DeviceKey key, Reading reading) => Convert.ToBase64String(SignBytes(key, reading));

    public static string TempDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), "openvpp-node-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    public static void DeleteDir(string dir)
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(dir, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp dir left behind does no harm.
        }
    }
}
