namespace OpenVpp.Protocols.Dsmr;

/// <summary>The letter after a DSMR timestamp: the meter's clock was on summer (CEST, UTC+2) or winter (CET, UTC+1) time.</summary>
public enum P1DstIndicator
{
    /// <summary>No letter (DSMR 2.2/3.0 gas readings): the offset is derived from the EU rule for Central European Time.</summary>
    Unspecified,

    /// <summary>'S': summer time, UTC+02:00.</summary>
    Summer,

    /// <summary>'W': winter (standard) time, UTC+01:00.</summary>
    Winter,
}
