using OpenVpp.Chain.Contracts;
using OpenVpp.Chain.Crypto;
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
        var contracts = options.Manifest.Contracts;
        Registry = new DeviceRegistryContract(Rpc, EthAddress.Parse(contracts.Registry));
        Ledger = new EpochLedgerContract(Rpc, EthAddress.Parse(contracts.EpochLedger));
        Token = new OvppTokenContract(Rpc, EthAddress.Parse(contracts.Token));
        if (options.OracleKey is { } key)
        {
            Oracle = new TransactionSender(Rpc, key, (ulong)options.Manifest.ChainId,
                new TransactionSenderOptions { RevertDecoder = OvppArtifacts.RevertDecoder });
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
