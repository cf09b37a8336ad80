namespace OpenVpp.Protocols.Dsmr;

/// <summary>
/// One COSEM object (line) of a telegram: its code, what the registry knows of it (null for a code it does not
/// know, which is kept, not refused), the value text as sent ("(001581.123*kWh)"), and the parsed value where the
/// kind has one.
/// </summary>
public sealed record P1Object(ObisCode Code, ObisDefinition? Definition, string RawValue)
{
    /// <summary>The number and unit, for quantities.</summary>
    public P1Quantity? Quantity { get; init; }

    /// <summary>The timestamp, for timestamps and timed readings.</summary>
    public P1Timestamp? Timestamp { get; init; }

    /// <summary>Decoded text, for hex-encoded ids and messages (the hex as sent when it does not decode to printable text).</summary>
    public string? Text { get; init; }
}
