namespace OpenVpp.Protocols.Mqtt;

/// <summary>
/// Combines a device's mappings into device values. Several mappings of one quantity add up: tariff registers
/// (dsmr-reader's electricity_delivered_1 + _2), per-phase power, or delivered and returned power of a grid meter
/// (one of them inverted). A sum is only given once every mapping in it has reported, so a half-known total is never
/// taken for the whole. State of charge and health do not add: each message gives the device's value as it is now
/// (two battery modules at 80 % are a battery at 80 %, not 160 %). Not thread-safe: the caller serialises messages per device.
/// </summary>
public sealed class MqttDeviceAggregator
{
    private readonly MqttQuantity[] _quantities;
    private readonly double?[] _latest;

    public MqttDeviceAggregator(IReadOnlyList<MqttReadingMapping> mappings)
    {
        ArgumentNullException.ThrowIfNull(mappings);
        _quantities = [.. mappings.Select(m => m.Quantity)];
        _latest = new double?[_quantities.Length];
    }

    /// <summary>Records <paramref name="value"/> for mapping <paramref name="index"/> and returns what it changed.</summary>
    public MqttDeviceValues Apply(int index, double value)
    {
        _latest[index] = value;
        return _quantities[index] switch
        {
            MqttQuantity.EnergyImportRegister or MqttQuantity.EnergyExportRegister => Registers(),
            MqttQuantity.Power => new MqttDeviceValues(null, null, Sum(MqttQuantity.Power), null, null),
            MqttQuantity.StateOfCharge => new MqttDeviceValues(null, null, null, value, null),
            _ => new MqttDeviceValues(null, null, null, null, value),
        };
    }

    private MqttDeviceValues Registers()
    {
        var imported = Sum(MqttQuantity.EnergyImportRegister, orZeroWhenUnmapped: true);
        var exported = Sum(MqttQuantity.EnergyExportRegister, orZeroWhenUnmapped: true);
        return imported is null || exported is null ? default : new MqttDeviceValues(imported, exported, null, null, null);
    }

    private double? Sum(MqttQuantity quantity, bool orZeroWhenUnmapped = false)
    {
        double sum = 0;
        var any = false;
        for (var i = 0; i < _quantities.Length; i++)
        {
            if (_quantities[i] != quantity)
            {
                continue;
            }

            if (_latest[i] is not { } v)
            {
                return null;
            }

            sum += v;
            any = true;
        }

        // A device with an import register but no export register (a plug) exports nothing.
        return any || orZeroWhenUnmapped ? sum : null;
    }
}
