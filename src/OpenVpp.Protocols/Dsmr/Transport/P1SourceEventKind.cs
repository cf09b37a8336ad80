namespace OpenVpp.Protocols.Dsmr.Transport;

public enum P1SourceEventKind
{
    /// <summary>The connection is open.</summary>
    Connected,

    /// <summary>A telegram arrived and parsed (<see cref="P1SourceEvent.Telegram"/>).</summary>
    Telegram,

    /// <summary>A telegram was refused (bad CRC, cut off, too long): <see cref="P1SourceEvent.Message"/> says why.</summary>
    Rejected,

    /// <summary>The connection failed, closed or went silent; the source retries after <see cref="P1SourceEvent.RetryIn"/>.</summary>
    Disconnected,
}
