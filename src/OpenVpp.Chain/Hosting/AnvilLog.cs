using Microsoft.Extensions.Logging;

namespace OpenVpp.Chain.Hosting;

internal static partial class AnvilLog
{
    [LoggerMessage(EventId = 20, Level = LogLevel.Information, Message = "anvil is up on {RpcUri} (chain id {ChainId}, hardfork {Hardfork})")]
    public static partial void Started(ILogger logger, Uri rpcUri, ulong chainId, string hardfork);

    [LoggerMessage(EventId = 21, Level = LogLevel.Warning, Message = "anvil on {RpcUri} did not exit within {GraceSeconds} s of SIGTERM; killing it")]
    public static partial void Killed(ILogger logger, Uri rpcUri, double graceSeconds);

    [LoggerMessage(EventId = 22, Level = LogLevel.Information, Message = "anvil on {RpcUri} stopped")]
    public static partial void Stopped(ILogger logger, Uri rpcUri);
}
