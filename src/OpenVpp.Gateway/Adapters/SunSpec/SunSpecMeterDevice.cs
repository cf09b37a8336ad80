using Microsoft.Extensions.Logging;
using OpenVpp.Gateway.Adapters.Live;
using OpenVpp.Gateway.Capabilities;
using OpenVpp.Protocols.SunSpec;

namespace OpenVpp.Gateway.Adapters.SunSpec;

/// <summary>
/// A grid meter (201-204 integer, 211-214 float): TotWhImp is grid import (imported), TotWhExp grid export (exported).
/// SunSpec meters count W positive when importing; the gateway counts power positive when the site delivers to the
/// grid, so the sign flips.
/// </summary>
internal sealed class SunSpecMeterDevice(SunSpecUnitOptions unit, SunSpecClient client, SunSpecAdapterOptions options, ILogger logger)
    : SunSpecAdapterDevice(unit, client, options, logger), IEnergyMeter
{
    private static readonly int[] MeterModels = [203, 204, 202, 201, 213, 214, 212, 211];

    public override string? Mismatch(SunSpecScan directory) => First(directory, MeterModels) is null
        ? $"unit {Unit.UnitId} is configured as a grid meter but has no meter model (201-204 or 211-214); it has {string.Join(", ", directory.Models.Select(m => m.Id))}"
        : null;

    public override IEnumerable<SunSpecModel> ModelsToPoll(SunSpecScan directory) => [First(directory, MeterModels)!];

    public override DeviceSample Sample(DateTimeOffset at, IReadOnlyList<SunSpecModel> models)
    {
        var meter = FirstRead(models, MeterModels)!;
        var imported = Wh(meter.Value("TotWhImp"));
        var exported = Wh(meter.Value("TotWhExp"));
        EnergyRegisters? registers = imported is not null || exported is not null ? new EnergyRegisters(imported ?? 0, exported ?? 0) : null;
        return new DeviceSample(at, registers, Watts(meter.Value("W")) is { } w ? -w : null);
    }

    public ValueTask<EnergyRegisters> EnergyRegistersAsync(CancellationToken cancellationToken) =>
        Meter.Latest?.Registers is { } registers
            ? ValueTask.FromResult(registers)
            : throw new InvalidOperationException($"{Descriptor.Name} has not reported its energy registers yet; it may be offline.");
}
