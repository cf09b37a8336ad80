using OpenVpp.Gateway.Capabilities;

namespace OpenVpp.Gateway.Adapters.Live;

/// <summary>
/// What a live device told the gateway at one instant; any field may be missing (a charger's MeterValues may carry only
/// power, a P1 telegram carries registers and power, an MQTT topic one value).
/// <see cref="PowerW"/> is signed like <see cref="IPowerMeter"/>: positive when the device delivers (exports).
/// </summary>
public readonly record struct DeviceSample(
    DateTimeOffset At,
    EnergyRegisters? Registers = null,
    int? PowerW = null,
    ushort? StateOfChargeBp = null,
    ushort? StateOfHealthBp = null,
    bool Fault = false);
