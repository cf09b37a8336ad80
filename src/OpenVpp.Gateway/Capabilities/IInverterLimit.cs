namespace OpenVpp.Gateway.Capabilities;

/// <summary>An inverter whose active power output can be curtailed (SunSpec WMaxLimPct / DER controls).</summary>
public interface IInverterLimit
{
    /// <summary>Caps active power output at <paramref name="limitW"/> W (null removes the cap).</summary>
    ValueTask ApplyInverterLimitAsync(int? limitW, CancellationToken cancellationToken);
}
