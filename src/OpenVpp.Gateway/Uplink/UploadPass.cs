namespace OpenVpp.Gateway.Uplink;

/// <summary>What one pass over the outbox achieved: readings now stored at the node, finally rejected, and still waiting because the node does not know their device.</summary>
internal readonly record struct UploadPass(long Delivered, long Rejected, long WaitingForRegistration, string? FirstUnknownDevice);
