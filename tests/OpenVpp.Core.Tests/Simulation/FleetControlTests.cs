using OpenVpp.Core.Devices;
using OpenVpp.Core.Simulation;

namespace OpenVpp.Core.Tests.Simulation;

/// <summary>
/// Demand-response controls on the simulated fleet. Each test runs the same seed with and without a control: a
/// control changes only the controlled device and the meter of its home (everything else draws the same
/// randomness), and the meter still closes the home's energy balance.
/// </summary>
public class FleetControlTests
{
    private static readonly FleetOptions Winter = FleetRun.Options(3, 200, FleetRun.Midwinter);

    // An evening peak of the winter day, 16:00–19:00 UTC; the tests only need it to be evening, after sunset.
    private static readonly DateTimeOffset PeakStart = FleetRun.Midwinter.AddHours(16);
    private static readonly DateTimeOffset PeakEnd = FleetRun.Midwinter.AddHours(19);

    [Fact]
    public void A_battery_setpoint_discharges_at_the_setpoint_and_the_meter_sees_exactly_the_difference()
    {
        var baseline = new FleetSimulator(Winter);
        var controlled = new FleetSimulator(Winter);
        var battery = First(controlled, DeviceKind.Battery);

        // A winter battery is often near its reserve, so both runs first fill it from the grid overnight.
        foreach (var simulator in new[] { baseline, controlled })
        {
            simulator.Control(new ControlChange(Winter.Origin, battery, DeviceControl.BatterySetpoint(-5_000)));
            simulator.Control(new ControlChange(Winter.Origin.AddHours(6), battery, null));
        }

        controlled.Control(new ControlChange(PeakStart, battery, DeviceControl.BatterySetpoint(2_000)));
        controlled.Control(new ControlChange(PeakEnd, battery, null));

        var before = FleetRun.Steps(baseline, 96);
        var after = FleetRun.Steps(controlled, 96);
        var meter = MeterOf(controlled, battery);

        var stepsAtSetpoint = 0;
        for (var i = 0; i < 96; i++)
        {
            var inPeak = before[i].Start >= PeakStart && before[i].Start < PeakEnd;
            var changed = Enumerable.Range(0, controlled.Devices.Count)
                .Where(d => before[i].Measurements[d] != after[i].Measurements[d]).ToList();
            Assert.All(changed, d => Assert.Contains(d, new[] { battery, meter }));
            if (before[i].Start < PeakStart)
            {
                Assert.Empty(changed);
            }

            if (!inPeak)
            {
                continue;
            }

            var b = after[i].Measurements[battery];
            // 2,000 W for 15 min is 500 Wh, unless the reserve stops it first.
            Assert.True(b.EnergyExportedWh <= 500, $"interval {i}: {b.EnergyExportedWh} Wh");
            stepsAtSetpoint += b.EnergyExportedWh == 500 ? 1 : 0;

            // The meter is the sum of the home's devices, so it moves by exactly the battery's change.
            var batteryDeltaWh = Net(after[i].Measurements[battery]) - Net(before[i].Measurements[battery]);
            var meterDeltaWh = Net(after[i].Measurements[meter]) - Net(before[i].Measurements[meter]);
            Assert.Equal(batteryDeltaWh, meterDeltaWh);
        }

        Assert.True(stepsAtSetpoint > 0, "the battery never ran at its setpoint");
    }

    [Fact]
    public void A_long_discharge_setpoint_stops_at_the_reserve()
    {
        var simulator = new FleetSimulator(Winter);
        var battery = First(simulator, DeviceKind.Battery);
        simulator.Control(new ControlChange(Winter.Origin, battery, DeviceControl.BatterySetpoint(int.MaxValue)));

        var intervals = FleetRun.Steps(simulator, 96);
        var state = simulator.StateOf(battery);

        Assert.True(state.StoredWh >= state.ReserveWh - 1e-6, $"stored {state.StoredWh} Wh under reserve {state.ReserveWh} Wh");
        Assert.Equal(0, intervals[^1].Measurements[battery].EnergyExportedWh);
        Assert.All(intervals, i => Assert.True(i.Measurements[battery].AveragePowerW <= simulator.Devices[battery].NameplatePowerW));
    }

