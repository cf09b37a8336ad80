using OpenVpp.Core.Devices;

namespace OpenVpp.Core.Simulation;

/// <summary>
/// Lays out homes until the fleet has exactly the requested number of devices. Every home keeps its grid meter
/// and household load; only the last home or two are reshaped so the count comes out exact (never leaving a
/// single device over, which no home could take). Homes take regions round-robin.
/// </summary>
internal static class FleetLayout
{
    /// <summary>A typical Dutch 3×25 A connection: 3 × 25 A × 230 V.</summary>
    public const long ConnectionLimitW = 17_250;

    public const int MinDevicesPerHome = 2;
    public const int MaxDevicesPerHome = 5;

    public static IReadOnlyList<HomePlan> PlanHomes(int seed, int deviceCount, int regionCount)
    {
        var homes = new List<HomePlan>();
        var remaining = deviceCount;
        var firstDeviceIndex = 0;
        for (var homeIndex = 0; remaining > 0; homeIndex++)
        {
            var candidate = HomeCandidate.Draw(seed, homeIndex);
            var size = candidate.WantedDeviceCount;
            if (remaining <= MaxDevicesPerHome && remaining - size < MinDevicesPerHome)
            {
                size = remaining;
            }
            else if (remaining - size == 1)
            {
                size = size < MaxDevicesPerHome ? size + 1 : size - 1;
            }

            homes.Add(candidate.ToPlan(homeIndex, homeIndex % regionCount, firstDeviceIndex, size, ConnectionLimitW));
            remaining -= size;
            firstDeviceIndex += size;
        }

        return homes;
    }

    /// <summary>The devices of each home in a fixed order: meter, load, then PV, battery and EV charger when present.</summary>
    public static IReadOnlyList<SimulatedDevice> Devices(IReadOnlyList<HomePlan> homes, IReadOnlyList<string> regions)
    {
        var devices = new List<SimulatedDevice>();
        foreach (var home in homes)
        {
            var region = regions[home.RegionIndex];
            devices.Add(new SimulatedDevice($"{home.Site}/meter", home.Site, region, DeviceKind.GridMeter, home.ConnectionLimitW, 0));
            devices.Add(new SimulatedDevice($"{home.Site}/load", home.Site, region, DeviceKind.HouseholdLoad, home.ConnectionLimitW, 0));
            if (home.Pv is { } pv)
            {
                devices.Add(new SimulatedDevice($"{home.Site}/pv", home.Site, region, DeviceKind.SolarInverter, pv.InverterPowerW, 0));
            }

            if (home.Battery is { } battery)
            {
                devices.Add(new SimulatedDevice($"{home.Site}/battery", home.Site, region, DeviceKind.Battery, battery.MaxPowerW, battery.CapacityWh));
            }

            if (home.Ev is { } ev)
            {
                devices.Add(new SimulatedDevice($"{home.Site}/ev", home.Site, region, DeviceKind.EvCharger, ev.ChargerPowerW, 0));
            }
        }

        return devices;
    }
}
