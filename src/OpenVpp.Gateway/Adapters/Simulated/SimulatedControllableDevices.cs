using OpenVpp.Core.Simulation;
using OpenVpp.Gateway.Capabilities;

namespace OpenVpp.Gateway.Adapters.Simulated;

/// <summary>A simulated battery that follows a power setpoint from the simulator's next interval on.</summary>
internal sealed class SimulatedBatteryDevice(SimulatedDevice device, int deviceIndex, SimulatedFleetAdapter fleet)
    : SimulatedAdapterDevice(device, deviceIndex), IBatterySetpoint
{
    public ValueTask ApplyBatterySetpointAsync(int? setpointW, CancellationToken cancellationToken)
    {
        fleet.ApplyControl(DeviceIndex, setpointW is { } w ? DeviceControl.BatterySetpoint(w) : null);
        return ValueTask.CompletedTask;
    }
}

/// <summary>A simulated EV charger whose charging power can be capped, as an OCPP charging profile would.</summary>
internal sealed class SimulatedEvChargerDevice(SimulatedDevice device, int deviceIndex, SimulatedFleetAdapter fleet)
    : SimulatedAdapterDevice(device, deviceIndex), IChargingLimit
{
    public ValueTask ApplyChargingLimitAsync(int? limitW, CancellationToken cancellationToken)
    {
        fleet.ApplyControl(DeviceIndex, limitW is { } w ? DeviceControl.ChargingLimit(w) : null);
        return ValueTask.CompletedTask;
    }
}

/// <summary>A simulated PV inverter whose output can be curtailed, as SunSpec WMaxLimPct would.</summary>
internal sealed class SimulatedInverterDevice(SimulatedDevice device, int deviceIndex, SimulatedFleetAdapter fleet)
    : SimulatedAdapterDevice(device, deviceIndex), IInverterLimit
{
    public ValueTask ApplyInverterLimitAsync(int? limitW, CancellationToken cancellationToken)
    {
        fleet.ApplyControl(DeviceIndex, limitW is { } w ? DeviceControl.GenerationLimit(w) : null);
        return ValueTask.CompletedTask;
    }
}
