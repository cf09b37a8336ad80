using OpenVpp.Core.Devices;
using OpenVpp.Core.Readings;
using OpenVpp.Core.Validation;

namespace OpenVpp.Core.Tests.Validation;

public sealed class PlausibilityRulesTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly DeviceId Id = new(new byte[20]);

    private static DeviceRecord Device(DeviceKind kind = DeviceKind.Battery, long nameplateW = 4000, long capacityWh = 10_000) =>
        new(Id, new byte[64], "owner", kind, nameplateW, capacityWh, "north", "home", Start);

    // 15 minutes at 4000 W is 1000 Wh; with 5 % tolerance the bound is 1050 Wh.
    private static Reading Reading(
        long importedWh = 100, long exportedWh = 200, int averageW = 400, int peakW = 1000, ushort? soc = 5000, ushort? soh = 9900,
        TimeSpan? length = null, DateTimeOffset? start = null)
    {
        var s = start ?? Start;
        return new(Id, 1, s, s + (length ?? TimeSpan.FromMinutes(15)), importedWh, exportedWh, averageW, peakW, soc, soh, ReadingStatus.None);
    }

    private static void AssertImplausible(RuleViolation? violation, string detailPart)
    {
        Assert.NotNull(violation);
        Assert.Equal(RejectionReason.Implausible, violation.Value.Reason);
        Assert.Contains(detailPart, violation.Value.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Accepts_a_plausible_reading() => Assert.Null(PlausibilityRules.Check(Device(), Reading(), null));

    [Fact]
    public void Rejects_an_interval_that_ends_at_or_before_its_start() =>
        AssertImplausible(PlausibilityRules.Check(Device(), Reading(length: TimeSpan.Zero), null), "not after its start");

    [Fact]
    public void Rejects_an_interval_longer_than_a_day() =>
        AssertImplausible(PlausibilityRules.Check(Device(), Reading(length: TimeSpan.FromHours(25)), null), "longer than");

    [Fact]
    public void Rejects_an_interval_overlapping_the_previous_reading()
    {
        AssertImplausible(PlausibilityRules.Check(Device(), Reading(), Start.AddMinutes(5)), "overlap");
        Assert.Null(PlausibilityRules.Check(Device(), Reading(), Start));
    }

    [Fact]
    public void Rejects_negative_imported_energy() =>
        AssertImplausible(PlausibilityRules.Check(Device(), Reading(importedWh: -1), null), "imported is negative");

    [Fact]
    public void Rejects_negative_exported_energy() =>
        AssertImplausible(PlausibilityRules.Check(Device(), Reading(exportedWh: -1), null), "exported is negative");

    [Fact]
    public void Rejects_negative_peak_power() =>
        AssertImplausible(PlausibilityRules.Check(Device(), Reading(peakW: -1), null), "peak power is negative");

    [Fact]
    public void Rejects_energy_beyond_the_nameplate_over_the_interval()
    {
        Assert.Null(PlausibilityRules.Check(Device(), Reading(importedWh: 1050, exportedWh: 1050), null));
        AssertImplausible(PlausibilityRules.Check(Device(), Reading(importedWh: 1051), null), "energy imported");
        AssertImplausible(PlausibilityRules.Check(Device(), Reading(exportedWh: 1051), null), "energy exported");
    }

    [Fact]
    public void Rejects_average_power_beyond_the_nameplate_in_either_direction()
    {
        AssertImplausible(PlausibilityRules.Check(Device(), Reading(averageW: 4201), null), "average power");
        AssertImplausible(PlausibilityRules.Check(Device(), Reading(averageW: -4201), null), "average power");
    }

    [Fact]
    public void Rejects_peak_power_beyond_the_nameplate() =>
        AssertImplausible(PlausibilityRules.Check(Device(), Reading(peakW: 4201), null), "peak power");

    [Fact]
    public void Tolerance_widens_the_nameplate_bounds() =>
        Assert.Null(PlausibilityRules.Check(Device(), Reading(peakW: 4700), null, tolerance: 1.2));

    [Fact]
    public void Rejects_state_of_charge_above_100_percent() =>
        AssertImplausible(PlausibilityRules.Check(Device(), Reading(soc: 10_001), null), "state of charge");

    [Fact]
    public void Rejects_state_of_health_above_100_percent() =>
        AssertImplausible(PlausibilityRules.Check(Device(), Reading(soh: 10_001), null), "state of health");

    [Fact]
    public void Rejects_a_household_load_that_exports()
    {
        var load = Device(DeviceKind.HouseholdLoad);
        AssertImplausible(PlausibilityRules.Check(load, Reading(exportedWh: 1, averageW: -400, soc: null), null), "never exports");
        AssertImplausible(PlausibilityRules.Check(load, Reading(exportedWh: 0, averageW: 10, soc: null), null), "never delivers power");
        Assert.Null(PlausibilityRules.Check(load, Reading(exportedWh: 0, averageW: -400, soc: null), null));
    }

    [Fact]
    public void Rejects_an_ev_charger_that_exports() =>
        AssertImplausible(PlausibilityRules.Check(Device(DeviceKind.EvCharger), Reading(exportedWh: 5, averageW: -400), null), "no V2G");

    [Fact]
    public void Rejects_a_solar_inverter_with_state_of_charge() =>
        AssertImplausible(PlausibilityRules.Check(Device(DeviceKind.SolarInverter), Reading(importedWh: 0, soc: 5000), null), "no state of charge");

    [Fact]
    public void Rejects_a_solar_inverter_drawing_more_than_standby_power()
    {
        var solar = Device(DeviceKind.SolarInverter);
        // 5 % of 4000 W for 15 minutes, with tolerance: 52.5 Wh.
        Assert.Null(PlausibilityRules.Check(solar, Reading(importedWh: 52, soc: null), null));
        AssertImplausible(PlausibilityRules.Check(solar, Reading(importedWh: 53, soc: null), null), "standby");
    }

    [Fact]
    public void Rejects_a_battery_discharging_more_than_its_capacity_plus_charge()
    {
        var battery = Device(DeviceKind.Battery, nameplateW: 10_000, capacityWh: 1000);
        var oneHour = TimeSpan.FromHours(1);
        Assert.Null(PlausibilityRules.Check(battery, Reading(importedWh: 500, exportedWh: 1550, length: oneHour), null));
        AssertImplausible(PlausibilityRules.Check(battery, Reading(importedWh: 0, exportedWh: 1051, length: oneHour), null), "capacity");
    }

    [Fact]
    public void Grid_meter_may_import_and_export() =>
        Assert.Null(PlausibilityRules.Check(Device(DeviceKind.GridMeter), Reading(importedWh: 1000, exportedWh: 1000, averageW: -3000, soc: null), null));
}
