namespace OpenVpp.Gateway.Outbox;

/// <summary>The result codes the outbox stores next to a reading; rejections keep the node's reason code.</summary>
public static class OutboxResults
{
    /// <summary>The node accepted and stored the reading.</summary>
    public const string Accepted = "accepted";

    /// <summary>The node already held this exact reading (a resend after a lost acknowledgement).</summary>
    public const string AlreadyStored = "already_stored";

    /// <summary>True for results that mean the node holds the reading.</summary>
    public static bool IsDelivered(string? result) => result is Accepted or AlreadyStored;
}
