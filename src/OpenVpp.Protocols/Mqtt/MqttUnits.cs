namespace OpenVpp.Protocols.Mqtt;

/// <summary>Converts published values to the units of readings: Wh for registers, W for power, basis points for SoC/SoH.</summary>
public static class MqttUnits
{
    /// <summary>Whether <paramref name="unit"/> can express <paramref name="quantity"/>.</summary>
    public static bool Fits(MqttValueUnit unit, MqttQuantity quantity) => quantity switch
    {
        MqttQuantity.EnergyImportRegister or MqttQuantity.EnergyExportRegister => unit is MqttValueUnit.Wh or MqttValueUnit.KWh or MqttValueUnit.MWh,
        MqttQuantity.Power => unit is MqttValueUnit.W or MqttValueUnit.KW,
        MqttQuantity.StateOfCharge or MqttQuantity.StateOfHealth => unit is MqttValueUnit.Percent or MqttValueUnit.Fraction,
        _ => false,
    };

    /// <summary>
    /// <paramref name="value"/> in <paramref name="unit"/> expressed in the reading unit of its family: Wh, W or basis
    /// points (10000 = 100 %).
    /// </summary>
    public static double ToReadingUnit(double value, MqttValueUnit unit) => unit switch
    {
        MqttValueUnit.Wh or MqttValueUnit.W => value,
        MqttValueUnit.KWh or MqttValueUnit.KW => value * 1_000,
        MqttValueUnit.MWh => value * 1_000_000,
        MqttValueUnit.Percent => value * 100,
        MqttValueUnit.Fraction => value * 10_000,
        _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, "Unknown unit."),
    };
}
