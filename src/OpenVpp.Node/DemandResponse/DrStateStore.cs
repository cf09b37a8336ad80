using System.Text.Json;

namespace OpenVpp.Node.DemandResponse;

/// <summary>
/// One JSON file per operator event under <c>DIR/dr/</c>. Each write goes to a temporary file that is flushed to
/// disk and renamed over the old one, so a crash leaves the previous state or the new one, never half of either.
/// </summary>
internal sealed class DrStateStore
{
    private readonly string _directory;

    public DrStateStore(string dataDir)
    {
        _directory = Path.Combine(dataDir, "dr");
        Directory.CreateDirectory(_directory);
    }

    public IReadOnlyList<DrEventState> LoadAll()
    {
        var states = new List<DrEventState>();
        foreach (var file in Directory.EnumerateFiles(_directory, "*.json").Order(StringComparer.Ordinal))
        {
            var state = JsonSerializer.Deserialize(File.ReadAllBytes(file), DrJsonContext.Default.DrEventState)
                ?? throw new InvalidDataException($"{file} holds no demand-response state.");
            states.Add(state);
        }

        return states;
    }

    public void Save(DrEventState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var path = Path.Combine(_directory, FileName(state.EventId));
        var temp = path + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            JsonSerializer.Serialize(stream, state, DrJsonContext.Default.DrEventState);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: true);
    }

    // VTN ids are ours ("event-" + hex) but are checked anyway: a file name must never leave the directory.
    private static string FileName(string eventId) =>
        eventId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') ? eventId + ".json"
            : throw new ArgumentException($"Event id '{eventId}' cannot name a file.", nameof(eventId));
}
