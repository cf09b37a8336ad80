using OpenVpp.Core.Devices;
using OpenVpp.Core.Simulation;
using OpenVpp.Gateway.Adapters;
using OpenVpp.Gateway.Adapters.Simulated;
using OpenVpp.Gateway.Capabilities;
using OpenVpp.Gateway.Tests.Support;

namespace OpenVpp.Gateway.Tests.Adapters;

/// <summary>
/// Simulated devices take demand-response setpoints through the same capabilities as real ones, and a restarted
/// gateway (a new adapter on the same data dir) replays the journal to the very same fleet state.
/// </summary>
public sealed class SimulatedControlTests : IDisposable
{
    private static readonly FleetOptions Fleet = new(4, 60, new DateTimeOffset(2025, 12, 21, 0, 0, 0, TimeSpan.Zero), TimeSpan.FromMinutes(15));
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Batteries_chargers_and_inverters_offer_the_matching_capability_only()
    {
        var adapter = new SimulatedFleetAdapter(Fleet);

        Assert.All(adapter.Devices, d =>
        {
            Assert.Equal(d.Descriptor.Kind == DeviceKind.Battery, d is IBatterySetpoint);
            Assert.Equal(d.Descriptor.Kind == DeviceKind.EvCharger, d is IChargingLimit);
            Assert.Equal(d.Descriptor.Kind == DeviceKind.SolarInverter, d is IInverterLimit);
        });
        Assert.Contains(adapter.Devices, d => d is IBatterySetpoint);
    }

    [Fact]
    public async Task A_setpoint_applies_from_the_next_interval_and_survives_a_restart()
    {
        var continuous = new SimulatedFleetAdapter(Fleet, new SimulationControlJournal(_dir.Path));
        var battery = (IBatterySetpoint)continuous.Devices.First(d => d is IBatterySetpoint);
        var name = ((IAdapterDevice)battery).Descriptor.Name;

        var start = Fleet.Origin;
        await Measure(continuous, start, 4);
        await battery.ApplyBatterySetpointAsync(-2_000, default);
        var afterSetpoint = await Measure(continuous, start + (Fleet.Interval * 4), 1);

        // -2,000 W for 15 min charges 500 Wh from the grid (the battery has room at night after a winter day).
        Assert.Equal(500, afterSetpoint[0].Single(m => m.DeviceName == name).EnergyImportedWh);
        Assert.Equal(DeviceControl.BatterySetpoint(-2_000), continuous.StateOf(name).Control);

        await battery.ApplyBatterySetpointAsync(null, default);
        var expected = await Measure(continuous, start + (Fleet.Interval * 5), 8);

        // A restarted gateway: a new adapter on the same data dir, resumed where the outbox stopped.
        var restarted = new SimulatedFleetAdapter(Fleet, new SimulationControlJournal(_dir.Path));
        await restarted.ResumeAtAsync(start + (Fleet.Interval * 5), default);
        var actual = await Measure(restarted, start + (Fleet.Interval * 5), 8);

        Assert.Equal(Flatten(expected), Flatten(actual));
        Assert.Null(restarted.StateOf(name).Control);
    }

    [Fact]
    public async Task Flexibility_follows_the_simulated_battery_and_a_curtailed_inverter_offers_only_its_output()
    {
        var adapter = new SimulatedFleetAdapter(Fleet);
        var battery = adapter.Devices.First(d => d.Descriptor.Kind == DeviceKind.Battery);
        var pv = adapter.Devices.First(d => d.Descriptor.Kind == DeviceKind.SolarInverter);

        var before = (await ((IFlexibilityState)battery).FlexibilityStateAsync(default))!;
        await ((IBatterySetpoint)battery).ApplyBatterySetpointAsync(-4_000, default);
        await Measure(adapter, Fleet.Origin, 4);
        var after = (await ((IFlexibilityState)battery).FlexibilityStateAsync(default))!;

        // One hour at up to -4,000 W stores energy (less on the cell side for the charging efficiency), within capacity.
        Assert.True(after.StoredWh > before.StoredWh, $"{before.StoredWh} -> {after.StoredWh}");
        Assert.True(after.StoredWh <= after.UsableCapacityWh);
        Assert.Equal(battery.Descriptor.NameplatePowerW, after.MaxDeliverW);
        Assert.True(after.PowerW < 0, "a charging battery draws power");

        var pvState = (await ((IFlexibilityState)pv).FlexibilityStateAsync(default))!;
        Assert.Equal(0, pvState.MaxDrawW);
        Assert.Null(pvState.StoredWh);
    }

    [Fact]
    public void The_journal_round_trips_every_kind_and_ignores_a_torn_last_line()
    {
        var journal = new SimulationControlJournal(_dir.Path);
        var at = Fleet.Origin.AddHours(17);
        ControlChange[] changes =
        [
            new(at, 3, DeviceControl.BatterySetpoint(-1_250)),
            new(at, 5, DeviceControl.ChargingLimit(0)),
            new(at.AddMinutes(15), 7, DeviceControl.GenerationLimit(1_500)),
            new(at.AddHours(3), 3, null),
        ];
        foreach (var change in changes)
        {
            journal.Append(change);
        }

        File.AppendAllText(Path.Combine(_dir.Path, SimulationControlJournal.FileName), "2025-12-21T20:15:00.0000000Z 3 Batt");

        Assert.Equal(changes, journal.Load());
    }

    [Fact]
    public void A_corrupt_line_before_the_end_is_an_error_that_names_the_file_and_line()
    {
        var path = Path.Combine(_dir.Path, SimulationControlJournal.FileName);
        File.WriteAllText(path, "garbage\n2025-12-21T20:15:00.0000000Z 3 own 0\n");

        var error = Assert.Throws<InvalidDataException>(() => new SimulationControlJournal(_dir.Path).Load());
        Assert.Contains("line 1", error.Message);
        Assert.Contains(SimulationControlJournal.FileName, error.Message);
    }

    private static async Task<List<IReadOnlyList<IntervalMeasurement>>> Measure(SimulatedFleetAdapter adapter, DateTimeOffset from, int count)
    {
        var result = new List<IReadOnlyList<IntervalMeasurement>>();
        for (var i = 0; i < count; i++)
        {
            var start = from + (Fleet.Interval * i);
            result.Add(await adapter.MeasureAsync(start, start + Fleet.Interval, default));
        }

        return result;
    }

    private static List<IntervalMeasurement> Flatten(List<IReadOnlyList<IntervalMeasurement>> intervals) => [.. intervals.SelectMany(i => i)];
}
