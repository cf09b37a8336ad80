using System.Numerics;
using OpenVpp.Core.Devices;

namespace OpenVpp.Storage.Chain;

/// <summary>
/// What the indexer learned from one block range, applied in one transaction together with the new head, so a
/// restart resumes exactly after the last applied range. <see cref="Reset"/> first drops everything learned from the
/// chain (after a reorg deeper than the stored block hashes reach, the indexer rebuilds from the deployment block).
/// </summary>
public sealed record ChainIndexBatch(
    bool Reset,
    long HeadBlock,
    byte[] HeadHash,
    IReadOnlyList<ChainDeviceRegistration> Registrations,
    IReadOnlyList<DeviceId> Deactivations,
    IReadOnlyList<ChainOwnerChange> OwnerChanges,
    IReadOnlyList<ChainEpochCommit> Commits,
    IReadOnlyList<ChainEpochDispute> Disputes,
    IReadOnlyList<ChainClaim> Claims)
{
    public bool IsEmpty =>
        Registrations.Count == 0 && Deactivations.Count == 0 && OwnerChanges.Count == 0 && Commits.Count == 0
        && Disputes.Count == 0 && Claims.Count == 0;
}

/// <summary>A DeviceRegistered event: the device as the node keeps it, and the block it was registered in.</summary>
public sealed record ChainDeviceRegistration(DeviceRecord Device, long Block);

/// <summary>An ERC-721 transfer of a device token: rewards follow the current owner.</summary>
public sealed record ChainOwnerChange(DeviceId Device, string Owner);

/// <summary>An EpochCommitted event.</summary>
public sealed record ChainEpochCommit(long Epoch, byte[] DataRoot, byte[] RewardRoot, BigInteger Reward, byte[] TxHash, long Block);

/// <summary>
/// An EpochDisputed event (<see cref="Disputed"/> true) or a DisputeResolved one (false), which also replaces the
/// epoch's data root with <see cref="CorrectedDataRoot"/>.
/// </summary>
public sealed record ChainEpochDispute(long Epoch, bool Disputed, byte[]? CorrectedDataRoot = null);

/// <summary>A reward claim: OVPP paid from the reward pool to <see cref="Account"/>.</summary>
public sealed record ChainClaim(byte[] TxHash, int LogIndex, long Block, byte[] Account, BigInteger Amount);
