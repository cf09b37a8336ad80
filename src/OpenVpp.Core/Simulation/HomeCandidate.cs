namespace OpenVpp.Core.Simulation;

/// <summary>
/// A home as first drawn from (seed, home index): which optional devices it would like and all their
/// parameters. Every parameter is drawn whether used or not, so the draw order, and hence every other home,
/// never depends on how the fleet is shaped to its exact device count.
/// </summary>
internal sealed record HomeCandidate(bool WantsPv, bool WantsBattery, bool WantsEv, double YearlyDemandKWh, PvPlan Pv, BatteryPlan Battery, EvProfile Ev)
{
    public const double PvShare = 0.55;
    public const double BatteryShareOfPvHomes = 0.45;
    public const double EvShare = 0.30;

    public int WantedDeviceCount => 2 + (WantsPv ? 1 : 0) + (WantsBattery ? 1 : 0) + (WantsEv ? 1 : 0);

    public static HomeCandidate Draw(int seed, int homeIndex)
    {
        var rng = SplitMix64.For(seed, SimulationStream.HomeLayout, homeIndex);
        var wantsPv = rng.NextUnit() < PvShare;
        var wantsBattery = wantsPv && rng.NextUnit() < BatteryShareOfPvHomes;
        var wantsEv = rng.NextUnit() < EvShare;

        var yearlyDemandKWh = Math.Round(1_800.0 + (3_200.0 * rng.NextUnit()));

        var peakKw = Math.Round(3.0 + (7.0 * rng.NextUnit()), 1);
        var pv = new PvPlan(peakKw, (long)Math.Round(peakKw * 1_000.0), 1.5 + (1.5 * rng.NextUnit()));

        var capacityWh = 5_000L + (500L * (long)Math.Floor(21.0 * rng.NextUnit()));
        var maxPowerW = Math.Clamp((long)Math.Round(capacityWh / 2.0 / 100.0) * 100, 2_500, 5_000);
        var battery = new BatteryPlan(capacityWh, maxPowerW, 0.10 + (0.50 * rng.NextUnit()), 0.92 + (0.08 * rng.NextUnit()));

        var ev = new EvProfile(
            ChargerPowerW: rng.NextUnit() < 0.6 ? 7_400 : 11_000,
            CarCapacityWh: 1_000L * (40 + (long)Math.Floor(41.0 * rng.NextUnit())),
            WeekdayPlugInProbability: 0.5 + (0.4 * rng.NextUnit()),
            TypicalNeedWh: 6_000.0 + (10_000.0 * rng.NextUnit()),
            TargetStateOfCharge: 0.80 + (0.05 * Math.Floor(4.0 * rng.NextUnit())));

        return new HomeCandidate(wantsPv, wantsBattery, wantsEv, yearlyDemandKWh, pv, battery, ev);
    }

    /// <summary>
    /// The home with exactly <paramref name="deviceCount"/> devices (2–5): adds missing parts in the order PV,
    /// battery, EV and drops them in the order EV, battery, PV, so a battery never ends up without PV.
    /// </summary>
    public HomePlan ToPlan(int homeIndex, int regionIndex, int firstDeviceIndex, int deviceCount, long connectionLimitW)
    {
        bool pv = WantsPv, battery = WantsBattery, ev = WantsEv;
        var optional = deviceCount - 2;
        while (Count(pv, battery, ev) < optional)
        {
            if (!pv) { pv = true; }
            else if (!battery) { battery = true; }
            else { ev = true; }
        }

        while (Count(pv, battery, ev) > optional)
        {
            if (ev) { ev = false; }
            else if (battery) { battery = false; }
            else { pv = false; }
        }

        return new HomePlan(
            homeIndex,
            SiteName(homeIndex),
            regionIndex,
            firstDeviceIndex,
            connectionLimitW,
            YearlyDemandKWh,
            pv ? Pv : null,
            battery ? Battery : null,
            ev ? Ev : null);
    }

    public static string SiteName(int homeIndex) => $"home-{homeIndex:D4}";

    private static int Count(bool pv, bool battery, bool ev) => (pv ? 1 : 0) + (battery ? 1 : 0) + (ev ? 1 : 0);
}
