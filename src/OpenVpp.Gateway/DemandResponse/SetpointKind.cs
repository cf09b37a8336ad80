namespace OpenVpp.Gateway.DemandResponse;

/// <summary>What an instruction sets on a device, and so which capability carries it out.</summary>
public enum SetpointKind
{
    /// <summary>Battery power in W, positive discharging, negative charging (<see cref="Capabilities.IBatterySetpoint"/>).</summary>
    BatteryPowerW,

    /// <summary>EV charging cap in W, 0 pauses (<see cref="Capabilities.IChargingLimit"/>).</summary>
    ChargingLimitW,

    /// <summary>PV output cap in W (<see cref="Capabilities.IInverterLimit"/>).</summary>
    GenerationLimitW,
}
