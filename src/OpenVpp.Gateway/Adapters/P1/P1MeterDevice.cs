using OpenVpp.Core.Devices;
using OpenVpp.Gateway.Adapters.Live;
using OpenVpp.Gateway.Capabilities;

namespace OpenVpp.Gateway.Adapters.P1;

/// <summary>The grid meter behind a P1 port: its live power and registers are those of the latest telegram.</summary>
internal sealed class P1MeterDevice(P1AdapterOptions options, LiveIntervalMeter meter) : IAdapterDevice, IPowerMeter, IEnergyMeter
{
    public DeviceDescriptor Descriptor { get; } =
        new(options.DeviceName, DeviceKind.GridMeter, options.NameplatePowerW, 0, options.Region, options.Site);

    public ValueTask<int> CurrentPowerWAsync(CancellationToken cancellationToken) =>
        meter.Latest?.PowerW is { } powerW
            ? ValueTask.FromResult(powerW)
            : ValueTask.FromException<int>(new InvalidOperationException($"P1 meter {Descriptor.Name} has sent no telegram with power yet."));

    public ValueTask<EnergyRegisters> EnergyRegistersAsync(CancellationToken cancellationToken) =>
        meter.Latest?.Registers is { } registers
            ? ValueTask.FromResult(registers)
            : ValueTask.FromException<EnergyRegisters>(new InvalidOperationException($"P1 meter {Descriptor.Name} has sent no telegram with registers yet."));
}
