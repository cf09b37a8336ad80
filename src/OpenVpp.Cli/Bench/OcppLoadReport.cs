namespace OpenVpp.Cli.Bench;

/// <summary>What the OCPP load generator measured: CALLs sent, CALLRESULTs and CALLERRORs back, wall time of the send phase.</summary>
internal sealed record OcppLoadReport(long Sent, long Answered, long Errors, double ElapsedS);
