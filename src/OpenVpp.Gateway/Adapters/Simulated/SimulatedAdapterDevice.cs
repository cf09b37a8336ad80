using OpenVpp.Core.Devices;
using OpenVpp.Core.Simulation;
using OpenVpp.Gateway.Capabilities;

namespace OpenVpp.Gateway.Adapters.Simulated;

/// <summary>
/// One simulated device. Its live values are those of the last simulated interval, so the capabilities behave like
/// a real device polled at the interval boundary.
/// </summary>
internal class SimulatedAdapterDevice : IAdapterDevice, IPowerMeter, IEnergyMeter, IStateOfCharge
{
    private readonly Lock _gate = new();
    private EnergyRegisters _registers;
    private int _powerW;
    private ushort? _socBp;

    public SimulatedAdapterDevice(SimulatedDevice device, int deviceIndex)
    {
        DeviceIndex = deviceIndex;
        Descriptor = new DeviceDescriptor(device.Name, device.Kind, device.NameplatePowerW, device.CapacityWh, device.Region, device.Site);
    }

    public DeviceDescriptor Descriptor { get; }

    /// <summary>The device's index in the simulator's fleet.</summary>
    public int DeviceIndex { get; }

    /// <summary>Average power of the last simulated interval, W (positive delivering).</summary>
    protected int LastPowerW
    {
        get { lock (_gate) { return _powerW; } }
    }

    public bool HasStateOfCharge => Descriptor.Kind is DeviceKind.Battery or DeviceKind.EvCharger;

    public ValueTask<int> CurrentPowerWAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return ValueTask.FromResult(_powerW);
        }
    }

    public ValueTask<EnergyRegisters> EnergyRegistersAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return ValueTask.FromResult(_registers);
        }
    }

    public ValueTask<ushort?> StateOfChargeBpAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return ValueTask.FromResult(_socBp);
        }
    }

    internal void Observe(DeviceMeasurement measurement)
    {
        lock (_gate)
        {
            _registers = new EnergyRegisters(
                _registers.ImportedWh + measurement.EnergyImportedWh,
                _registers.ExportedWh + measurement.EnergyExportedWh);
            _powerW = measurement.AveragePowerW;
            _socBp = measurement.StateOfChargeBp;
        }
    }
}
