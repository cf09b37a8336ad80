using System.Numerics;
using OpenVpp.Chain.Crypto;
using OpenVpp.Chain.Rpc;
using OpenVpp.Chain.Transactions;

namespace OpenVpp.Chain.Contracts;

/// <summary>DeviceRegistry: one ERC-721 token per device, token id = uint160(device id).</summary>
public sealed class DeviceRegistryContract(EthRpcClient rpc, EthAddress address)
    : ContractBinding(rpc, address, OvppArtifacts.Registry)
{
    public const string DeviceRegisteredEvent = "DeviceRegistered";
    public const string DeviceDeactivatedEvent = "DeviceDeactivated";
    public const string TransferEvent = "Transfer";

    /// <summary>Registers devices owned by the sender in one transaction; the whole batch reverts if one is invalid or taken.</summary>
    public Task<TransactionReceipt> RegisterDevicesAsync(TransactionSender owner, IReadOnlyList<OnChainDevice> devices, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(devices);
        object?[] tuples = [.. devices.Select(d => (object?)d.ToTuple())];
        return SendAsync(owner, "registerDevices", cancellationToken, [tuples]);
    }

    public Task<TransactionReceipt> DeactivateAsync(TransactionSender owner, IReadOnlyList<EthAddress> deviceIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(deviceIds);
        object?[] ids = [.. deviceIds.Select(d => (object?)d.ToArray())];
        return SendAsync(owner, "deactivate", cancellationToken, [ids]);
    }

    public async Task<bool> IsRegisteredAsync(EthAddress deviceId, CancellationToken cancellationToken = default) =>
        (bool)(await CallAsync("isRegistered", BlockParameter.Latest, cancellationToken, deviceId.ToArray()).ConfigureAwait(false))[0]!;

    public async Task<EthAddress> OwnerOfAsync(EthAddress deviceId, CancellationToken cancellationToken = default)
    {
        var tokenId = new BigInteger(deviceId.ToArray(), isUnsigned: true, isBigEndian: true);
        var result = await CallAsync("ownerOf", BlockParameter.Latest, cancellationToken, tokenId).ConfigureAwait(false);
        return new EthAddress((byte[])result[0]!);
    }
}
