using OpenVpp.Core.DemandResponse.Dispatch;

namespace OpenVpp.Core.Tests.DemandResponse.Dispatch;

/// <summary>Small fleets worked out by hand; every expected number is derived in the comment above it.</summary>
public class DispatcherExampleTests
{
    private static readonly DateTimeOffset Start = RandomFleet.EventStart;
    private static readonly DispatchWindow Window = RandomFleet.ThreeHours;

    [Fact]
    public void A_battery_discharges_within_its_power_and_its_reserve()
    {
        // Power allows 5,000 − 0 = 5,000 W. Energy: (8,000 − 2,000) Wh × 0.9 / 3 h = 1,800 W. So 1,800 W.
        FlexibleDevice[] fleet = [FlexibleDevice.Battery(0, 0.1, 5_000, 5_000, 0, 8_000, 2_000, 10_000, 0.9)];

        var plan = Dispatcher.Dispatch(fleet, [new(0, DispatchTargetKind.Reduction, 3_000)], Window);

        Assert.Equal(1_800, plan.HeadroomW[0], 6);
        Assert.Equal(1_800, plan.ExpectedW[0], 6);
        Assert.Equal(1_200, plan.Regions[0].ShortfallW, 6);
        Assert.False(plan.Feasible);
        Assert.Equal(new DeviceSetpoint(SetpointKind.BatteryPowerW, 1_800), plan.SetpointOf(fleet, 0));
        Assert.Null(SetpointLimits.Violation(fleet[0], plan.SetpointOf(fleet, 0), Window));
    }

    [Fact]
    public void A_charging_battery_counts_stopping_its_charge_as_flexibility()
    {
        // Baseline −1,000 W (charging; 5,000 Wh of room holds it for the 2 h). Power: 3,000 − (−1,000) = 4,000 W.
        // Energy: (5,000 − 1,000) × 1.0 / 2 h − (−1,000) = 3,000 W. So 3,000 W of headroom; asked for 2,500 W it goes
        // from −1,000 W to +1,500 W.
        FlexibleDevice[] fleet = [FlexibleDevice.Battery(0, 0.1, 3_000, 3_000, -1_000, 5_000, 1_000, 10_000, 1.0)];
        var window = new DispatchWindow(Start, Start.AddHours(2));

        var plan = Dispatcher.Dispatch(fleet, [new(0, DispatchTargetKind.Reduction, 2_500)], window);

        Assert.Equal(3_000, plan.HeadroomW[0], 6);
        Assert.Equal(new DeviceSetpoint(SetpointKind.BatteryPowerW, 1_500), plan.SetpointOf(fleet, 0));
        Assert.True(plan.Feasible);
    }

    [Fact]
    public void An_ev_defers_only_what_it_can_make_up_before_departure()
    {
        // Charging 11,000 W, needs 40,000 Wh, leaves at 22:00: 2 h after the 3 h window at 11,000 W gives 22,000 Wh, so
        // 18,000 Wh must come in the window: at least 6,000 W. It can give up 11,000 − 6,000 = 5,000 W.
        FlexibleDevice[] fleet = [FlexibleDevice.EvCharger(0, 0.1, 11_000, 11_000, 40_000, Start.AddHours(5))];

        var plan = Dispatcher.Dispatch(fleet, [new(0, DispatchTargetKind.ImportLimit, 100_000, 200_000)], Window);

        Assert.Equal(5_000, plan.ExpectedW[0], 6);
        Assert.Equal(new DeviceSetpoint(SetpointKind.ChargingLimitW, 6_000), plan.SetpointOf(fleet, 0));
        Assert.Null(SetpointLimits.Violation(fleet[0], plan.SetpointOf(fleet, 0), Window));
    }

    [Fact]
    public void A_car_leaving_during_the_window_with_a_small_need_can_pause()
    {
        // Charging 7,400 W, leaves after 1 h of the window, needs 2,000 Wh: it must draw 2,000 W over that hour, so it
        // can give up 5,400 W. Nothing counts after departure.
        FlexibleDevice[] fleet = [FlexibleDevice.EvCharger(0, 0.1, 7_400, 7_400, 2_000, Start.AddHours(1))];

        var plan = Dispatcher.Dispatch(fleet, [new(0, DispatchTargetKind.Reduction, 10_000)], Window);

        Assert.Equal(5_400, plan.ExpectedW[0], 6);
        Assert.Equal(4_600, plan.Regions[0].ShortfallW, 6);
    }

