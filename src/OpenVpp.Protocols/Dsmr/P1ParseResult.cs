using System.Diagnostics.CodeAnalysis;

namespace OpenVpp.Protocols.Dsmr;

/// <summary>A parsed telegram or the reason it was refused; bad input is a value here, never an exception.</summary>
public readonly record struct P1ParseResult
{
    private P1ParseResult(P1Telegram? telegram, P1Error? error)
    {
        Telegram = telegram;
        Error = error;
    }

    public P1Telegram? Telegram { get; }

    public P1Error? Error { get; }

    [MemberNotNullWhen(true, nameof(Telegram))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsOk => Telegram is not null;

    public static P1ParseResult Ok(P1Telegram telegram) => new(telegram, null);

    public static P1ParseResult Fail(P1ErrorReason reason, string message) => new(null, new P1Error(reason, message));
}
