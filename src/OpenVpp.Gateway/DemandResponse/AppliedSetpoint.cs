namespace OpenVpp.Gateway.DemandResponse;

/// <summary>
/// What the executor last did to one device: the setpoint it holds (null kind = released to its own control), when,
/// from which event, and the error of the last failed attempt (null when the device accepted it).
/// </summary>
public sealed record AppliedSetpoint(string DeviceName, SetpointKind? Kind, int? W, string? EventId, DateTimeOffset At, string? LastError)
{
    public bool Accepted => LastError is null;
}
