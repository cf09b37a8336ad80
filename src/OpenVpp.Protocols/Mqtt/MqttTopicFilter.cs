namespace OpenVpp.Protocols.Mqtt;

/// <summary>MQTT topic filters (MQTT 3.1.1 §4.7): <c>+</c> matches one level, a trailing <c>#</c> any number of levels.</summary>
public static class MqttTopicFilter
{
    /// <summary>Whether <paramref name="filter"/> is a well-formed filter; <paramref name="error"/> says why not.</summary>
    public static bool IsValid(string? filter, out string? error)
    {
        error = null;
        if (string.IsNullOrEmpty(filter))
        {
            error = "is empty";
            return false;
        }

        var levels = filter.Split('/');
        for (var i = 0; i < levels.Length; i++)
        {
            var level = levels[i];
            if (level.Contains('#', StringComparison.Ordinal) && (level != "#" || i != levels.Length - 1))
            {
                error = "'#' must be a whole level and the last one";
                return false;
            }

            if (level.Contains('+', StringComparison.Ordinal) && level != "+")
            {
                error = "'+' must be a whole level";
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether a message published on <paramref name="topic"/> matches <paramref name="filter"/>.</summary>
    public static bool Matches(string filter, string topic)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(topic);

        // Topics starting with '$' (broker internals such as $SYS) never match a filter starting with a wildcard.
        if (topic.StartsWith('$') && (filter.StartsWith('+') || filter.StartsWith('#')))
        {
            return false;
        }

        var f = filter.AsSpan();
        var t = topic.AsSpan();
        while (true)
        {
            var fEnd = f.IndexOf('/');
            var fLevel = fEnd < 0 ? f : f[..fEnd];
            if (fLevel is "#")
            {
                return true;
            }

            var tEnd = t.IndexOf('/');
            var tLevel = tEnd < 0 ? t : t[..tEnd];
            if (fLevel is not "+" && !fLevel.SequenceEqual(tLevel))
            {
                return false;
            }

            if (fEnd < 0 || tEnd < 0)
            {
                // "a/#" also matches "a" (the parent level), per the specification.
                return fEnd < 0 && tEnd < 0 || (tEnd < 0 && f[(fEnd + 1)..] is "#");
            }

            f = f[(fEnd + 1)..];
            t = t[(tEnd + 1)..];
        }
    }
}
