using OpenVpp.Chain.Contracts;
using OpenVpp.Chain.Deployment;
using OpenVpp.Chain.Rpc;
using OpenVpp.Chain.Transactions;

namespace OpenVpp.Node.Chain;

/// <summary>The node's connection to the chain: one RPC client, the three contracts, and the oracle's sender if any.</summary>
internal sealed class ChainContext : IDisposable
{
    // Chain I/O (retries, receipt timeouts) runs on real time even when the node's clock is accelerated (demo).
    public ChainContext(ChainOptions options)
    {
        Options = options;
        Rpc = new EthRpcClient(options.Rpc);
        (Registry, Ledger, Token) = OvppContracts.Bind(Rpc, options.Manifest);
        if (options.OracleKey is { } key)
        {
            Oracle = new TransactionSender(Rpc, key, (ulong)options.Manifest.ChainId, OvppArtifacts.SenderOptions);
        }
    }

    public ChainOptions Options { get; }

    public EthRpcClient Rpc { get; }

    public DeviceRegistryContract Registry { get; }

    public EpochLedgerContract Ledger { get; }

    public OvppTokenContract Token { get; }

    /// <summary>Sends the oracle's commits; null when the node has no oracle key.</summary>
    public TransactionSender? Oracle { get; }

    public void Dispose()
    {
        Oracle?.Dispose();
        Rpc.Dispose();
    }
}
