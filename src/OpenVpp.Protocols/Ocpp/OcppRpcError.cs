namespace OpenVpp.Protocols.Ocpp;

/// <summary>
/// A frame or payload the CSMS must refuse with a CALLERROR: the code (2.0.1 naming, see
/// <see cref="OcppErrorCodes.ForVersion"/>), a description for the station's log, and the message id to answer
/// ("-1" when the id could not be read, as ocpp-rpc does). <see cref="Answerable"/> is false for a broken
/// CALLRESULT or CALLERROR: those are never answered.
/// </summary>
public sealed record OcppRpcError(string MessageId, string Code, string Description, bool Answerable = true)
{
    /// <summary>The id used when a frame's own id cannot be read.</summary>
    public const string UnknownMessageId = "-1";
}
