namespace OpenVpp.Chain.Hosting;

/// <summary>The last lines a child process printed, kept for error messages; thread-safe, bounded.</summary>
internal sealed class OutputTail
{
    private const int MaxLines = 40;
    private const int MaxLineLength = 500;

    private readonly Queue<string> _lines = new();
    private readonly Lock _lock = new();

    public string Text
    {
        get
        {
            lock (_lock)
            {
                return _lines.Count == 0 ? "(nothing)" : string.Join('\n', _lines);
            }
        }
    }

    public void Add(string? line)
    {
        if (string.IsNullOrEmpty(line))
        {
            return;
        }

        lock (_lock)
        {
            _lines.Enqueue(line.Length <= MaxLineLength ? line : line[..MaxLineLength] + "...");
            if (_lines.Count > MaxLines)
            {
                _lines.Dequeue();
            }
        }
    }
}
