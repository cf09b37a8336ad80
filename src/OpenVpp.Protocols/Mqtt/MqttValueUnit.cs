namespace OpenVpp.Protocols.Mqtt;

/// <summary>The unit a device publishes a value in; each fits one family of <see cref="MqttQuantity"/>.</summary>
public enum MqttValueUnit
{
    /// <summary>Watt-hours (energy registers).</summary>
    Wh,

    /// <summary>Kilowatt-hours (energy registers).</summary>
    KWh,

    /// <summary>Megawatt-hours (energy registers).</summary>
    MWh,

    /// <summary>Watts (power).</summary>
    W,

    /// <summary>Kilowatts (power).</summary>
    KW,

    /// <summary>Percent, 0–100 (state of charge or health).</summary>
    Percent,

    /// <summary>A fraction, 0–1 (state of charge or health).</summary>
    Fraction,
}
