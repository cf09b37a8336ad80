namespace OpenVpp.Protocols.Ocpp;

/// <summary>
/// Why a payload does not match its OCPP schema: the CALLERROR code (2.0.1 naming), the JSON pointer of the offending
/// value and the schema keyword that failed, in words for the station's log and ours.
/// </summary>
public sealed record OcppValidationError(string Code, string InstanceLocation, string Keyword, string Message)
{
    public string Describe() => $"{(InstanceLocation.Length == 0 ? "payload" : InstanceLocation)}: {Message} ({Keyword})";
}
