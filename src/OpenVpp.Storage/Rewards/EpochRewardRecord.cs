using System.Numerics;

namespace OpenVpp.Storage.Rewards;

/// <summary>
/// The rewards oracle's result for one epoch: the cumulative reward root, what the epoch issued, the whole computation
/// as canonical JSON (inputs and outputs, so anyone can recompute it), and the commit transaction once sent.
/// </summary>
public sealed record EpochRewardRecord(
    long Epoch,
    byte[] RewardRoot,
    BigInteger Issued,
    string ComputationJson,
    byte[]? CommitTx = null,
    long? CommitGas = null);
