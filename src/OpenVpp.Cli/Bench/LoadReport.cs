namespace OpenVpp.Cli.Bench;

/// <summary>What the load generator measured: readings sent, the node's answers, and wall time of the send phase.</summary>
internal sealed record LoadReport(long Sent, long Accepted, long Rejected, double ElapsedS);
