// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {IMintable} from "./interfaces/IMintable.sol";
import {IRewardSink} from "./interfaces/IRewardSink.sol";

/// @title RewardDistributor: cumulative Merkle claims of OVPP.
/// @notice The reward root commits to leaves keccak256(bytes.concat(keccak256(abi.encode(account, cumulativeAmount))))
/// (OpenZeppelin StandardMerkleTree, types ["address", "uint256"]), cumulative over all epochs. A claim pays the
/// difference to what the account already received, so nothing is paid twice and one claim covers any number of
/// epochs. On each commit EpochLedger (LEDGER_ROLE) installs the new root and this contract mints the epoch's
/// issuance to itself; claims are then plain transfers (cheaper than minting under ERC20Votes).
contract RewardDistributor is AccessControl, IRewardSink {
    bytes32 public constant LEDGER_ROLE = keccak256("LEDGER_ROLE");

    IMintable public immutable token;
    /// @notice The current cumulative reward root and the epoch it belongs to.
    bytes32 public rewardRoot;
    uint64 public rootEpoch;

    mapping(address account => uint256) public claimed;

    event RewardRootUpdated(uint64 indexed epoch, bytes32 rewardRoot, uint256 epochReward);
    event Claimed(address indexed account, uint256 amount, uint256 cumulativeAmount);

    error InvalidProof();
    error NothingToClaim(address account, uint256 cumulativeAmount, uint256 alreadyClaimed);

    constructor(address admin, IMintable token_) {
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        token = token_;
    }

    function onEpochCommitted(uint64 epoch, bytes32 root, uint256 epochReward) external onlyRole(LEDGER_ROLE) {
        rewardRoot = root;
        rootEpoch = epoch;
        if (epochReward != 0) token.mint(address(this), epochReward);
        emit RewardRootUpdated(epoch, root, epochReward);
    }

    /// @notice Pays `account` its cumulative reward minus what it already claimed. Anyone may submit the claim;
    /// the tokens always go to `account`.
    function claim(address account, uint256 cumulativeAmount, bytes32[] calldata proof) external {
        bytes32 leaf = keccak256(bytes.concat(keccak256(abi.encode(account, cumulativeAmount))));
        if (!MerkleProof.verifyCalldata(proof, rewardRoot, leaf)) revert InvalidProof();
        uint256 already = claimed[account];
        if (cumulativeAmount <= already) revert NothingToClaim(account, cumulativeAmount, already);
        claimed[account] = cumulativeAmount;
        uint256 amount;
        unchecked {
            amount = cumulativeAmount - already;
        }
        token.transfer(account, amount);
        emit Claimed(account, amount, cumulativeAmount);
    }
}
