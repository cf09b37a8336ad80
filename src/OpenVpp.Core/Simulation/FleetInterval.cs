namespace OpenVpp.Core.Simulation;

/// <summary>All devices' measurements for [Start, End), in the order of <see cref="FleetSimulator.Devices"/>.</summary>
public sealed record FleetInterval(DateTimeOffset Start, DateTimeOffset End, IReadOnlyList<DeviceMeasurement> Measurements);
