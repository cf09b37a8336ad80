namespace OpenVpp.Gateway.Capabilities;

/// <summary>A device that stores energy and knows how full it is (a home battery, an EV through its charger).</summary>
public interface IStateOfCharge
{
    /// <summary>State of charge in basis points (0–10000 = 0–100 %), null when not known right now.</summary>
    ValueTask<ushort?> StateOfChargeBpAsync(CancellationToken cancellationToken);
}
