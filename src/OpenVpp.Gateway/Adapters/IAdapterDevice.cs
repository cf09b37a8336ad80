namespace OpenVpp.Gateway.Adapters;

/// <summary>
/// One device behind an adapter. It implements the capability interfaces it supports
/// (<see cref="Capabilities.IPowerMeter"/>, <see cref="Capabilities.IEnergyMeter"/>,
/// <see cref="Capabilities.IStateOfCharge"/>, later control such as a battery setpoint); the gateway asks with
/// <c>is</c>, evcc-style.
/// </summary>
public interface IAdapterDevice
{
    DeviceDescriptor Descriptor { get; }
}
