// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @notice The part of DeviceRegistry that EpochLedger needs for disputes.
interface IDeviceRegistry {
    /// @notice True if a device with this id was ever registered (deactivated devices stay registered).
    function isRegistered(address deviceId) external view returns (bool);
}