    [Fact]
    public void A_negative_setpoint_charges_the_battery_from_the_grid()
    {
        var baseline = new FleetSimulator(Winter);
        var controlled = new FleetSimulator(Winter);
        var battery = First(controlled, DeviceKind.Battery);
        controlled.Control(new ControlChange(Winter.Origin, battery, DeviceControl.BatterySetpoint(-1_000)));

        var before = FleetRun.Steps(baseline, 8);
        var after = FleetRun.Steps(controlled, 8);

        // Winter night: no PV, so every Wh the battery takes comes through the meter.
        Assert.True(after.Sum(i => i.Measurements[battery].EnergyImportedWh) > 0);
        Assert.True(controlled.StateOf(battery).StoredWh > baseline.StateOf(battery).StoredWh);
        Assert.All(after, i => Assert.True(i.Measurements[battery].EnergyImportedWh <= 250));
        Assert.Equal(
            after.Sum(i => Net(i.Measurements[battery])) - before.Sum(i => Net(i.Measurements[battery])),
            after.Sum(i => Net(i.Measurements[MeterOf(controlled, battery)])) - before.Sum(i => Net(i.Measurements[MeterOf(controlled, battery)])));
    }

    [Fact]
    public void A_charging_limit_defers_ev_charging_and_the_car_catches_up_afterwards()
    {
        var (ev, start, baseline) = FirstEveningSession();
        var controlled = new FleetSimulator(Winter);
        var pauseEnd = start.AddHours(2);
        controlled.Control(new ControlChange(start, ev, DeviceControl.ChargingLimit(0)));
        controlled.Control(new ControlChange(pauseEnd, ev, null));

        var before = FleetRun.Steps(baseline, 2 * 96);
        var after = FleetRun.Steps(controlled, 2 * 96);

        Assert.All(after.Where(i => i.Start >= start && i.Start < pauseEnd), i => Assert.Equal(0, i.Measurements[ev].EnergyImportedWh));
        Assert.True(before.Where(i => i.Start >= start && i.Start < pauseEnd).Sum(i => i.Measurements[ev].EnergyImportedWh) > 0);

        // The session's need is the same either way: paused energy is made up before the car leaves.
        Assert.Equal(before.Sum(i => i.Measurements[ev].EnergyImportedWh), after.Sum(i => i.Measurements[ev].EnergyImportedWh));
    }

    [Fact]
    public void A_charging_limit_caps_the_charger_power()
    {
        var (ev, start, _) = FirstEveningSession();
        var controlled = new FleetSimulator(Winter);
        controlled.Control(new ControlChange(start, ev, DeviceControl.ChargingLimit(3_680)));

        var after = FleetRun.Steps(controlled, 96);

        // 3,680 W for 15 min is 920 Wh.
        Assert.All(after.Where(i => i.Start >= start), i => Assert.True(i.Measurements[ev].EnergyImportedWh <= 920));
        Assert.Contains(after.Where(i => i.Start >= start), i => i.Measurements[ev].EnergyImportedWh == 920);
    }

    [Fact]
    public void A_generation_limit_curtails_pv_at_the_limit()
    {
        var summer = FleetRun.Options(3, 200, FleetRun.Midsummer);
        var baseline = new FleetSimulator(summer);
        var controlled = new FleetSimulator(summer);
        var pv = First(controlled, DeviceKind.SolarInverter);
        controlled.Control(new ControlChange(summer.Origin, pv, DeviceControl.GenerationLimit(400)));

        var before = FleetRun.Steps(baseline, 96);
        var after = FleetRun.Steps(controlled, 96);

        // 400 W for 15 min is 100 Wh; around noon the array makes more than that.
        Assert.All(after, i => Assert.True(i.Measurements[pv].EnergyExportedWh <= 100));
        Assert.Contains(before, i => i.Measurements[pv].EnergyExportedWh > 100);
        Assert.All(after, i => Assert.True(i.Measurements[pv].PeakPowerW <= 400));
    }

