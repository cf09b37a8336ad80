using System.Text.Json;

namespace OpenVpp.Protocols.Ocpp;

/// <summary>[3, id, payload]: the answer to a CALL.</summary>
public sealed record OcppCallResult(string MessageId, JsonElement Payload) : OcppMessage(MessageId)
{
    public override OcppMessageType Type => OcppMessageType.CallResult;
}
