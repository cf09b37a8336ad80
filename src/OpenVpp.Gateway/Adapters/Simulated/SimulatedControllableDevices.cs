using OpenVpp.Core.Simulation;
using OpenVpp.Gateway.Capabilities;

namespace OpenVpp.Gateway.Adapters.Simulated;

/// <summary>A simulated battery that follows a power setpoint from the simulator's next interval on.</summary>
internal sealed class SimulatedBatteryDevice(SimulatedDevice device, int deviceIndex, SimulatedFleetAdapter fleet)
    : SimulatedAdapterDevice(device, deviceIndex), IBatterySetpoint, IFlexibilityState
{
    public ValueTask<FlexibilityState?> FlexibilityStateAsync(CancellationToken cancellationToken)
    {
        var state = fleet.StateOf(DeviceIndex);
        return ValueTask.FromResult<FlexibilityState?>(new FlexibilityState(state.NameplatePowerW, state.NameplatePowerW, LastPowerW)
        {
            StoredWh = state.StoredWh,
            ReserveWh = state.ReserveWh,
            UsableCapacityWh = state.UsableCapacityWh,
        });
    }

    public ValueTask ApplyBatterySetpointAsync(int? setpointW, CancellationToken cancellationToken)
    {
        fleet.ApplyControl(DeviceIndex, setpointW is { } w ? DeviceControl.BatterySetpoint(w) : null);
        return ValueTask.CompletedTask;
    }
}

/// <summary>A simulated EV charger whose charging power can be capped, as an OCPP charging profile would.</summary>
internal sealed class SimulatedEvChargerDevice(SimulatedDevice device, int deviceIndex, SimulatedFleetAdapter fleet)
    : SimulatedAdapterDevice(device, deviceIndex), IChargingLimit, IFlexibilityState
{
    /// <summary>A charger offers flexibility only while a car is plugged in: it can only draw less, never deliver.</summary>
    public ValueTask<FlexibilityState?> FlexibilityStateAsync(CancellationToken cancellationToken)
    {
        var state = fleet.StateOf(DeviceIndex);
        return ValueTask.FromResult(state.DepartureAt is { } departure
            ? new FlexibilityState(0, state.NameplatePowerW, LastPowerW) { DepartureAt = departure, EnergyNeededWh = state.RemainingNeedWh }
            : null);
    }

    public ValueTask ApplyChargingLimitAsync(int? limitW, CancellationToken cancellationToken)
    {
        fleet.ApplyControl(DeviceIndex, limitW is { } w ? DeviceControl.ChargingLimit(w) : null);
        return ValueTask.CompletedTask;
    }
}

/// <summary>A simulated PV inverter whose output can be curtailed, as SunSpec WMaxLimPct would.</summary>
internal sealed class SimulatedInverterDevice(SimulatedDevice device, int deviceIndex, SimulatedFleetAdapter fleet)
    : SimulatedAdapterDevice(device, deviceIndex), IInverterLimit, IFlexibilityState
{
    /// <summary>An inverter can only be curtailed: its flexibility is its output now, down to zero.</summary>
    public ValueTask<FlexibilityState?> FlexibilityStateAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult<FlexibilityState?>(new FlexibilityState(fleet.StateOf(DeviceIndex).NameplatePowerW, 0, LastPowerW));

    public ValueTask ApplyInverterLimitAsync(int? limitW, CancellationToken cancellationToken)
    {
        fleet.ApplyControl(DeviceIndex, limitW is { } w ? DeviceControl.GenerationLimit(w) : null);
        return ValueTask.CompletedTask;
    }
}
