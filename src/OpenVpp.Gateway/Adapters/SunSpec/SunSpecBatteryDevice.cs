using Microsoft.Extensions.Logging;
using OpenVpp.Gateway.Adapters.Live;
using OpenVpp.Gateway.Capabilities;
using OpenVpp.Protocols.SunSpec;

namespace OpenVpp.Gateway.Adapters.SunSpec;

/// <summary>
/// A battery: state of charge from 802 (battery), 124 (basic storage controls) or 713 (DER storage capacity); power
/// from its inverter model (701, else 101-103), positive when discharging; energy registers only when 701 gives both
/// directions. Setpoints go through 704 (WSet in W) or 124 (charge/discharge rate as a percentage of WChaMax).
/// </summary>
internal sealed class SunSpecBatteryDevice(SunSpecUnitOptions unit, SunSpecClient client, SunSpecAdapterOptions options, ILogger logger)
    : SunSpecAdapterDevice(unit, client, options, logger), IStateOfCharge, IBatterySetpoint
{
    private static readonly int[] StorageModels = [802, 124, 713];
    private static readonly int[] PowerModels = [701, 103, 102, 101];

    public override string? Mismatch(SunSpecScan directory) => First(directory, StorageModels) is null
        ? $"unit {Unit.UnitId} is configured as a battery but has no storage model (124, 713 or 802); it has {string.Join(", ", directory.Models.Select(m => m.Id))}"
        : null;

    public override IEnumerable<SunSpecModel> ModelsToPoll(SunSpecScan directory)
    {
        yield return First(directory, StorageModels)!;
        if (First(directory, PowerModels) is { } power)
        {
            yield return power;
        }
    }

    public override DeviceSample Sample(DateTimeOffset at, IReadOnlyList<SunSpecModel> models)
    {
        var storage = FirstRead(models, StorageModels)!;
        var (soc, soh) = storage.Id switch
        {
            802 => (storage.Value("SoC"), storage.Value("SoH")),
            124 => (storage.Value("ChaState"), null),
            _ => (storage.Value("SoC"), storage.Value("SoH")),
        };
        var power = FirstRead(models, PowerModels);
        EnergyRegisters? registers = null;
        if (power?.Id == 701 && Wh(power.Value("TotWhInj")) is { } discharged && Wh(power.Value("TotWhAbs")) is { } charged)
        {
            registers = new EnergyRegisters(charged, discharged);
        }

        // 802's own W is the fallback when no inverter model is there; the 700-series and 10x models count delivery as positive.
        var powerW = Watts(power?.Value("W")) ?? (storage.Id == 802 ? Watts(storage.Value("W")) : null);
        return new DeviceSample(at, registers, powerW, Bp(soc), Bp(soh));
    }

    public ValueTask<ushort?> StateOfChargeBpAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult(Meter.Latest?.StateOfChargeBp);

    public async ValueTask ApplyBatterySetpointAsync(int? setpointW, CancellationToken cancellationToken)
    {
        const string control = "battery setpoint";
        var model = ControlModel(control, 704, 124);
        if (model.Id == 704)
        {
            // WSet is signed like our setpoint: positive injects (discharges), negative absorbs (charges).
            await WriteAsync(control, model, setpointW is { } w
                ? [("WSetMod", 1m), ("WSet", w), ("WSetEna", 1m)]
                : [("WSetEna", 0m)], cancellationToken).ConfigureAwait(false);
            return;
        }

        if (setpointW is not { } watts)
        {
            await WriteAsync(control, model, [("StorCtl_Mod", 0m)], cancellationToken).ConfigureAwait(false);
            return;
        }

        var storage = await Client.ReadAsync(model, cancellationToken).ConfigureAwait(false);
        var maxW = storage.Value("WChaMax") is > 0 and var m ? m : Descriptor.NameplatePowerW > 0 ? Descriptor.NameplatePowerW
            : throw new InvalidOperationException($"{Descriptor.Name} reports no WChaMax and has no nameplate power configured; a setpoint in W cannot be turned into a rate.");
        var percent = Math.Clamp(Math.Abs(watts) * 100m / maxW, 0m, 100m);

        // StorCtl_Mod bits: 0 = charge limit active, 1 = discharge limit active; both with zero rates hold the battery.
        IReadOnlyList<(string, decimal)> points = watts switch
        {
            > 0 => [("OutWRte", percent), ("InWRte", 0m), ("StorCtl_Mod", 2m)],
            < 0 => [("InWRte", percent), ("OutWRte", 0m), ("StorCtl_Mod", 1m)],
            _ => [("InWRte", 0m), ("OutWRte", 0m), ("StorCtl_Mod", 3m)],
        };
        await WriteAsync(control, model, points, cancellationToken).ConfigureAwait(false);
    }
}
