// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {P256} from "@openzeppelin/contracts/utils/cryptography/P256.sol";
import {IDeviceRegistry} from "./interfaces/IDeviceRegistry.sol";
import {IRewardSink} from "./interfaces/IRewardSink.sol";

/// @title EpochLedger: one commit per epoch, in order, by the oracle; challengeable per reading.
/// @notice commitEpoch stores the epoch's data root (Merkle root over keccak256 of the 140-byte signed readings,
/// OpenZeppelin sorted-pair tree), its reward root and totals, and hands the reward root to the reward sink
/// (OvppToken). Its gas does not depend on the number of devices or readings. A successful challenge pauses claims
/// (reward roots are cumulative, so every later root includes the disputed epoch) until the oracle resolves every
/// open dispute with corrected data and a corrected latest reward root.
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
    // rewardSink, nextEpoch and openDisputes share one slot (20 + 8 + 4 bytes): commitEpoch reads all three.
    IRewardSink public rewardSink;
    /// @notice The only epoch number commitEpoch accepts next.
    uint64 public nextEpoch;
    /// @notice Disputed epochs not yet resolved; while non-zero the sink gets a zero root (claims paused).
    uint32 public openDisputes;

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
    event DisputeResolved(uint64 indexed epoch, bytes32 dataRoot, bytes32 latestRewardRoot);

    error EpochOutOfOrder(uint64 expected, uint64 got);
    error EpochNotCommitted(uint64 epoch);
    error EpochAlreadyDisputed(uint64 epoch);
    error BadReadingLength(uint256 length);
    error ReadingNotInRoot(bytes32 leaf);
    error KeyDoesNotMatchDevice(address deviceId);
    error ReadingIsValid();
    error EpochNotDisputed(uint64 epoch);

    constructor(address admin, IDeviceRegistry registry_, uint64 firstEpoch) {
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        registry = registry_;
        nextEpoch = firstEpoch;
    }

    /// @notice Where reward roots go (OvppToken); zero disables forwarding.
    function setRewardSink(IRewardSink sink) external onlyRole(DEFAULT_ADMIN_ROLE) {
        rewardSink = sink;
        emit RewardSinkChanged(address(sink));
    }

    /// @notice Commits epoch `epoch`, which must be exactly nextEpoch. `rewardRoot` is cumulative over all epochs;
    /// `reward` is this epoch's issuance, minted to the token's reward pool in the same transaction. While a dispute
    /// is open the sink gets a zero root instead (claims stay paused; the reward is still minted).
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
        // A zero data root is an epoch without readings: the ledger needs every epoch, in order, including empty ones.
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
        if (address(sink) != address(0)) {
            sink.onEpochCommitted(epoch, openDisputes == 0 ? rewardRoot : bytes32(0), reward);
        }
    }

    /// @notice Challenges a reading in a committed epoch. `reading` is the 140-byte signed reading, `proof` its
    /// Merkle proof against the epoch's data root, (x, y) the device's public key as emitted at registration
    /// (ignored when the device is not registered). Marks the epoch disputed if the device was never registered or
    /// the signature does not verify (high-s counts as invalid), and pauses claims; reverts otherwise.
    function challenge(uint64 epoch, bytes calldata reading, bytes32[] calldata proof, bytes32 x, bytes32 y)
        external
        returns (DisputeReason reason)
    {
        Epoch storage e = _epochs[epoch];
        if (e.committedAt == 0) revert EpochNotCommitted(epoch);
        bytes32 root = e.dataRoot;
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
        ++openDisputes;
        emit EpochDisputed(epoch, deviceId, leaf, reason, msg.sender);
        // Every claimable root from this epoch on includes the disputed rewards: pause claims.
        IRewardSink sink = rewardSink;
        if (address(sink) != address(0)) sink.onRewardRootChanged(epoch, bytes32(0));
    }

    /// @notice Resolves a disputed epoch with the oracle's corrected data: replaces its data root and totals and
    /// clears the disputed flag (the epoch can be challenged again). `latestRewardRoot` is the corrected cumulative
    /// root through the latest committed epoch (nextEpoch - 1), which it replaces there; once no dispute is open it
    /// becomes claimable again. The epoch's `reward` stays (it is minted); a correction that pays less leaves the
    /// difference in the pool, for later roots to use.
    /// @param epoch A disputed epoch.
    /// @param dataRoot The corrected data root (zero when no reading of the epoch remains).
    /// @param energyWh The corrected total energy, Wh.
    /// @param readingCount The corrected number of readings.
    /// @param deviceCount The corrected number of devices.
    /// @param latestRewardRoot The corrected cumulative reward root of epoch nextEpoch - 1.
    function resolveDispute(
        uint64 epoch,
        bytes32 dataRoot,
        uint128 energyWh,
        uint32 readingCount,
        uint32 deviceCount,
        bytes32 latestRewardRoot
    ) external onlyRole(ORACLE_ROLE) {
        Epoch storage e = _epochs[epoch];
        if (!e.disputed) revert EpochNotDisputed(epoch);
        e.dataRoot = dataRoot;
        e.energyWh = energyWh;
        e.readingCount = readingCount;
        e.deviceCount = deviceCount;
        e.disputed = false;
        // A disputed epoch was committed, so nextEpoch >= 1 here.
        uint64 latest = nextEpoch - 1;
        _epochs[latest].rewardRoot = latestRewardRoot;
        uint32 open = openDisputes - 1;
        openDisputes = open;
        emit DisputeResolved(epoch, dataRoot, latestRewardRoot);
        IRewardSink sink = rewardSink;
        if (open == 0 && address(sink) != address(0)) sink.onRewardRootChanged(latest, latestRewardRoot);
    }

    /// @notice The stored record of `epoch` (all zero if it was never committed).
    function epochInfo(uint64 epoch) external view returns (Epoch memory) {
        return _epochs[epoch];
    }

    /// @notice True while `epoch` has an unresolved successful challenge.
    function isDisputed(uint64 epoch) external view returns (bool) {
        return _epochs[epoch].disputed;
    }
}
