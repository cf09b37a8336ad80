namespace OpenVpp.Core.Simulation;

/// <summary>Deterministic simulated fleet of homes (PV, battery, EV charger, household load, grid meter).</summary>
public sealed class FleetSimulator
{
    public FleetSimulator(FleetOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        Now = options.Origin;
        Devices = [];
    }

    public FleetOptions Options { get; }

    public IReadOnlyList<SimulatedDevice> Devices { get; }

    /// <summary>Start of the next interval <see cref="Step"/> will simulate.</summary>
    public DateTimeOffset Now { get; private set; }

    public FleetInterval Step() => throw new NotImplementedException("Being written: simulation helper.");
}
