using System.Text.Json;

namespace OpenVpp.Protocols.Ocpp;

/// <summary>[4, id, code, description, details]: a CALL that could not be handled.</summary>
public sealed record OcppCallError(string MessageId, string ErrorCode, string ErrorDescription, JsonElement Details) : OcppMessage(MessageId)
{
    public override OcppMessageType Type => OcppMessageType.CallError;
}
