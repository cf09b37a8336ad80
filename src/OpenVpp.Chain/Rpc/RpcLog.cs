using Microsoft.Extensions.Logging;

namespace OpenVpp.Chain.Rpc;

/// <summary>
/// Log messages of the RPC client. Only method names and outcomes are logged, never parameters: those include
/// raw signed transactions, which must not end up in log files.
/// </summary>
internal static partial class RpcLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning,
        Message = "JSON-RPC {Method} attempt {Attempt} of {MaxAttempts} failed ({Reason}); retrying in {DelayMs} ms")]
    public static partial void Retrying(ILogger logger, string method, int attempt, int maxAttempts, string reason, long delayMs);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning,
        Message = "JSON-RPC {Method} gave up after {Attempts} attempt(s) ({Reason})")]
    public static partial void GaveUp(ILogger logger, string method, int attempts, string reason);
}
