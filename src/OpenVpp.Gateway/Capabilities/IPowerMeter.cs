namespace OpenVpp.Gateway.Capabilities;

/// <summary>A device that reports its current power.</summary>
public interface IPowerMeter
{
    /// <summary>Current power in W, positive when the device delivers energy (exports), negative when it draws.</summary>
    ValueTask<int> CurrentPowerWAsync(CancellationToken cancellationToken);
}
