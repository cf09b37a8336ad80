// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {P256} from "@openzeppelin/contracts/utils/cryptography/P256.sol";
import {IDeviceRegistry} from "./interfaces/IDeviceRegistry.sol";

/// @title DeviceRegistry: one ERC-721 token per metering device.
/// @notice The token id is uint160(deviceId), where deviceId is the last 20 bytes of keccak256(X || Y) of the device's
/// uncompressed P-256 public key, so the token id itself is the binding to the key. The key (X, Y) is emitted in
/// DeviceRegistered and must be supplied (and is checked against the id) wherever a signature has to be verified.
/// Per device one 32-byte slot holds gateway, nameplate, region, kind and the active flag; the owner is ERC-721's.
contract DeviceRegistry is ERC721, AccessControl, IDeviceRegistry {
    /// @dev Input for one device in a batch registration.
    struct DeviceInput {
        bytes32 x; // P-256 public key, affine X
        bytes32 y; // P-256 public key, affine Y
        address gateway; // the gateway the device reports through (may be zero)
        uint32 nameplateW; // most power the device can import or export, W (> 0)
        uint32 capacityWh; // storage capacity, Wh (0 for non-storage); emitted only, not stored
        bytes6 region; // region code, ASCII left-aligned, zero-padded (ISO 3166-2 codes fit, e.g. "DE-BY")
        uint8 kind; // OpenVpp.Core DeviceKind wire value
    }

    /// @dev Packed into exactly one storage slot (20 + 4 + 6 + 1 + 1 bytes).
    struct Device {
        address gateway;
        uint32 nameplateW;
        bytes6 region;
        uint8 kind;
        bool active;
    }

    mapping(address deviceId => Device) private _devices;

    event DeviceRegistered(
        address indexed deviceId,
        address indexed owner,
        address indexed gateway,
        bytes32 x,
        bytes32 y,
        uint8 kind,
        uint32 nameplateW,
        uint32 capacityWh,
        bytes6 region
    );
    event DeviceDeactivated(address indexed deviceId, address indexed by);
    event GatewayChanged(address indexed deviceId, address indexed gateway);

    error InvalidPublicKey(bytes32 x, bytes32 y);
    error InvalidNameplate(address deviceId);
    error NotDeviceOwner(address deviceId, address caller);
    error DeviceInactive(address deviceId);

    constructor(address admin) ERC721("OpenVPP Device", "OVPPD") {
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
    }

    /// @notice The device id of a P-256 public key: the last 20 bytes of keccak256(X || Y).
    function deviceIdOf(bytes32 x, bytes32 y) public pure returns (address) {
        return address(uint160(uint256(keccak256(abi.encodePacked(x, y)))));
    }

    /// @notice Registers devices owned by the caller; reverts the whole batch if any key is invalid or taken.
    function registerDevices(DeviceInput[] calldata devices) external {
        uint256 n = devices.length;
        for (uint256 i; i < n; ++i) {
            DeviceInput calldata d = devices[i];
            if (!P256.isValidPublicKey(d.x, d.y)) revert InvalidPublicKey(d.x, d.y);
            address id = deviceIdOf(d.x, d.y);
            if (d.nameplateW == 0) revert InvalidNameplate(id);
            // _mint (not _safeMint): the caller is the recipient, so an onERC721Received round trip buys nothing.
            // Reverts with ERC721InvalidSender if the device is already registered.
            _mint(msg.sender, uint160(id));
            _devices[id] = Device({
                gateway: d.gateway,
                nameplateW: d.nameplateW,
                region: d.region,
                kind: d.kind,
                active: true
            });
            emit DeviceRegistered(id, msg.sender, d.gateway, d.x, d.y, d.kind, d.nameplateW, d.capacityWh, d.region);
        }
    }

    /// @notice Deactivates devices, irreversibly; by the device owner or the admin. Tokens stay (history keeps them).
    function deactivate(address[] calldata deviceIds) external {
        bool admin = hasRole(DEFAULT_ADMIN_ROLE, msg.sender);
        for (uint256 i; i < deviceIds.length; ++i) {
            address id = deviceIds[i];
            address owner = _requireOwned(uint160(id));
            if (!admin && owner != msg.sender) revert NotDeviceOwner(id, msg.sender);
            Device storage dev = _devices[id];
            if (!dev.active) revert DeviceInactive(id);
            dev.active = false;
            emit DeviceDeactivated(id, msg.sender);
        }
    }

    /// @notice Moves an active device to another gateway; by the device owner.
    function setGateway(address deviceId, address gateway) external {
        if (_requireOwned(uint160(deviceId)) != msg.sender) revert NotDeviceOwner(deviceId, msg.sender);
        Device storage dev = _devices[deviceId];
        if (!dev.active) revert DeviceInactive(deviceId);
        dev.gateway = gateway;
        emit GatewayChanged(deviceId, gateway);
    }

    /// @notice A device's record; reverts with ERC721NonexistentToken if it was never registered.
    function device(address deviceId) external view returns (address owner, Device memory record) {
        owner = _requireOwned(uint160(deviceId));
        record = _devices[deviceId];
    }

    function isRegistered(address deviceId) external view returns (bool) {
        return _ownerOf(uint160(deviceId)) != address(0);
    }

    function isActive(address deviceId) external view returns (bool) {
        return _devices[deviceId].active;
    }

    function supportsInterface(bytes4 interfaceId) public view override(ERC721, AccessControl) returns (bool) {
        return super.supportsInterface(interfaceId);
    }
}
