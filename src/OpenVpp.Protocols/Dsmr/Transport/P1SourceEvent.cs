namespace OpenVpp.Protocols.Dsmr.Transport;

/// <summary>One thing that happened on a <see cref="P1TelegramSource"/>, in order.</summary>
public sealed record P1SourceEvent(P1SourceEventKind Kind, P1Telegram? Telegram = null, string? Message = null, TimeSpan? RetryIn = null)
{
    /// <summary>Set on <see cref="P1SourceEventKind.Rejected"/> events that come from the parser (null for framing drops).</summary>
    public P1Error? Error { get; init; }
}
