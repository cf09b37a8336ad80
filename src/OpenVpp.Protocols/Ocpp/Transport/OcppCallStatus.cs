namespace OpenVpp.Protocols.Ocpp.Transport;

/// <summary>How a CALL from the CSMS to a station ended.</summary>
public enum OcppCallStatus
{
    /// <summary>The station answered with a CALLRESULT that matches the schema.</summary>
    Answered,

    /// <summary>The station answered with a CALLERROR.</summary>
    CallError,

    /// <summary>The station answered with a CALLRESULT that does not match the schema.</summary>
    InvalidAnswer,

    /// <summary>No answer within <see cref="OcppCsmsOptions.CallTimeout"/>.</summary>
    Timeout,

    /// <summary>The station is not connected; nothing was sent.</summary>
    NotConnected,

    /// <summary>The station disconnected before answering.</summary>
    Disconnected,
}
