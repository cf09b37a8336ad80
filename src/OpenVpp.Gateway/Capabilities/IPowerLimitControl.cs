namespace OpenVpp.Gateway.Capabilities;

/// <summary>
/// A device whose power can be capped: a charger's charging profile (OCPP), an inverter's active-power limit
/// (SunSpec WMaxLimPct). Demand response applies its setpoints through this.
/// </summary>
public interface IPowerLimitControl
{
    /// <summary>Caps the device's power at <paramref name="limitW"/> watts (null removes the cap).</summary>
    ValueTask ApplyPowerLimitAsync(int? limitW, CancellationToken cancellationToken);
}
