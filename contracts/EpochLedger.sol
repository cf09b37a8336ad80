// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {P256} from "@openzeppelin/contracts/utils/cryptography/P256.sol";
import {IDeviceRegistry} from "./interfaces/IDeviceRegistry.sol";
import {IRewardSink} from "./interfaces/IRewardSink.sol";

/// @title EpochLedger: one commit per epoch, in order, by the oracle; challengeable per reading.
/// @notice commitEpoch stores the epoch's data root (Merkle root over keccak256 of the 140-byte signed readings,
/// OpenZeppelin sorted-pair tree), its reward root and totals, and hands the reward root to the RewardDistributor.
/// Its gas does not depend on the number of devices or readings.
contract EpochLedger is AccessControl {
    bytes32 public constant ORACLE_ROLE = keccak256("ORACLE_ROLE");

    /// @dev Signed reading layout: 76 canonical bytes (device id at 4..24) followed by r || s.
    uint256 public constant READING_LENGTH = 140;
    uint256 public constant CANONICAL_LENGTH = 76;

    /// @dev Four slots: two roots, then the totals, then the small fields packed.
    struct Epoch {
        bytes32 dataRoot;
        bytes32 rewardRoot;
        uint128 energyWh; // total energy of the epoch's accepted readings, Wh
        uint128 reward; // tokens issued for this epoch
        uint32 readingCount;
        uint32 deviceCount;
        uint64 committedAt; // block timestamp
        bool disputed;
    }

    enum DisputeReason {
        None,
        UnregisteredDevice,
        BadSignature
    }

    IDeviceRegistry public immutable registry;
    IRewardSink public rewardSink;
    /// @notice The only epoch number commitEpoch accepts next.
    uint64 public nextEpoch;

    mapping(uint64 epoch => Epoch) private _epochs;

    event EpochCommitted(
        uint64 indexed epoch,
        bytes32 dataRoot,
        bytes32 rewardRoot,
        uint128 energyWh,
        uint128 reward,
        uint32 readingCount,
        uint32 deviceCount
    );
    event EpochDisputed(
        uint64 indexed epoch, address indexed deviceId, bytes32 indexed leaf, DisputeReason reason, address challenger
    );
    event RewardSinkChanged(address rewardSink);

    error EpochOutOfOrder(uint64 expected, uint64 got);
    error EpochNotCommitted(uint64 epoch);
    error EpochAlreadyDisputed(uint64 epoch);
    error EmptyDataRoot();
    error BadReadingLength(uint256 length);
    error ReadingNotInRoot(bytes32 leaf);
    error KeyDoesNotMatchDevice(address deviceId);
    error ReadingIsValid();

    constructor(address admin, IDeviceRegistry registry_, uint64 firstEpoch) {
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        registry = registry_;
        nextEpoch = firstEpoch;
    }

    /// @notice Where reward roots go on commit (the RewardDistributor); zero disables forwarding.
    function setRewardSink(IRewardSink sink) external onlyRole(DEFAULT_ADMIN_ROLE) {
        rewardSink = sink;
        emit RewardSinkChanged(address(sink));
    }

    /// @notice Commits epoch `epoch`, which must be exactly nextEpoch. `rewardRoot` is cumulative over all epochs;
    /// `reward` is this epoch's issuance, minted to the distributor in the same transaction.
    function commitEpoch(
        uint64 epoch,
        bytes32 dataRoot,
        bytes32 rewardRoot,
        uint128 energyWh,
        uint128 reward,
        uint32 readingCount,
        uint32 deviceCount
    ) external onlyRole(ORACLE_ROLE) {
        uint64 expected = nextEpoch;
        if (epoch != expected) revert EpochOutOfOrder(expected, epoch);
        if (dataRoot == bytes32(0)) revert EmptyDataRoot();
        nextEpoch = expected + 1;
        _epochs[epoch] = Epoch({
            dataRoot: dataRoot,
            rewardRoot: rewardRoot,
            energyWh: energyWh,
            reward: reward,
            readingCount: readingCount,
            deviceCount: deviceCount,
            committedAt: uint64(block.timestamp),
            disputed: false
        });
        emit EpochCommitted(epoch, dataRoot, rewardRoot, energyWh, reward, readingCount, deviceCount);
        IRewardSink sink = rewardSink;
        if (address(sink) != address(0)) sink.onEpochCommitted(epoch, rewardRoot, reward);
    }

    /// @notice Challenges a reading in a committed epoch. `reading` is the 140-byte signed reading, `proof` its
    /// Merkle proof against the epoch's data root, (x, y) the device's public key as emitted at registration
    /// (ignored when the device is not registered). Marks the epoch disputed if the device was never registered or
    /// the signature does not verify (high-s counts as invalid); reverts otherwise.
    function challenge(uint64 epoch, bytes calldata reading, bytes32[] calldata proof, bytes32 x, bytes32 y)
        external
        returns (DisputeReason reason)
    {
        Epoch storage e = _epochs[epoch];
        bytes32 root = e.dataRoot;
        if (root == bytes32(0)) revert EpochNotCommitted(epoch);
        if (e.disputed) revert EpochAlreadyDisputed(epoch);
        if (reading.length != READING_LENGTH) revert BadReadingLength(reading.length);
        bytes32 leaf = keccak256(reading);
        if (!MerkleProof.verifyCalldata(proof, root, leaf)) revert ReadingNotInRoot(leaf);

        address deviceId = address(bytes20(reading[4:24]));
        if (!registry.isRegistered(deviceId)) {
            reason = DisputeReason.UnregisteredDevice;
        } else {
            if (address(uint160(uint256(keccak256(abi.encodePacked(x, y))))) != deviceId) {
                revert KeyDoesNotMatchDevice(deviceId);
            }
            bytes32 h = sha256(reading[:CANONICAL_LENGTH]);
            bytes32 r = bytes32(reading[76:108]);
            bytes32 s = bytes32(reading[108:140]);
            if (P256.verify(h, r, s, x, y)) revert ReadingIsValid();
            reason = DisputeReason.BadSignature;
        }
        e.disputed = true;
        emit EpochDisputed(epoch, deviceId, leaf, reason, msg.sender);
    }

    function epochInfo(uint64 epoch) external view returns (Epoch memory) {
        return _epochs[epoch];
    }

    function isDisputed(uint64 epoch) external view returns (bool) {
        return _epochs[epoch].disputed;
    }
}
