// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @notice What EpochLedger calls when an epoch is committed (implemented by RewardDistributor).
interface IRewardSink {
    /// @param epoch The committed epoch.
    /// @param rewardRoot Merkle root over (account, cumulativeAmount) leaves, cumulative over all epochs so far.
    /// @param epochReward Tokens newly issued for this epoch (the increase of the root's total).
    function onEpochCommitted(uint64 epoch, bytes32 rewardRoot, uint256 epochReward) external;
}
