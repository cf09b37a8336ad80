using System.Numerics;

namespace OpenVpp.Chain.Contracts;

/// <summary>What commitEpoch records for one epoch: its data root, the cumulative reward root and the totals.</summary>
public sealed record EpochCommitment(
    long Epoch,
    byte[] DataRoot,
    byte[] RewardRoot,
    long EnergyWh,
    BigInteger Reward,
    int ReadingCount,
    int DeviceCount);

/// <summary>An epoch as EpochLedger stores it.</summary>
public sealed record EpochOnChain(
    byte[] DataRoot,
    byte[] RewardRoot,
    BigInteger EnergyWh,
    BigInteger Reward,
    long ReadingCount,
    long DeviceCount,
    long CommittedAt,
    bool Disputed)
{
    public bool IsCommitted => CommittedAt != 0;
}
