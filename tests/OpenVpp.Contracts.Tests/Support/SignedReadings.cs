using OpenVpp.Core.Crypto;
using OpenVpp.Core.Devices;
using OpenVpp.Core.Merkle;
using OpenVpp.Core.Readings;

namespace OpenVpp.Contracts.Tests.Support;

/// <summary>140-byte signed readings as devices produce them: Core's canonical encoding, then a P-256 signature.</summary>
public static class SignedReadings
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A 15-minute reading of <paramref name="device"/>, signed by <paramref name="signer"/> (normally the device's own key).</summary>
    public static byte[] Build(P256DeviceKey signer, DeviceId device, ulong sequence, long exportedWh)
    {
        ArgumentNullException.ThrowIfNull(signer);
        var from = Start.AddMinutes(15 * (double)sequence);
        var reading = new Reading(device, sequence, from, from.AddMinutes(15), 0, exportedWh, (int)(exportedWh * 4), (int)(exportedWh * 5), null, null, ReadingStatus.None);
        var canonical = ReadingCodec.Encode(reading);
        return SignedReading.Combine(canonical, signer.Sign(canonical));
    }

    /// <summary>An honest reading: the device signs its own.</summary>
    public static byte[] Build(P256DeviceKey device, ulong sequence, long exportedWh)
    {
        ArgumentNullException.ThrowIfNull(device);
        return Build(device, device.Id, sequence, exportedWh);
    }
}

/// <summary>An epoch's readings and their data commitment, built the way the node builds it (leaf = keccak256(signed reading)).</summary>
public sealed class EpochData
{
    private readonly MerkleTree _tree;

    public EpochData(IReadOnlyList<byte[]> readings)
    {
        ArgumentNullException.ThrowIfNull(readings);
        Readings = readings;
        _tree = MerkleTree.Build(readings.Select(r => MerkleTree.LeafHash(r)));
        DeviceCount = readings.Select(r => Convert.ToHexString(r, 4, DeviceId.Length)).Distinct().Count();
    }

    public static EpochData Empty { get; } = new([]);

    public IReadOnlyList<byte[]> Readings { get; }

    public int DeviceCount { get; }

    public byte[] Root => _tree.Root;

    /// <summary>The Merkle proof of <paramref name="signedReading"/>; fails when it is not in the epoch.</summary>
    public IReadOnlyList<byte[]> Proof(byte[] signedReading) =>
        _tree.GetProof(MerkleTree.LeafHash(signedReading)) ?? throw new InvalidOperationException("The reading is not in this epoch.");
}
