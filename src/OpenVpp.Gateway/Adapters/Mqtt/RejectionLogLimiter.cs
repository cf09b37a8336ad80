namespace OpenVpp.Gateway.Adapters.Mqtt;

/// <summary>
/// Lets one log line per key (a topic) through per interval and counts the rest, so a device that publishes garbage
/// every second cannot flood the log, yet the operator still learns how much was left out.
/// </summary>
internal sealed class RejectionLogLimiter
{
    // A broker can deliver unboundedly many distinct topics (wildcard filters); forget them all past this many.
    private const int MaxKeys = 1024;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, (DateTimeOffset LastLogged, int Suppressed)> _keys = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly TimeSpan _interval;

    public RejectionLogLimiter(TimeProvider time, TimeSpan interval)
    {
        _time = time;
        _interval = interval;
    }

    /// <summary>True when a line for <paramref name="key"/> may be logged now; <paramref name="suppressed"/> is how many were held back since the last one.</summary>
    public bool ShouldLog(string key, out int suppressed)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            if (_keys.TryGetValue(key, out var state) && now - state.LastLogged < _interval)
            {
                _keys[key] = state with { Suppressed = state.Suppressed + 1 };
                suppressed = 0;
                return false;
            }

            if (_keys.Count >= MaxKeys)
            {
                _keys.Clear();
            }

            suppressed = state.Suppressed;
            _keys[key] = (now, 0);
            return true;
        }
    }
}
