namespace OpenVpp.Gateway.Capabilities;

/// <summary>A battery that follows a power setpoint (SunSpec storage controls, a simulated battery).</summary>
public interface IBatterySetpoint
{
    /// <summary>
    /// Asks the battery for <paramref name="setpointW"/> W: positive discharges (delivers), negative charges, zero holds;
    /// null returns it to its own control.
    /// </summary>
    ValueTask ApplyBatterySetpointAsync(int? setpointW, CancellationToken cancellationToken);
}
