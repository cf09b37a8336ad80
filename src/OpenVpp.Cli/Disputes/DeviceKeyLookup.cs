using OpenVpp.Chain.Contracts;
using OpenVpp.Chain.Rpc;
using OpenVpp.Cli.Wallets;
using OpenVpp.Core.Devices;

namespace OpenVpp.Cli.Disputes;

/// <summary>
/// A device's P-256 key as the chain recorded it: the DeviceRegistered event (the registry emits the key and stores
/// only its hash, the token id), found by its indexed device id. Trusts no node.
/// </summary>
internal sealed class DeviceKeyLookup(ChainSession chain)
{
    private readonly Dictionary<DeviceId, byte[]?> _keys = [];

    /// <summary>The key registered for <paramref name="device"/>, or null when it was never registered.</summary>
    public async Task<byte[]?> FindAsync(DeviceId device, CancellationToken cancel)
    {
        if (_keys.TryGetValue(device, out var known))
        {
            return known;
        }

        var topic = new byte[32];
        device.Bytes.CopyTo(topic.AsSpan(12));
        var logs = await chain.Rpc.GetLogsAsync(new LogFilter
        {
            FromBlock = (ulong)chain.Manifest.DeploymentBlock,
            ToBlock = BlockParameter.Latest,
            Addresses = [chain.Registry.Address],
            Topics = [[chain.Registry.Topic(DeviceRegistryContract.DeviceRegisteredEvent)], [topic]],
        }, cancel).ConfigureAwait(false);
        byte[]? key = null;
        foreach (var log in logs.Where(l => !l.Removed))
        {
            var values = chain.Registry.DecodeEvent(log, DeviceRegistryContract.DeviceRegisteredEvent);
            byte[] candidate = [.. (byte[])values[3]!, .. (byte[])values[4]!];
            if (DeviceId.FromPublicKey(candidate) == device)
            {
                key = candidate;
                break;
            }
        }

        _keys[device] = key;
        return key;
    }
}
