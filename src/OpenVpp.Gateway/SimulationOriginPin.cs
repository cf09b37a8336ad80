using System.Globalization;

namespace OpenVpp.Gateway;

/// <summary>
/// Keeps the simulated fleet's origin with the gateway's data. The fleet is a deterministic function of its origin,
/// so a restarted gateway must rebuild it from the origin it first used, not from whatever "now" is at restart.
/// </summary>
public static class SimulationOriginPin
{
    public const string FileName = "simulation-origin";

    /// <summary>The origin already pinned in <paramref name="dataDir"/>, or <paramref name="requested"/>, pinned now.</summary>
    public static DateTimeOffset Resolve(string dataDir, DateTimeOffset requested)
    {
        var path = Path.Combine(dataDir, FileName);
        if (File.Exists(path))
        {
            var text = File.ReadAllText(path).Trim();
            return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var pinned)
                ? pinned
                : throw new InvalidOperationException($"{path} does not hold an ISO 8601 instant ('{text}'); delete it only together with outbox.db.");
        }

        if (!Directory.Exists(dataDir))
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(dataDir);
            }
            else
            {
                // Like the gateway's own start-up: the directory holds the keystore, so only its owner may enter.
                Directory.CreateDirectory(dataDir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        var temp = path + ".tmp";
        File.WriteAllText(temp, requested.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
        File.Move(temp, path, overwrite: true);
        return requested;
    }
}
