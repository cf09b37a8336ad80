namespace OpenVpp.Protocols.Dsmr.Transport;

/// <summary>
/// What <see cref="P1FrameReader"/> found next in the byte stream: the bytes of one telegram from '/' through the
/// line after '!' (still to be checked by <see cref="P1Parser"/>), or a dropped one with the reason. Either way
/// <see cref="SkippedBytes"/> counts the garbage skipped before it.
/// </summary>
public sealed record P1Frame(ReadOnlyMemory<byte> Telegram, string? DroppedReason, long SkippedBytes)
{
    public bool IsDropped => DroppedReason is not null;
}
