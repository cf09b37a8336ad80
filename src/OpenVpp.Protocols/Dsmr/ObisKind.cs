namespace OpenVpp.Protocols.Dsmr;

/// <summary>How the value of an OBIS line is written, which decides how it is parsed and which units it may carry.</summary>
public enum ObisKind
{
    /// <summary>Kept as the meter wrote it.</summary>
    Raw,

    /// <summary>Text sent as hexadecimal ASCII (equipment ids, messages); decoded when it is printable.</summary>
    HexText,

    /// <summary>A meter timestamp YYMMDDhhmmssX.</summary>
    Timestamp,

    /// <summary>Active energy register: kWh or Wh.</summary>
    Energy,

    /// <summary>Reactive energy register: kvarh or varh.</summary>
    ReactiveEnergy,

    /// <summary>Active power: kW or W.</summary>
    Power,

    /// <summary>Reactive power: kvar or var.</summary>
    ReactivePower,

    /// <summary>Voltage in V.</summary>
    Voltage,

    /// <summary>Current in A.</summary>
    Current,

    /// <summary>A plain number without unit (counters, tariff indicator, switch positions, M-Bus device type).</summary>
    Number,

    /// <summary>A number whose unit differs between meters (limiter threshold in A, kW or kVA).</summary>
    AnyQuantity,

    /// <summary>A timestamp followed by a quantity: an M-Bus reading, or a maximum demand and when it happened.</summary>
    TimedQuantity,

    /// <summary>The DSMR 2.2/3.0 M-Bus reading 0-n:24.3.0: timestamp, parameters, unit, and the value on the next line.</summary>
    LegacyMBusReading,

    /// <summary>The long power failure event log 1-0:99.97.0: count, OBIS reference, then end time and duration pairs.</summary>
    PowerFailureLog,
}
