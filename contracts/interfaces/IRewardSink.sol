// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @notice What EpochLedger calls to hand reward roots over (implemented by OvppToken's RewardDistributor).
interface IRewardSink {
    /// @notice An epoch was committed: its issuance is minted and `rewardRoot` becomes the claimable root.
    /// @param epoch The committed epoch.
    /// @param rewardRoot Merkle root over (account, cumulativeAmount) leaves, cumulative over all epochs so far;
    /// zero while a dispute is open (claims paused).
    /// @param epochReward Tokens newly issued for this epoch (the increase of the root's total).
    function onEpochCommitted(uint64 epoch, bytes32 rewardRoot, uint256 epochReward) external;

    /// @notice The claimable root changed without a commit: zero when an epoch is disputed, the corrected
    /// cumulative root once the last open dispute is resolved.
    /// @param epoch The disputed epoch (pause) or the latest committed epoch (the corrected root's epoch).
    /// @param rewardRoot The new claimable root; zero pauses claims.
    function onRewardRootChanged(uint64 epoch, bytes32 rewardRoot) external;
}
