using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;

namespace OpenVpp.Gateway.Tests.Support;

/// <summary>Waits on a condition with a timeout (no fixed sleeps), optionally moving fake time on while it waits.</summary>
internal static class Wait
{
    /// <summary>
    /// Polls <paramref name="condition"/> every 5 ms; when <paramref name="time"/> is given, advances it by
    /// <paramref name="step"/> each <paramref name="pollMilliseconds"/> of real time the condition stays false.
    /// </summary>
    public static async Task UntilAsync(
        Func<Task<bool>> condition, FakeTimeProvider? time = null, TimeSpan? step = null, int timeoutSeconds = 20, int pollMilliseconds = 20)
    {
        var watch = Stopwatch.StartNew();
        var sinceStep = Stopwatch.StartNew();
        while (!await condition())
        {
            if (watch.Elapsed > TimeSpan.FromSeconds(timeoutSeconds))
            {
                throw new TimeoutException($"Condition not met within {timeoutSeconds} s.");
            }

            if (time is not null && sinceStep.ElapsedMilliseconds >= pollMilliseconds)
            {
                time.Advance(step ?? TimeSpan.FromSeconds(1));
                sinceStep.Restart();
            }

            await Task.Delay(5);
        }
    }

    public static Task UntilAsync(
        Func<bool> condition, FakeTimeProvider? time = null, TimeSpan? step = null, int timeoutSeconds = 20, int pollMilliseconds = 20) =>
        UntilAsync(() => Task.FromResult(condition()), time, step, timeoutSeconds, pollMilliseconds);
}
