namespace OpenVpp.Protocols.Dsmr;

/// <summary>The plain telegram inside an encrypted Smarty frame, or why it could not be had (errors are values).</summary>
public sealed record SmartyDecryptResult(byte[]? Telegram, string? Error, uint FrameCounter = 0)
{
    public bool IsOk => Telegram is not null;
}
