// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {IRewardSink} from "./interfaces/IRewardSink.sol";
import {PackedVotesERC20} from "./token/PackedVotesERC20.sol";
import {RewardProof} from "./utils/RewardProof.sol";

/// @title RewardDistributor: cumulative Merkle claims of OVPP, run inside the token itself.
/// @notice The reward root commits to leaves keccak256(bytes.concat(keccak256(abi.encode(account, cumulativeAmount))))
/// (OpenZeppelin StandardMerkleTree, types ["address", "uint256"]), cumulative over all epochs. A claim pays the
/// difference to what the account already received, so nothing is paid twice and one claim covers any number of
/// epochs. Each epoch's issuance is minted to the pool, the token contract's own balance (address(this)); a claim
/// moves tokens from the pool to the account.
/// @dev Why in the token: the claimed total sits in the same storage slot as the account's balance
/// (PackedBalancesERC20), so a claim writes that slot once and makes no external call. A first claim then costs one
/// zero-to-non-zero SSTORE instead of two; with the delegated flag (PackedVotesERC20) and RewardProof it stays
/// within 60,000 gas for proofs up to depth 8 (reward trees of up to 256 accounts); see docs/contracts.md.
abstract contract RewardDistributor is PackedVotesERC20, AccessControl, IRewardSink {
    /// @notice Held by EpochLedger: the only caller of onEpochCommitted and onRewardRootChanged.
    bytes32 public constant LEDGER_ROLE = keccak256("LEDGER_ROLE");

    /// @notice The claimable cumulative reward root; zero while claims are paused (an epoch is disputed).
    bytes32 public rewardRoot;
    /// @notice The latest epoch committed to this token; a non-zero rewardRoot is cumulative through this epoch.
    uint64 public rootEpoch;

    event RewardRootUpdated(uint64 indexed epoch, bytes32 rewardRoot, uint256 epochReward);

    error ClaimsPaused();
    error InvalidProof();
    error NothingToClaim(address account, uint256 cumulativeAmount, uint256 alreadyClaimed);

    /// @notice Mints the epoch's issuance to the pool (the cap applies) and installs `root` as the claimable root;
    /// a zero root pauses claims.
    /// @param epoch The committed epoch; becomes rootEpoch.
    /// @param root The cumulative reward root through `epoch`, or zero while a dispute is open.
    /// @param epochReward Tokens issued for `epoch`.
    function onEpochCommitted(uint64 epoch, bytes32 root, uint256 epochReward) external onlyRole(LEDGER_ROLE) {
        rewardRoot = root;
        rootEpoch = epoch;
        if (epochReward != 0) _mint(address(this), epochReward);
        emit RewardRootUpdated(epoch, root, epochReward);
    }

    /// @notice Replaces the claimable root without minting: zero pauses claims (an epoch was disputed), a non-zero
    /// root is the corrected cumulative root after the last open dispute was resolved. rootEpoch does not change:
    /// a corrected root covers the same epochs.
    /// @param epoch The disputed epoch or the corrected root's epoch (reported in the event only).
    /// @param root The new claimable root.
    function onRewardRootChanged(uint64 epoch, bytes32 root) external onlyRole(LEDGER_ROLE) {
        rewardRoot = root;
        emit RewardRootUpdated(epoch, root, 0);
    }

    /// @notice Pays `account` its cumulative reward minus what it already claimed, from the pool. Anyone may submit
    /// the claim; the tokens always go to `account`. Emits Transfer(address(this), account, amount), by which
    /// indexers recognise claims (there is no separate Claimed event: it would cost ~1,700 gas per claim).
    /// @param account The leaf's account.
    /// @param cumulativeAmount The leaf's amount: everything `account` has earned up to rootEpoch.
    /// @param proof The leaf's Merkle proof against rewardRoot.
    function claim(address account, uint256 cumulativeAmount, bytes32[] calldata proof) external {
        bytes32 root = rewardRoot;
        if (root == bytes32(0)) revert ClaimsPaused();
        if (!RewardProof.verify(proof, root, RewardProof.leaf(account, cumulativeAmount))) revert InvalidProof();
        // Never credit address(0) (that would be a burn) nor the pool itself (_claimTransfer needs two accounts).
        if (account == address(0) || account == address(this)) revert ERC20InvalidReceiver(account);
        (uint256 amount, uint256 already, bool delegated) =
            _claimTransfer(address(this), account, SafeCast.toUint120(cumulativeAmount));
        if (amount == 0) revert NothingToClaim(account, cumulativeAmount, already);
        // The claim bypasses _update (see _claimTransfer), so do here what ERC20Votes._update does for a transfer:
        // move voting units from the pool's delegate (never one, see PackedVotesERC20) to the account's. Without a
        // delegate there is nothing to move, which saves the work for most claims.
        if (delegated) _transferVotingUnits(address(this), account, amount);
    }

    /// @notice Cumulative reward already paid to `account`.
    function claimed(address account) external view returns (uint256) {
        return _claimedOf(account);
    }

    /// @notice Minted but not yet claimed: the pool, i.e. this contract's own token balance.
    function unclaimedRewards() external view returns (uint256) {
        return balanceOf(address(this));
    }
}
