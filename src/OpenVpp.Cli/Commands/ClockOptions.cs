using System.CommandLine;
using System.Globalization;
using OpenVpp.Core.Time;

namespace OpenVpp.Cli.Commands;

/// <summary>
/// Hidden options that put a node or gateway on a shared accelerated clock. The demo passes the same values to
/// every process it starts, so they agree on the time and keep agreeing after one of them is restarted.
/// </summary>
internal sealed class ClockOptions
{
    public Option<DateTimeOffset?> Start { get; } = new("--clock-start") { Hidden = true, Description = "Simulated time at the anchor (ISO 8601)." };

    public Option<DateTimeOffset?> Anchor { get; } = new("--clock-anchor") { Hidden = true, Description = "Wall-clock instant the simulated start corresponds to." };

    public Option<double> Speed { get; } = new("--clock-speed") { Hidden = true, Description = "Simulated seconds per wall-clock second.", DefaultValueFactory = _ => 1.0 };

    public void AddTo(Command command)
    {
        command.Add(Start);
        command.Add(Anchor);
        command.Add(Speed);
    }

    public TimeProvider Resolve(ParseResult parse)
    {
        var start = parse.GetValue(Start);
        var speed = parse.GetValue(Speed);
        if (start is null && Math.Abs(speed - 1.0) < double.Epsilon)
        {
            return TimeProvider.System;
        }

        var anchor = parse.GetValue(Anchor) ?? TimeProvider.System.GetUtcNow();
        return new AcceleratedTimeProvider(start ?? anchor, anchor, speed);
    }

    public static IEnumerable<string> Arguments(AcceleratedTimeProvider clock) =>
    [
        "--clock-start", clock.SimulatedStart.ToString("O", CultureInfo.InvariantCulture),
        "--clock-anchor", clock.WallAnchor.ToString("O", CultureInfo.InvariantCulture),
        "--clock-speed", clock.Speed.ToString("R", CultureInfo.InvariantCulture),
    ];
}
