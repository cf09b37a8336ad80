using Microsoft.Extensions.Logging;
using OpenVpp.Gateway.Adapters.Live;
using OpenVpp.Gateway.Capabilities;
using OpenVpp.Protocols.SunSpec;

namespace OpenVpp.Gateway.Adapters.SunSpec;

/// <summary>
/// A PV inverter: power and lifetime energy from the DER measurement model 701 where present, else from the inverter
/// models 101-103 (integer) or 111-113 (float). Output is curtailed through 704 (DER controls) or 123 (immediate
/// controls) as a percentage of the rated power (702, 120, or the configured nameplate).
/// </summary>
internal sealed class SunSpecInverterDevice(SunSpecUnitOptions unit, SunSpecClient client, SunSpecAdapterOptions options, ILogger logger)
    : SunSpecAdapterDevice(unit, client, options, logger), IEnergyMeter, IInverterLimit
{
    private static readonly int[] MeasurementModels = [701, 103, 102, 101, 113, 112, 111];
    private static readonly int[] RatingModels = [702, 120];
    private static readonly int[] LimitModels = [704, 123];

    public override string? Mismatch(SunSpecScan directory) => First(directory, MeasurementModels) is null
        ? $"unit {Unit.UnitId} is configured as a solar inverter but has no inverter model (101-103, 111-113 or 701); it has {string.Join(", ", directory.Models.Select(m => m.Id))}"
        : null;

    public override IEnumerable<SunSpecModel> ModelsToPoll(SunSpecScan directory)
    {
        yield return First(directory, MeasurementModels)!;
        if (First(directory, RatingModels) is { } rating)
        {
            yield return rating;
        }
    }

    public override DeviceSample Sample(DateTimeOffset at, IReadOnlyList<SunSpecModel> models)
    {
        var measured = FirstRead(models, MeasurementModels)!;
        EnergyRegisters? registers = null;
        if (measured.Id == 701)
        {
            // Injected energy is generation (exported); absorbed energy (night-time consumption) is imported.
            if (Wh(measured.Value("TotWhInj")) is { } injected)
            {
                registers = new EnergyRegisters(Wh(measured.Value("TotWhAbs")) ?? 0, injected);
            }
        }
        else if (Wh(measured.Value("WH")) is { } lifetime)
        {
            registers = new EnergyRegisters(0, lifetime);
        }

        var fault = measured.Find("St")?.Text is "FAULT";
        return new DeviceSample(at, registers, Watts(measured.Value("W")), Fault: fault);
    }

    public ValueTask<EnergyRegisters> EnergyRegistersAsync(CancellationToken cancellationToken) =>
        Meter.Latest?.Registers is { } registers
            ? ValueTask.FromResult(registers)
            : throw new InvalidOperationException($"{Descriptor.Name} has not reported its energy registers yet; it may be offline or not implement them.");

    public async ValueTask ApplyInverterLimitAsync(int? limitW, CancellationToken cancellationToken)
    {
        const string control = "inverter limit";
        var model = ControlModel(control, LimitModels);
        var (percentPoint, enablePoint) = model.Id == 704 ? ("WMaxLimPct", "WMaxLimPctEna") : ("WMaxLimPct", "WMaxLim_Ena");
        if (limitW is not { } watts)
        {
            await WriteAsync(control, model, [(enablePoint, 0m)], cancellationToken).ConfigureAwait(false);
            return;
        }

        var ratedW = await RatedPowerWAsync(cancellationToken).ConfigureAwait(false);
        var percent = Math.Clamp(watts * 100m / ratedW, 0m, 100m);
        await WriteAsync(control, model, [(percentPoint, percent), (enablePoint, 1m)], cancellationToken).ConfigureAwait(false);
    }

    private async Task<decimal> RatedPowerWAsync(CancellationToken cancellationToken)
    {
        if (Directory is { } directory && First(directory, RatingModels) is { } ratingModel)
        {
            var rating = await Client.ReadAsync(ratingModel, cancellationToken).ConfigureAwait(false);
            var ratedW = rating.Id == 702 ? rating.Value("WMax") ?? rating.Value("WMaxRtg") : rating.Value("WRtg");
            if (ratedW is > 0)
            {
                return ratedW.Value;
            }
        }

        return Descriptor.NameplatePowerW > 0
            ? Descriptor.NameplatePowerW
            : throw new InvalidOperationException($"{Descriptor.Name} reports no rated power (702 or 120) and has no nameplate power configured; a limit in W cannot be turned into a percentage.");
    }
}