    [Fact]
    public void Replaying_the_control_history_gives_the_same_fleet()
    {
        var original = new FleetSimulator(Winter);
        var battery = First(original, DeviceKind.Battery);
        var pv = First(original, DeviceKind.SolarInverter);
        FleetRun.Steps(original, 10);
        original.Control(new ControlChange(original.Now, battery, DeviceControl.BatterySetpoint(1_500)));
        original.Control(new ControlChange(original.Now.AddHours(1), pv, DeviceControl.GenerationLimit(0)));
        original.Control(new ControlChange(original.Now.AddHours(3), battery, null));
        var expected = FleetRun.Steps(original, 40);

        var replayed = new FleetSimulator(Winter);
        foreach (var change in original.ControlHistory)
        {
            replayed.Control(change);
        }

        replayed.SkipTo(Winter.Origin + (Winter.Interval * 10));
        var actual = FleetRun.Steps(replayed, 40);

        Assert.Equal(3, original.ControlHistory.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Measurements, actual[i].Measurements);
        }
    }

    [Fact]
    public void A_control_that_does_not_fit_is_refused_with_a_reason()
    {
        var simulator = new FleetSimulator(Winter);
        var battery = First(simulator, DeviceKind.Battery);
        var pv = First(simulator, DeviceKind.SolarInverter);
        simulator.Step();

        var wrongKind = Assert.Throws<ArgumentException>(() => simulator.Control(new ControlChange(simulator.Now, pv, DeviceControl.BatterySetpoint(100))));
        Assert.Contains("SolarInverter", wrongKind.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => simulator.Control(new ControlChange(Winter.Origin, battery, DeviceControl.BatterySetpoint(100))));
        Assert.Throws<ArgumentOutOfRangeException>(() => simulator.Control(new ControlChange(simulator.Now, simulator.Devices.Count, null)));
        Assert.Throws<ArgumentOutOfRangeException>(() => DeviceControl.ChargingLimit(-1));
        Assert.Empty(simulator.ControlHistory);
    }

    [Fact]
    public void State_reports_the_battery_energy_and_a_plugged_cars_need()
    {
        var (ev, start, simulator) = FirstEveningSession();
        var battery = First(simulator, DeviceKind.Battery);
        simulator.SkipTo(start + Winter.Interval);

        var batteryState = simulator.StateOf(battery);
        Assert.InRange(batteryState.StoredWh!.Value, 0.0, batteryState.UsableCapacityWh!.Value);
        Assert.Equal(simulator.Devices[battery].CapacityWh * HomeBattery.ReserveFraction, batteryState.ReserveWh!.Value, 6);

        var evState = simulator.StateOf(ev);
        Assert.NotNull(evState.DepartureAt);
        Assert.True(evState.DepartureAt > simulator.Now);
        Assert.True(evState.RemainingNeedWh >= 0);
    }

    private static int First(FleetSimulator simulator, DeviceKind kind) =>
        simulator.Devices.Select((d, i) => (d, i)).First(x => x.d.Kind == kind).i;

    /// <summary>The meter of the home a device belongs to: the first device of its site.</summary>
    private static int MeterOf(FleetSimulator simulator, int deviceIndex)
    {
        var site = simulator.Devices[deviceIndex].Site;
        return simulator.Devices.Select((d, i) => (d, i)).First(x => x.d.Site == site && x.d.Kind == DeviceKind.GridMeter).i;
    }

    private static long Net(DeviceMeasurement m) => m.EnergyImportedWh - m.EnergyExportedWh;

    /// <summary>An EV charger that starts charging on the first evening, and the interval it starts in.</summary>
    private static (int Ev, DateTimeOffset Start, FleetSimulator Fresh) FirstEveningSession()
    {
        var probe = new FleetSimulator(Winter);
        var intervals = FleetRun.Steps(probe, 96);
        foreach (var (device, index) in probe.Devices.Select((d, i) => (d, i)).Where(x => x.d.Kind == DeviceKind.EvCharger))
        {
            var first = intervals.FirstOrDefault(i => i.Start >= FleetRun.Midwinter.AddHours(12) && i.Measurements[index].EnergyImportedWh > 0);
            // A session that needs more than 2 h at full power, so a pause is visible and must be made up.
            if (first is not null && intervals.Where(i => i.Start >= first.Start).Count(i => i.Measurements[index].EnergyImportedWh > 0) > 8)
            {
                return (index, first.Start, new FleetSimulator(Winter));
            }
        }

        throw new InvalidOperationException("no evening EV session in the test fleet");
    }
}
