using System.Text.Json;

namespace OpenVpp.Protocols.Ocpp.Transport;

/// <summary>
/// The end of a CALL from the CSMS: the answer payload when <see cref="Status"/> is Answered; otherwise the error code
/// (a CALLERROR's, or the schema code of an invalid answer) and a description.
/// </summary>
public sealed record OcppCallOutcome(OcppCallStatus Status, JsonElement? Result = null, string? ErrorCode = null, string? ErrorDescription = null)
{
    public bool IsAnswered => Status == OcppCallStatus.Answered;

    /// <summary>The answer's "status" field (Accepted, Rejected, ...) when there is one.</summary>
    public string? ResultStatus => Result is { ValueKind: JsonValueKind.Object } r && r.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.String
        ? s.GetString()
        : null;

    public override string ToString() => Status switch
    {
        OcppCallStatus.Answered => ResultStatus ?? "answered",
        OcppCallStatus.CallError or OcppCallStatus.InvalidAnswer => $"{Status} {ErrorCode}: {ErrorDescription}",
        _ => Status.ToString(),
    };
}
