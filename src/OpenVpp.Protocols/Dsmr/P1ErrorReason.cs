namespace OpenVpp.Protocols.Dsmr;

/// <summary>Why a telegram was refused.</summary>
public enum P1ErrorReason
{
    /// <summary>No '/' header: not a telegram at all.</summary>
    NoTelegram,

    /// <summary>No '!' end line: the telegram was cut off.</summary>
    Truncated,

    /// <summary>The CRC16 after '!' does not match the telegram: bytes were changed on the way.</summary>
    CrcMismatch,

    /// <summary>A DSMR 4+ telegram (it has a version line) without its CRC.</summary>
    CrcMissing,

    /// <summary>A line that is not "OBIS(value)…", or a value whose parentheses do not close.</summary>
    MalformedLine,

    /// <summary>A value that is not what its code requires (a number that is not one, a date that does not exist).</summary>
    BadValue,

    /// <summary>A known quantity with a unit it cannot have (energy in m3, power in V), or without one.</summary>
    WrongUnit,
}
