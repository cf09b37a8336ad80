namespace OpenVpp.Core.Readings;

/// <summary>Status flags a device reports with a reading.</summary>
[Flags]
public enum ReadingStatus : ushort
{
    None = 0,

    /// <summary>The device missed part of the interval; energy covers only the time it was measuring.</summary>
    PartialInterval = 1 << 0,

    /// <summary>The device was following an external setpoint (demand response) during the interval.</summary>
    UnderDispatch = 1 << 1,

    /// <summary>The device reported a fault during the interval.</summary>
    DeviceFault = 1 << 2,

    /// <summary>The clock of the device was resynchronised during the interval.</summary>
    ClockAdjusted = 1 << 3,

    /// <summary>Values are estimated rather than measured (for example, a simulator).</summary>
    Estimated = 1 << 4,
}
