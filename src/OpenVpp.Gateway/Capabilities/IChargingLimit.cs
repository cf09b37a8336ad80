namespace OpenVpp.Gateway.Capabilities;

/// <summary>An EV charger whose charging power can be capped (OCPP charging profiles); demand response uses it.</summary>
public interface IChargingLimit
{
    /// <summary>Caps charging at <paramref name="limitW"/> W (0 pauses charging; null removes the cap).</summary>
    ValueTask ApplyChargingLimitAsync(int? limitW, CancellationToken cancellationToken);
}
