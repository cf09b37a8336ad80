using System.Text.Json;

namespace OpenVpp.Protocols.Ocpp;

/// <summary>[2, id, action, payload]: a request.</summary>
public sealed record OcppCall(string MessageId, string Action, JsonElement Payload) : OcppMessage(MessageId)
{
    public override OcppMessageType Type => OcppMessageType.Call;
}
