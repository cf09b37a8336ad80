using System.Globalization;

namespace OpenVpp.Core.Time;

/// <summary>Durations as people write them on command lines and in config files: 90s, 15m, 1h, 2d or hh:mm:ss.</summary>
public static class DurationText
{
    public const string Examples = "90s, 15m, 1h, 2d or hh:mm:ss";

    /// <summary>The positive duration <paramref name="text"/> names, or null when it names none.</summary>
    public static TimeSpan? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        text = text.Trim();
        if (text.Length >= 2 && double.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) && amount > 0)
        {
            switch (text[^1])
            {
                case 's': return TimeSpan.FromSeconds(amount);
                case 'm': return TimeSpan.FromMinutes(amount);
                case 'h': return TimeSpan.FromHours(amount);
                case 'd': return TimeSpan.FromDays(amount);
            }
        }

        // A bare number is no duration: TimeSpan would read "15" as fifteen days, never what "interval: 15" meant.
        return text.Contains(':', StringComparison.Ordinal) && TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) && span > TimeSpan.Zero
            ? span
            : null;
    }
}
