namespace OpenVpp.Cli.Demo;

/// <summary>What `openvpp demo` runs: a fleet, a simulated duration, an accelerated clock, and optional faults.</summary>
internal sealed record DemoSettings(
    int Devices,
    double Hours,
    bool Faults,
    int Seed,
    double Speed,
    string DataDir,
    TimeSpan Interval,
    TimeSpan EpochLength,
    string Scenario = DemoSettings.BaselineScenario)
{
    /// <summary>Readings, epochs and rewards only.</summary>
    public const string BaselineScenario = "baseline";

    /// <summary>A summer Monday, so PV, batteries and EVs all have something to do.</summary>
    public static readonly DateTimeOffset Origin = new(2026, 6, 22, 0, 0, 0, TimeSpan.Zero);
}
