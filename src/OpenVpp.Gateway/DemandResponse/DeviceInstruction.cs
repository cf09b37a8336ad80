namespace OpenVpp.Gateway.DemandResponse;

/// <summary>
/// One device's setpoint for [<see cref="Start"/>, <see cref="End"/>), from demand-response event
/// <see cref="EventId"/>. Outside every instruction a device follows its own control.
/// </summary>
public sealed record DeviceInstruction(string EventId, string DeviceName, DateTimeOffset Start, DateTimeOffset End, SetpointKind Kind, int W)
{
    /// <summary>Checks the instruction is well formed; returns the problem, or null.</summary>
    public string? Problem() =>
        string.IsNullOrWhiteSpace(EventId) ? "the event id is empty"
        : string.IsNullOrWhiteSpace(DeviceName) ? "the device name is empty"
        : End <= Start ? $"it ends ({End:O}) before it starts ({Start:O})"
        : Kind != SetpointKind.BatteryPowerW && W < 0 ? $"a {Kind} cannot be negative ({W} W)"
        : !Enum.IsDefined(Kind) ? $"unknown setpoint kind {(int)Kind}"
        : null;
}
