namespace OpenVpp.Core.Simulation;

/// <summary>
/// One home's devices stepped together, so the grid meter closes exactly: every device's energy is first
/// rounded to whole Wh, then the meter's net import is their sum (load + battery charge − battery discharge
/// + EV − PV, standby included). The battery runs a self-consumption controller: it charges only from PV
/// surplus and discharges only to cover the household's own deficit (never into the EV, never to the grid).
/// A demand-response control overrides a device's own behaviour for the interval (<see cref="DeviceControl"/>):
/// a battery setpoint may then export to the grid or charge from it.
/// </summary>
internal sealed class SimulatedHome
{
    private readonly HomePlan _plan;
    private readonly HouseholdDemand _load;
    private readonly SolarArray? _pv;
    private readonly HomeBattery? _battery;
    private readonly EvChargePoint? _ev;
    private SplitMix64 _rng;

    public SimulatedHome(int seed, HomePlan plan)
    {
        _plan = plan;
        _rng = SplitMix64.For(seed, SimulationStream.HomeNoise, plan.HomeIndex);
        _load = new HouseholdDemand(plan.YearlyDemandKWh, _rng.NextGaussian());
        var initialCloud = _rng.NextGaussian();
        if (plan.Pv is { } pv)
        {
            _pv = new SolarArray(pv.PeakKw, pv.InverterPowerW, pv.StandbyW, initialCloud);
        }

        if (plan.Battery is { } battery)
        {
            var initialStoredWh = battery.InitialStateOfCharge * battery.CapacityWh * battery.InitialStateOfHealth;
            _battery = new HomeBattery(battery.CapacityWh, battery.MaxPowerW, initialStoredWh, battery.InitialStateOfHealth);
        }

        if (plan.Ev is { } ev)
        {
            _ev = new EvChargePoint(seed, plan.HomeIndex, ev);
        }
    }

    public HomePlan Plan => _plan;

    /// <summary>Device index of the PV inverter, or -1 (the order is that of <see cref="FleetLayout.Devices"/>).</summary>
    public int PvDeviceIndex => _plan.Pv is null ? -1 : _plan.FirstDeviceIndex + 2;

    public int BatteryDeviceIndex => _plan.Battery is null ? -1 : _plan.FirstDeviceIndex + 2 + (_plan.Pv is null ? 0 : 1);

    public int EvDeviceIndex => _plan.Ev is null ? -1 : _plan.FirstDeviceIndex + _plan.DeviceCount - 1;

    internal HomeBattery? Battery => _battery;

    internal EvChargePoint? Ev => _ev;

    /// <summary>Simulates one interval; writes this home's measurements into <paramref name="sink"/> when given.</summary>
    public void Step(SimulationInterval interval, DeviceMeasurement[]? sink, FleetControls controls)
    {
        var pvControl = ControlOf(controls, PvDeviceIndex, interval, DeviceControlKind.GenerationLimit);
        var evControl = ControlOf(controls, EvDeviceIndex, interval, DeviceControlKind.ChargingLimit);
        var batteryControl = ControlOf(controls, BatteryDeviceIndex, interval, DeviceControlKind.BatteryPowerSetpoint);

        var pv = _pv?.Step(interval, interval.Weather[_plan.RegionIndex], ref _rng, pvControl?.W) ?? default;
        ushort? carSocBp = null;
        var ev = _ev?.Step(interval, out carSocBp, evControl?.W) ?? default;

        var connectionWh = interval.MaxEnergyWh(_plan.ConnectionLimitW);
        var load = _load.Step(interval, ref _rng, connectionWh - ev.ImportedWh - pv.ImportedWh);

        var battery = StepBattery(interval, pv, load, ev, batteryControl);
        var netImportWh = load.NetImportWh + pv.NetImportWh + ev.NetImportWh + battery.NetImportWh;

        // A real meter nets the phases and the interval: import and export in the same interval cancel out.
        var loadExcessW = load.PeakPowerW - IntervalEnergy.AveragePowerW(load.ImportedWh, interval.DurationTicks);
        var meterPeakW = IntervalEnergy.AveragePowerCeilingW(netImportWh, interval.DurationTicks) + Math.Max(0, loadExcessW);
        var meter = new DeviceFlow(Math.Max(netImportWh, 0), Math.Max(-netImportWh, 0), meterPeakW);

        if (sink is not null)
        {
            Write(sink, interval, meter, load, pv, battery, ev, carSocBp);
        }
    }

