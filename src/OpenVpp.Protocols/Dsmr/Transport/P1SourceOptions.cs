namespace OpenVpp.Protocols.Dsmr.Transport;

/// <summary>How a <see cref="P1TelegramSource"/> reconnects and when it gives up on a silent connection.</summary>
public sealed record P1SourceOptions
{
    /// <summary>First wait after a failure; doubled after each further failure up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// No telegram for this long closes the connection and reconnects: meters send every 1 s (DSMR 5) or 10 s
    /// (DSMR 2.2–4), so silence means an unplugged cable or a half-dead socket.
    /// </summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public int MaxTelegramBytes { get; init; } = P1FrameReader.DefaultMaxTelegramBytes;

    /// <summary>
    /// The 16-byte key of a Luxembourg Smarty meter, whose P1 port sends encrypted frames; null for plain telegrams.
    /// </summary>
    public byte[]? SmartyKey { get; init; }
}
