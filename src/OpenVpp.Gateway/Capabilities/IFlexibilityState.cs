namespace OpenVpp.Gateway.Capabilities;

/// <summary>A device that can say what flexibility it has now (a battery's charge, a plugged car's need); a VEN reports it.</summary>
public interface IFlexibilityState
{
    /// <summary>The device's flexibility now, or null when it cannot tell (offline, no car plugged in).</summary>
    ValueTask<FlexibilityState?> FlexibilityStateAsync(CancellationToken cancellationToken);
}