    [Fact]
    public void An_import_limit_needs_the_forecast_excess_and_cheaper_devices_go_first()
    {
        // Forecast 50 kW against a 47 kW limit: 3,000 W needed. The 0.05/kWh battery (2,000 W headroom) goes whole, the
        // 0.10 one gives the remaining 1,000 W, the 0.20 one nothing.
        FlexibleDevice[] fleet =
        [
            FlexibleDevice.Battery(0, 0.20, 2_000, 2_000, 0, 10_000, 0, 10_000, 1.0),
            FlexibleDevice.Battery(0, 0.05, 2_000, 2_000, 0, 10_000, 0, 10_000, 1.0),
            FlexibleDevice.Battery(0, 0.10, 2_000, 2_000, 0, 10_000, 0, 10_000, 1.0),
        ];

        var plan = Dispatcher.Dispatch(fleet, [new(0, DispatchTargetKind.ImportLimit, 47_000, 50_000)], Window);

        Assert.Equal([0, 2_000, 1_000], plan.ExpectedW);
        Assert.Equal(3_000, plan.Regions[0].RequestedW);
        Assert.Equal(2, plan.Regions[0].DeviceCount);
        Assert.True(plan.Feasible);
    }

    [Fact]
    public void Equal_prices_share_the_marginal_need_in_proportion_to_headroom()
    {
        // 3,000 W needed from two same-price batteries with 4,000 and 2,000 W headroom: each gives half, 2,000 and 1,000.
        FlexibleDevice[] fleet =
        [
            FlexibleDevice.Battery(0, 0.1, 4_000, 4_000, 0, 20_000, 0, 20_000, 1.0),
            FlexibleDevice.Battery(0, 0.1 + 1e-9, 2_000, 2_000, 0, 20_000, 0, 20_000, 1.0),
        ];

        var plan = Dispatcher.Dispatch(fleet, [new(0, DispatchTargetKind.Reduction, 3_000)], Window);

        Assert.Equal(2_000, plan.ExpectedW[0], 6);
        Assert.Equal(1_000, plan.ExpectedW[1], 6);
    }

    [Fact]
    public void An_export_limit_curtails_pv_and_charges_batteries_never_ev()
    {
        // Export forecast 9,000 W against a 4,000 W limit: 5,000 W. PV at 0.05 (forecast 3,000 W) goes whole to 0 W;
        // the battery at 0.10 charges 2,000 W more: room (10,000 − 4,000) / (1.0 × 3 h) = 2,000 W, power 5,000 W.
        FlexibleDevice[] fleet =
        [
            FlexibleDevice.Solar(0, 0.05, 4_000, 3_000),
            FlexibleDevice.Battery(0, 0.10, 5_000, 5_000, 0, 4_000, 1_000, 10_000, 1.0),
            FlexibleDevice.EvCharger(0, 0.01, 11_000, 5_000, 1_000, Start.AddHours(10)),
        ];

        var plan = Dispatcher.Dispatch(fleet, [new(0, DispatchTargetKind.ExportLimit, 4_000, 9_000)], Window);

        Assert.Equal(new DeviceSetpoint(SetpointKind.GenerationLimitW, 0), plan.SetpointOf(fleet, 0));
        Assert.Equal(new DeviceSetpoint(SetpointKind.BatteryPowerW, -2_000), plan.SetpointOf(fleet, 1));
        Assert.Equal(default, plan.SetpointOf(fleet, 2));
        Assert.Equal(0, plan.Regions[0].ShortfallW, 6);
    }

    [Fact]
    public void Regions_are_dispatched_separately()
    {
        FlexibleDevice[] fleet =
        [
            FlexibleDevice.Battery(0, 0.1, 2_000, 2_000, 0, 20_000, 0, 20_000, 1.0),
            FlexibleDevice.Battery(1, 0.1, 2_000, 2_000, 0, 20_000, 0, 20_000, 1.0),
            FlexibleDevice.Battery(2, 0.1, 2_000, 2_000, 0, 20_000, 0, 20_000, 1.0),
        ];

        // Region 2 has no target: its battery is left alone even though region 1 is short.
        var plan = Dispatcher.Dispatch(fleet, [new(0, DispatchTargetKind.Reduction, 1_000), new(1, DispatchTargetKind.Reduction, 5_000)], Window);

        Assert.Equal([1_000, 2_000, 0], plan.ExpectedW);
        Assert.True(plan.Regions[0].Feasible);
        Assert.Equal(3_000, plan.Regions[1].ShortfallW, 6);
    }

