using OpenVpp.Chain.Rpc;

namespace OpenVpp.Chain.Transactions;

/// <summary>
/// Recognises transaction-pool refusals by their message, the only thing clients agree on less than codes
/// (geth, anvil and Nethermind all use -32000 or -32003 for everything). Matching is case-insensitive.
/// </summary>
internal static class NodeErrors
{
    private static readonly string[] AlreadyKnown = ["already known", "already imported", "known transaction", "alreadyknown"];

    private static readonly string[] NonceTaken =
        ["nonce too low", "nonce is too low", "oldnonce", "replacement transaction underpriced", "replacement fee too low"];

    /// <summary>The pool already holds a transaction with this exact hash.</summary>
    public static bool IsAlreadyKnown(JsonRpcException error) => Matches(error, AlreadyKnown);

    /// <summary>The nonce is used: mined already, or held by another pending transaction.</summary>
    public static bool IsNonceTaken(JsonRpcException error) => Matches(error, NonceTaken);

    private static bool Matches(JsonRpcException error, string[] phrases) =>
        phrases.Any(p => error.RpcMessage.Contains(p, StringComparison.OrdinalIgnoreCase));
}
