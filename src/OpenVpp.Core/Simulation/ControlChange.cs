namespace OpenVpp.Core.Simulation;

/// <summary>
/// From the interval starting at <see cref="From"/> on, device <see cref="DeviceIndex"/> follows
/// <see cref="Control"/>, or its own controller again when that is null, until the device's next change.
/// Changes are the simulator's whole control history: replaying them gives the same fleet state.
/// </summary>
public readonly record struct ControlChange(DateTimeOffset From, int DeviceIndex, DeviceControl? Control);
