using System.Globalization;
using System.Text;
using OpenVpp.Core.Simulation;

namespace OpenVpp.Gateway.Adapters.Simulated;

/// <summary>
/// The simulated fleet's control changes, one line each, appended and flushed to disk before they take effect. The
/// fleet is a deterministic function of its options and its control history, so a restarted gateway replays this
/// file and fast-forwards to the same battery charge and EV sessions it had before it stopped.
/// Line format: <c>from-utc device-index kind|own W</c>, for example <c>2026-12-06T17:00:00.0000000Z 12 BatteryPowerSetpoint 2000</c>.
/// </summary>
public sealed class SimulationControlJournal
{
    public const string FileName = "simulation-controls.log";

    private readonly string _path;
    private readonly Lock _gate = new();

    public SimulationControlJournal(string dataDir)
    {
        _path = Path.Combine(dataDir, FileName);
    }

    /// <summary>Every change in the journal, in the order written. A torn last line (a crash mid-write) is ignored.</summary>
    public IReadOnlyList<ControlChange> Load()
    {
        if (!File.Exists(_path))
        {
            return [];
        }

        var lines = File.ReadAllText(_path, Encoding.UTF8).Split('\n');
        var changes = new List<ControlChange>(lines.Length);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0)
            {
                continue;
            }

            // Only the final line can be torn, since every earlier one was flushed before the next was written.
            if (!TryParse(line, out var change))
            {
                if (i >= lines.Length - 2)
                {
                    break;
                }

                throw new InvalidDataException($"{_path} line {i + 1} is not a control change ('{line}'); restore it or delete the file together with outbox.db.");
            }

            changes.Add(change);
        }

        return changes;
    }

    /// <summary>Appends <paramref name="change"/> and flushes it to the disk.</summary>
    public void Append(ControlChange change)
    {
        var line = Format(change) + "\n";
        lock (_gate)
        {
            using var stream = new FileStream(_path, FileMode.Append, FileAccess.Write, FileShare.Read);
            stream.Write(Encoding.UTF8.GetBytes(line));
            stream.Flush(flushToDisk: true);
        }
    }

    internal static string Format(ControlChange change) => string.Create(
        CultureInfo.InvariantCulture,
        $"{change.From.UtcDateTime:O} {change.DeviceIndex} {(change.Control is { } c ? $"{c.Kind} {c.W}" : "own 0")}");

    internal static bool TryParse(string line, out ControlChange change)
    {
        change = default;
        var parts = line.Split(' ');
        if (parts.Length != 4
            || !DateTimeOffset.TryParse(parts[0], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var from)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var device)
            || !int.TryParse(parts[3], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var w))
        {
            return false;
        }

        if (parts[2] == "own")
        {
            change = new ControlChange(from, device, null);
            return true;
        }

        if (!Enum.TryParse<DeviceControlKind>(parts[2], ignoreCase: false, out var kind) || !Enum.IsDefined(kind))
        {
            return false;
        }

        change = new ControlChange(from, device, new DeviceControl(kind, w));
        return true;
    }
}
