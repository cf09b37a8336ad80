using OpenVpp.Core.DemandResponse.Dispatch;
using OpenVpp.Core.Devices;
using OpenVpp.Core.Readings;
using OpenVpp.Node.Registry;
using OpenVpp.Storage;

namespace OpenVpp.Node.DemandResponse;

/// <summary>What a dispatch reads from the node's own data: which fleet devices are online, and each region's forecast.</summary>
internal sealed class DrFleetData(DeviceRegistry registry, IReadingStore readings)
{
    /// <summary>
    /// The event's regions' batteries and PV inverters that are VTN resources and online (a reading in the last two
    /// intervals), with the latest complete reading of each: its interval is the frozen baseline.
    /// </summary>
    public async Task<(List<DrMember> Members, Dictionary<DeviceId, Reading> Latest)> OnlineMembersAsync(
        DrEventState state, IReadOnlyList<DrResource> resources, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var byDevice = resources.Where(r => r.DeviceId is not null).GroupBy(r => r.DeviceId!.Value).ToDictionary(g => g.Key, g => g.First());
        var members = new List<DrMember>();
        var latest = new Dictionary<DeviceId, Reading>();
        foreach (var device in registry.Snapshot())
        {
            if (!state.Regions.Contains(device.Region) || device.Kind is not (DeviceKind.Battery or DeviceKind.SolarInverter) || !byDevice.TryGetValue(device.Id, out var resource))
            {
                continue;
            }

            var recent = await readings.GetByDeviceAsync(device.Id, now - (state.Interval * 3), now, 8, cancellationToken).ConfigureAwait(false);
            if (recent.LastOrDefault(r => r.Reading.Duration == state.Interval && r.Reading.IntervalEnd <= now)?.Reading is { } reading)
            {
                members.Add(new DrMember(device, resource.Name));
                latest[device.Id] = reading;
            }
        }

        return (members, latest);
    }

    /// <summary>
    /// Per region, the flow the target is measured against, W: metered net import in the latest complete interval
    /// (export for an export limit).
    /// </summary>
    public async Task<List<double>> ForecastWAsync(DrEventState state, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var forecast = new List<double>();
        foreach (var region in state.Regions)
        {
            var totals = await readings.GetRegionTotalsAsync(region, now - (state.Interval * 3), now, cancellationToken).ConfigureAwait(false);
            var meters = totals.Where(t => t.Kind == DeviceKind.GridMeter && t.IntervalStart + state.Interval <= now).OrderBy(t => t.IntervalStart).LastOrDefault();
            var netImportW = meters is null ? 0 : (meters.EnergyImportedWh - meters.EnergyExportedWh) / state.Interval.TotalHours;
            forecast.Add(state.Kind == DispatchTargetKind.ExportLimit ? -netImportW : netImportW);
        }

        return forecast;
    }
}
