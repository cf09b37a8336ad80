using OpenVpp.Core.Devices;
using OpenVpp.Core.Merkle;
using OpenVpp.Storage;

namespace OpenVpp.Node.Epochs;

/// <summary>Inclusion proofs for stored readings in sealed epochs; keeps the last tree built, since proofs are usually asked for one epoch at a time.</summary>
internal sealed class EpochProofs(IEpochStore epochs, IReadingStore readings)
{
    private CachedTree? _cached;

    public async Task<ProofResult> GetAsync(DeviceId id, ulong sequence, CancellationToken cancellationToken)
    {
        var location = await readings.FindAsync(id, sequence, cancellationToken);
        if (location is null)
        {
            return new ProofResult(null, null, null, $"No reading {sequence} of device {id} is stored.");
        }

        var epoch = await epochs.GetAsync(location.Epoch, cancellationToken);
        if (epoch is null)
        {
            return new ProofResult(null, location, null, $"Epoch {location.Epoch} is not sealed yet; ask again after it ends.");
        }

        var cached = Volatile.Read(ref _cached);
        if (cached is null || cached.Index != epoch.Index)
        {
            cached = new CachedTree(epoch.Index, MerkleTree.Build(await epochs.GetLeavesAsync(epoch.Index, cancellationToken)));
            Volatile.Write(ref _cached, cached);
        }

        var tree = cached.Tree;

        var proof = tree.GetProof(location.Leaf)
            ?? throw new InvalidOperationException($"Leaf of reading {sequence} of {id} is missing from epoch {epoch.Index}'s tree; the store is inconsistent.");
        return new ProofResult(epoch, location, proof, null);
    }

    private sealed record CachedTree(long Index, MerkleTree Tree);
}

internal sealed record ProofResult(EpochRecord? Epoch, ReadingLocation? Location, IReadOnlyList<byte[]>? Proof, string? Problem);
