namespace OpenVpp.Protocols.Ocpp;

/// <summary>One OCPP-J frame: a CALL, CALLRESULT or CALLERROR, with the message id that pairs a call with its answer.</summary>
public abstract record OcppMessage(string MessageId)
{
    public abstract OcppMessageType Type { get; }
}
