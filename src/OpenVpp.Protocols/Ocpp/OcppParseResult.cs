namespace OpenVpp.Protocols.Ocpp;

/// <summary>What <see cref="OcppFraming.Parse"/> made of a text frame: a message, or the error to answer with.</summary>
public readonly record struct OcppParseResult(OcppMessage? Message, OcppRpcError? Error)
{
    public bool IsOk => Message is not null;
}
