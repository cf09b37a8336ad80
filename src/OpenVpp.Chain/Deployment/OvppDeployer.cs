using System.Numerics;
using OpenVpp.Chain.Contracts;
using OpenVpp.Chain.Crypto;
using OpenVpp.Chain.Rpc;
using OpenVpp.Chain.Transactions;

namespace OpenVpp.Chain.Deployment;

/// <summary>
/// Deploys the value layer and wires its roles: registry, token (the reward distributor lives in it), ledger; the
/// ledger gets LEDGER_ROLE on the token and becomes its reward sink; the oracle gets ORACLE_ROLE on the ledger.
/// </summary>
public static class OvppDeployer
{
    public static async Task<DeploymentManifest> DeployAsync(
        EthRpcClient rpc,
        TransactionSender admin,
        EthAddress oracle,
        BigInteger supplyCap,
        long firstEpoch,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rpc);
        ArgumentNullException.ThrowIfNull(admin);
        var registryReceipt = await DeployAsync(admin, OvppArtifacts.Registry, cancellationToken, admin.Address.ToArray());
        var registry = registryReceipt.ContractAddress!.Value;
        var token = (await DeployAsync(admin, OvppArtifacts.Token, cancellationToken, admin.Address.ToArray(), supplyCap)).ContractAddress!.Value;
        var ledger = (await DeployAsync(admin, OvppArtifacts.Ledger, cancellationToken, admin.Address.ToArray(), registry.ToArray(), (BigInteger)firstEpoch))
            .ContractAddress!.Value;

        var tokenContract = new OvppTokenContract(rpc, token);
        var ledgerContract = new EpochLedgerContract(rpc, ledger);
        await tokenContract.GrantRoleAsync(admin, "LEDGER_ROLE", ledger, cancellationToken).ConfigureAwait(false);
        await ledgerContract.SetRewardSinkAsync(admin, token, cancellationToken).ConfigureAwait(false);
        await ledgerContract.GrantRoleAsync(admin, "ORACLE_ROLE", oracle, cancellationToken).ConfigureAwait(false);

        return new DeploymentManifest(
            1,
            (long)admin.ChainId,
            rpc.Endpoint.ToString(),
            (long)registryReceipt.BlockNumber,
            firstEpoch,
            admin.Address.ToString(),
            oracle.ToString(),
            new DeploymentContracts(token.ToString(), registry.ToString(), ledger.ToString(), token.ToString()));
    }

    private static async Task<TransactionReceipt> DeployAsync(
        TransactionSender admin, ContractArtifact artifact, CancellationToken cancellationToken, params object?[] arguments)
    {
        var receipt = await admin.SendAndWaitAsync(null, artifact.DeploymentData(arguments), BigInteger.Zero, null, cancellationToken).ConfigureAwait(false);
        return receipt.ContractAddress is null
            ? throw new InvalidOperationException($"Deploying {artifact.ContractName}: the receipt names no contract address.")
            : receipt;
    }
}
