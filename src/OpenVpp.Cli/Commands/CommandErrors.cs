using OpenVpp.Chain.Reverts;
using OpenVpp.Chain.Rpc;
using OpenVpp.Chain.Wallets;
using OpenVpp.Cli.Devices;
using OpenVpp.Cli.Wallets;
using OpenVpp.Gateway.Keystore;

namespace OpenVpp.Cli.Commands;

/// <summary>A failure the user can act on; the message is the whole story (one line, no stack trace).</summary>
internal sealed class CommandException : Exception
{
    public CommandException()
    {
    }

    public CommandException(string message)
        : base(message)
    {
    }

    public CommandException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public CommandException(string message, int exitCode)
        : base(message)
    {
        ExitCode = exitCode;
    }

    public int ExitCode { get; } = CommandErrors.Failure;

    /// <summary>The command was called wrongly (exit code 2), as opposed to failing while doing its work (1).</summary>
    public static CommandException Usage(string message) => new(message, CommandErrors.UsageError);
}

/// <summary>
/// Runs a command's work and turns every failure into one line on standard error, "command: what went wrong", with
/// exit code 1 (2 for usage errors). Private keys never reach a message: no exception here carries one.
/// </summary>
internal static class CommandErrors
{
    public const int Failure = 1;
    public const int UsageError = 2;
    public const int Cancelled = 130;

    public static async Task<int> RunAsync(string command, Func<Task<int>> work, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(work);
        try
        {
            return await work().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync($"{command}: cancelled.").ConfigureAwait(false);
            return Cancelled;
        }
        catch (Exception e)
        {
            await Console.Error.WriteLineAsync($"{command}: {OneLine(Describe(e))}").ConfigureAwait(false);
            return e is CommandException c ? c.ExitCode : Failure;
        }
    }

    internal static string Describe(Exception e) => e switch
    {
        CommandException or WalletException or KeystoreException or ClaimRefusedException or DeviceRegistrationException => e.Message,
        FileNotFoundException or InvalidDataException or DirectoryNotFoundException or UnauthorizedAccessException => e.Message,
        ContractRevertException revert => revert.TransactionHash is null
            ? $"the contract refused the call, nothing was sent: {revert.Reason.Message}"
            : $"transaction 0x{Convert.ToHexStringLower(revert.TransactionHash)} reverted: {revert.Reason.Message}",
        JsonRpcException rpc when rpc.RpcMessage.Contains("insufficient funds", StringComparison.OrdinalIgnoreCase) =>
            $"the sending account has too little ETH to pay for gas ({rpc.RpcMessage}); fund it and try again.",
        JsonRpcException rpc => $"the chain refused {rpc.Method}: {rpc.RpcMessage}",
        RpcTransportException transport => $"cannot reach the chain ({transport.Message}); is it running? (`openvpp up` starts one)",
        RpcProtocolException protocol => $"the chain's answer makes no sense: {protocol.Message}",
        HttpRequestException http => $"HTTP request failed: {http.Message}",
        TimeoutException timeout => timeout.Message,
        InvalidOperationException or ArgumentException => e.Message,
        IOException io => io.Message,
        _ => $"unexpected {e.GetType().Name}: {e.Message}",
    };

    private static string OneLine(string message) =>
        string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
