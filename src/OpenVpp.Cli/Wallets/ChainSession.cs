using System.Text.Json;
using OpenVpp.Chain.Contracts;
using OpenVpp.Chain.Crypto;
using OpenVpp.Chain.Deployment;
using OpenVpp.Chain.Rpc;
using OpenVpp.Chain.Transactions;
using OpenVpp.Cli.Commands;

namespace OpenVpp.Cli.Wallets;

/// <summary>
/// One connection to the chain a deployment manifest describes: the RPC client and the three contracts, checked on
/// opening (the chain answers, has the manifest's chain id, and holds code at the token's address).
/// </summary>
internal sealed class ChainSession : IDisposable
{
    private ChainSession(DeploymentManifest manifest, EthRpcClient rpc)
    {
        Manifest = manifest;
        Rpc = rpc;
        (Registry, Ledger, Token) = OvppContracts.Bind(rpc, manifest);
    }

    public DeploymentManifest Manifest { get; }

    public EthRpcClient Rpc { get; }

    public OvppTokenContract Token { get; }

    public DeviceRegistryContract Registry { get; }

    public EpochLedgerContract Ledger { get; }

    /// <exception cref="CommandException">The chain is unreachable, is another chain, or lacks the contracts.</exception>
    public static async Task<ChainSession> OpenAsync(DeploymentManifest manifest, Uri rpcUri, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var rpc = new EthRpcClient(rpcUri);
        try
        {
            var session = new ChainSession(manifest, rpc);
            ulong chainId;
            try
            {
                chainId = await rpc.ChainIdAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (RpcTransportException e)
            {
                throw new CommandException(
                    $"cannot reach the chain at {rpcUri} ({e.InnerException?.Message ?? e.Message}); is it running? (`openvpp up` starts one; --rpc picks another URL)", e);
            }

            if (chainId != (ulong)manifest.ChainId)
            {
                throw new CommandException(
                    $"the chain at {rpcUri} has chain id {chainId}, but the manifest was deployed on chain {manifest.ChainId}; pass the right --rpc or --manifest.");
            }

            var code = await rpc.SendAsync("eth_getCode", [session.Token.Address.ToString(), "latest"], cancellationToken).ConfigureAwait(false);
            if (code.ValueKind != JsonValueKind.String || code.GetString() is null or "0x")
            {
                throw new CommandException(
                    $"no contract at the manifest's token address {session.Token.Address} on {rpcUri}: the chain was reset after deployment.json was written; deploy again (`openvpp up`).");
            }

            return session;
        }
        catch
        {
            rpc.Dispose();
            throw;
        }
    }

    /// <summary>A sender for <paramref name="key"/> that names the contracts' custom errors in reverts. The caller disposes it.</summary>
    public TransactionSender CreateSender(Secp256k1Key key) =>
        new(Rpc, key, (ulong)Manifest.ChainId, OvppArtifacts.SenderOptions);

    public void Dispose() => Rpc.Dispose();
}