    private static DeviceControl? ControlOf(FleetControls controls, int deviceIndex, SimulationInterval interval, DeviceControlKind kind) =>
        deviceIndex < 0 || controls.IsEmpty ? null
        : controls.ActiveAt(deviceIndex, interval.Start) is { } control && control.Kind == kind ? control
        : null;

    private DeviceFlow StepBattery(SimulationInterval interval, DeviceFlow pv, DeviceFlow load, DeviceFlow ev, DeviceControl? control)
    {
        // Only homes with a battery draw its jitter; a home never changes shape, so its draw sequence is fixed.
        if (_battery is null)
        {
            return default;
        }

        var peakJitter = _rng.NextUnit();
        var limitWh = interval.MaxEnergyWh(_battery.MaxPowerW);
        var surplusWh = -(pv.NetImportWh + load.NetImportWh + ev.NetImportWh);
        DeviceFlow flow;
        if (control is { } setpoint)
        {
            // An external setpoint is held steady through the interval, so its peak is its mean.
            var wantedWh = interval.MaxEnergyWh(setpoint.MagnitudeW);
            flow = setpoint.W switch
            {
                > 0 => new DeviceFlow(0, _battery.Discharge(wantedWh, limitWh), 0),
                < 0 => new DeviceFlow(_battery.Charge(wantedWh, limitWh), 0, 0),
                _ => default,
            };
            _battery.Age(interval.Hours);
            return flow with { PeakPowerW = IntervalEnergy.AveragePowerCeilingW(flow.NetImportWh, interval.DurationTicks) };
        }

        if (surplusWh > 0)
        {
            flow = new DeviceFlow(_battery.Charge(surplusWh, limitWh), 0, 0);
        }
        else
        {
            var householdDeficitWh = Math.Max(0, pv.NetImportWh + load.NetImportWh);
            flow = new DeviceFlow(0, _battery.Discharge(Math.Min(-surplusWh, householdDeficitWh), limitWh), 0);
        }

        _battery.Age(interval.Hours);

        // The controller follows the load within the interval, so its peak sits a little above its mean.
        var meanW = IntervalEnergy.AveragePowerCeilingW(flow.NetImportWh, interval.DurationTicks);
        return flow with { PeakPowerW = (int)Math.Round(meanW * (1.0 + (0.3 * peakJitter))) };
    }

    private void Write(
        DeviceMeasurement[] sink,
        SimulationInterval interval,
        DeviceFlow meter,
        DeviceFlow load,
        DeviceFlow pv,
        DeviceFlow battery,
        DeviceFlow ev,
        ushort? carSocBp)
    {
        var index = _plan.FirstDeviceIndex;
        var ticks = interval.DurationTicks;
        sink[index] = MeasurementFactory.Create(index, meter, _plan.ConnectionLimitW, ticks);
        index++;
        sink[index] = MeasurementFactory.Create(index, load, _plan.ConnectionLimitW, ticks);
        index++;
        if (_plan.Pv is { } pvPlan)
        {
            sink[index] = MeasurementFactory.Create(index, pv, pvPlan.InverterPowerW, ticks);
            index++;
        }

        if (_battery is not null)
        {
            sink[index] = MeasurementFactory.Create(index, battery, _battery.MaxPowerW, ticks, _battery.StateOfChargeBp, _battery.StateOfHealthBp);
            index++;
        }

        if (_plan.Ev is { } evProfile)
        {
            sink[index] = MeasurementFactory.Create(index, ev, evProfile.ChargerPowerW, ticks, carSocBp);
        }
    }
}
