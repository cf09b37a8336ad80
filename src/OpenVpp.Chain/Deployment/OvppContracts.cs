using OpenVpp.Chain.Contracts;
using OpenVpp.Chain.Crypto;
using OpenVpp.Chain.Rpc;

namespace OpenVpp.Chain.Deployment;

/// <summary>The three deployed contracts of a manifest, bound to one RPC client.</summary>
public sealed record OvppContracts(DeviceRegistryContract Registry, EpochLedgerContract Ledger, OvppTokenContract Token)
{
    /// <exception cref="InvalidDataException">An address in the manifest is not an address.</exception>
    public static OvppContracts Bind(EthRpcClient rpc, DeploymentManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var c = manifest.Contracts;
        return new OvppContracts(
            new DeviceRegistryContract(rpc, Address(c.Registry, "registry")),
            new EpochLedgerContract(rpc, Address(c.EpochLedger, "epoch_ledger")),
            new OvppTokenContract(rpc, Address(c.Token, "token")));
    }

    private static EthAddress Address(string? text, string name) =>
        EthAddress.TryParse(text, out var address)
            ? address
            : throw new InvalidDataException($"the deployment manifest's {name} address '{text}' is not an address; the manifest is damaged.");
}
