using OpenVpp.Chain.Contracts;
using OpenVpp.Chain.Crypto;
using OpenVpp.Core.Crypto;
using OpenVpp.Core.Devices;
using OpenVpp.Core.Wire;
using static OpenVpp.Node.Tests.TestData;

namespace OpenVpp.Node.Tests.Chain;

/// <summary>On-chain registrations and signed readings for the chain tests.</summary>
internal static class ChainTestData
{
    public const string Region = "NL-NH";

    /// <summary>A 5 kW / 10 kWh battery as its owner registers it on chain (no gateway).</summary>
    public static OnChainDevice OnChain(P256DeviceKey key) => new(key.PublicKey, default, 5_000, 10_000, Region, DeviceKind.Battery);

    /// <summary>Registers <paramref name="keys"/> on chain in one batch owned by dev account <paramref name="owner"/>; returns the block.</summary>
    public static async Task<long> RegisterAsync(this AnvilFixture chain, Deployment deployment, int owner, params P256DeviceKey[] keys)
    {
        using var sender = chain.Sender(owner);
        var receipt = await deployment.Registry.RegisterDevicesAsync(sender, [.. keys.Select(OnChain)]);
        Assert.True(receipt.Succeeded);
        return (long)receipt.BlockNumber;
    }

    public static async Task DeactivateAsync(this AnvilFixture chain, Deployment deployment, int owner, P256DeviceKey key)
    {
        using var sender = chain.Sender(owner);
        Assert.True((await deployment.Registry.DeactivateAsync(sender, [new EthAddress(key.Id.Bytes)])).Succeeded);
    }

    /// <summary>
    /// The <paramref name="sequence"/>th 15-minute reading of a device, measured in the hours before <see cref="Now"/>
    /// (sequence 1 starts at 06:15), signed by the device.
    /// </summary>
    public static byte[] Signed(P256DeviceKey key, ulong sequence) =>
        SignBytes(key, Reading(key, sequence, Now.AddHours(-4).AddMinutes(15 * (double)sequence)));

    public static async Task<IngestResult> IngestOneAsync(this NodeHost node, byte[] signed) =>
        (await node.IngestAsync(Convert.ToBase64String(signed))).Results.Single();

    public static string Hex(ReadOnlySpan<byte> bytes) => HexBytes.ToHex(bytes);

    public static byte[] FromHex(string hex) => Convert.FromHexString(hex.AsSpan(2));
}
