using System.Security.Cryptography;
using OpenVpp.Chain.Transactions;
using OpenVpp.Cli.Wallets;
using OpenVpp.Core.Crypto;
using OpenVpp.Core.Devices;
using OpenVpp.Core.Merkle;
using OpenVpp.Core.Readings;
using OpenVpp.Core.Wire;
using OpenVpp.Node.Api;

namespace OpenVpp.Cli.Disputes;

/// <summary>A reading that must not be in a committed root: its device was never registered, or its signature fails.</summary>
internal sealed record BadReading(int Index, byte[] SignedBytes, DeviceId Device, ulong Sequence, string Reason, byte[]? PublicKey);

/// <summary>What a challenge found and did.</summary>
internal sealed record ChallengeReport(
    long Epoch,
    int Readings,
    bool Disputed,
    string? Device,
    ulong? Sequence,
    string? Reason,
    string? TransactionHash,
    ulong? GasUsed,
    string Message);

/// <summary>
/// Checks every reading of an epoch export against the keys the chain recorded and, for the first bad one, sends
/// EpochLedger.challenge with its Merkle proof against the committed data root. Anyone can do this: it needs the
/// export, a chain endpoint and an account with gas, and trusts no node.
/// </summary>
internal static class ReadingChallenger
{
    public static async Task<BadReading?> FindBadReadingAsync(EpochExport export, DeviceKeyLookup keys, CancellationToken cancel)
    {
        for (var i = 0; i < export.Readings.Count; i++)
        {
            if (!HexBytes.TryParse(export.Readings[i], out var bytes) || bytes.Length != SignedReading.Length)
            {
                throw new InvalidDataException($"reading {i} of the export is not 0x followed by {SignedReading.Length} bytes of hex.");
            }

            var reading = ReadingCodec.TryDecode(SignedReading.Canonical(bytes), out _);
            // The device id sits at bytes 4..24 whatever else is wrong with the reading; that is where the contract reads it.
            var device = new DeviceId(bytes.AsSpan(4, DeviceId.Length));
            var key = await keys.FindAsync(device, cancel).ConfigureAwait(false);
            if (key is null)
            {
                return new BadReading(i, bytes, device, reading?.Sequence ?? 0, "device not in the on-chain registry", null);
            }

            if (!Verifies(key, SignedReading.Canonical(bytes), SignedReading.Signature(bytes)))
            {
                return new BadReading(i, bytes, device, reading?.Sequence ?? 0, "signature does not verify against the registered key", key);
            }
        }

        return null;
    }

    public static async Task<ChallengeReport> ChallengeAsync(
        ChainSession chain, TransactionSender challenger, EpochExport export, CancellationToken cancel)
    {
        var epoch = export.Epoch.Index;
        var onChain = await chain.Ledger.EpochInfoAsync(epoch, cancel).ConfigureAwait(false);
        if (!onChain.IsCommitted)
        {
            throw new InvalidOperationException($"epoch {epoch} is not committed on chain; only committed epochs can be challenged.");
        }

        var leaves = export.Readings.Select(r => HexBytes.TryParse(r, out var b) ? MerkleTree.LeafHash(b) : []).ToList();
        var tree = MerkleTree.Build(leaves);
        if (!tree.Root.AsSpan().SequenceEqual(onChain.DataRoot))
        {
            throw new InvalidDataException(
                $"the export's readings give root {HexBytes.ToHex(tree.Root)}, but epoch {epoch} committed {HexBytes.ToHex(onChain.DataRoot)}: a challenge needs the readings of the committed root.");
        }

        if (onChain.Disputed)
        {
            return new ChallengeReport(epoch, export.Readings.Count, true, null, null, null, null, null, $"epoch {epoch} is already disputed; claims are paused until the oracle resolves it.");
        }

        var bad = await FindBadReadingAsync(export, new DeviceKeyLookup(chain), cancel).ConfigureAwait(false);
        if (bad is null)
        {
            return new ChallengeReport(epoch, export.Readings.Count, false, null, null, null, null, null,
                $"all {export.Readings.Count} readings of epoch {epoch} are signed by their registered devices: nothing to challenge.");
        }

        var proof = tree.GetProof(MerkleTree.LeafHash(bad.SignedBytes))!;
        var receipt = await chain.Ledger.ChallengeAsync(challenger, epoch, bad.SignedBytes, proof, bad.PublicKey ?? new byte[64], cancel).ConfigureAwait(false);
        return new ChallengeReport(
            epoch, export.Readings.Count, true, bad.Device.ToString(), bad.Sequence, bad.Reason, HexBytes.ToHex(receipt.TransactionHash), receipt.GasUsed,
            $"epoch {epoch} disputed: reading {bad.Sequence} of device {bad.Device}: {bad.Reason}. Claims are paused until the oracle re-commits a corrected root.");
    }

    private static bool Verifies(byte[] publicKey, ReadOnlySpan<byte> canonical, ReadOnlySpan<byte> signature)
    {
        try
        {
            using var key = P256Signature.ImportPublicKey(publicKey);
            return P256Signature.Verify(key, canonical, signature);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