    [Fact]
    public void A_dropped_device_is_replaced_by_the_next_cheapest()
    {
        // 3,000 W from A (0.05, 2,000 W) and B (0.10, 1,000 of its 2,000 W). A drops out: B gives all 2,000 W, and the
        // 0.20 battery C the last 1,000 W.
        FlexibleDevice[] fleet =
        [
            FlexibleDevice.Battery(0, 0.05, 2_000, 2_000, 0, 20_000, 0, 20_000, 1.0),
            FlexibleDevice.Battery(0, 0.10, 2_000, 2_000, 0, 20_000, 0, 20_000, 1.0),
            FlexibleDevice.Battery(0, 0.20, 2_000, 2_000, 0, 20_000, 0, 20_000, 1.0),
        ];
        var plan = Dispatcher.Dispatch(fleet, [new(0, DispatchTargetKind.Reduction, 3_000)], Window);
        Assert.Equal([2_000, 1_000, 0], plan.ExpectedW);

        var again = Dispatcher.Redispatch(fleet, plan, [DeliveryObservation.DroppedOut(0)]);

        Assert.Equal([0, 2_000, 1_000], again.ExpectedW);
        Assert.True(again.Feasible);
        Assert.Equal(default, again.SetpointOf(fleet, 0));
    }

    [Fact]
    public void An_under_deliverer_keeps_what_it_delivers_and_the_gap_is_shortfall_when_nobody_can_cover_it()
    {
        // Both batteries are fully used (4,000 W needed, 2 × 2,000 W). A delivers only 1,500 W: nobody has headroom left,
        // so 500 W is shortfall.
        FlexibleDevice[] fleet =
        [
            FlexibleDevice.Battery(0, 0.05, 2_000, 2_000, 0, 20_000, 0, 20_000, 1.0),
            FlexibleDevice.Battery(0, 0.10, 2_000, 2_000, 0, 20_000, 0, 20_000, 1.0),
        ];
        var plan = Dispatcher.Dispatch(fleet, [new(0, DispatchTargetKind.Reduction, 4_000)], Window);

        var again = Dispatcher.Redispatch(fleet, plan, [DeliveryObservation.Delivered(0, 1_500), DeliveryObservation.Delivered(1, 2_000)]);

        Assert.Equal([1_500, 2_000], again.ExpectedW);
        Assert.Equal(500, again.Regions[0].ShortfallW, 6);
        Assert.False(again.Feasible);
    }

    [Fact]
    public void A_malformed_device_or_target_is_refused_with_a_reason()
    {
        FlexibleDevice[] bad = [FlexibleDevice.Battery(0, 0.1, 2_000, 2_000, 0, 30_000, 0, 20_000, 1.0)];
        var e = Assert.Throws<ArgumentException>(() => Dispatcher.Dispatch(bad, [new(0, DispatchTargetKind.Reduction, 1)], Window));
        Assert.Contains("Device 0", e.Message);
        Assert.Contains("capacity", e.Message);

        FlexibleDevice[] good = [FlexibleDevice.Solar(0, 0.1, 1_000, 500)];
        var twice = Assert.Throws<ArgumentException>(() => Dispatcher.Dispatch(good, [new(0, DispatchTargetKind.Reduction, 1), new(0, DispatchTargetKind.Reduction, 2)], Window));
        Assert.Contains("two targets", twice.Message);
    }

    [Fact]
    public void The_limit_check_catches_what_a_wrong_setpoint_would_break()
    {
        var battery = FlexibleDevice.Battery(0, 0.1, 2_000, 2_000, 0, 3_000, 1_000, 10_000, 1.0);
        var car = FlexibleDevice.EvCharger(0, 0.1, 11_000, 11_000, 30_000, Start.AddHours(3));

        // 2,000 W for 3 h takes 6,000 Wh from 3,000 Wh; a 5,000 W limit for 3 h delivers 15,000 of the 30,000 Wh needed.
        Assert.Contains("reserve", SetpointLimits.Violation(battery, new(SetpointKind.BatteryPowerW, 2_000), Window));
        Assert.Contains("outside", SetpointLimits.Violation(battery, new(SetpointKind.BatteryPowerW, 2_500), new(Start, Start.AddMinutes(1))));
        Assert.Contains("short", SetpointLimits.Violation(car, new(SetpointKind.ChargingLimitW, 5_000), Window));
        Assert.Contains("does not apply", SetpointLimits.Violation(car, new(SetpointKind.GenerationLimitW, 0), Window));
    }
}
