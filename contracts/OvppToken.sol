// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Capped} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Capped.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";
import {RewardDistributor} from "./RewardDistributor.sol";
import {PackedBalancesERC20} from "./token/PackedBalancesERC20.sol";
import {PackedVotesERC20} from "./token/PackedVotesERC20.sol";

/// @title OVPP, the OpenVPP value token.
/// @notice ERC-20 with EIP-2612 permit and ERC-5805 votes (for governance later), hard-capped supply, and the
/// reward claims (RewardDistributor). Issuance happens only through onEpochCommitted, called by EpochLedger
/// (LEDGER_ROLE), which mints each epoch's reward to the token's own balance (the pool) for claims.
contract OvppToken is PackedBalancesERC20, ERC20Permit, ERC20Capped, RewardDistributor {
    /// @param admin Receives DEFAULT_ADMIN_ROLE (grants LEDGER_ROLE to EpochLedger after deployment).
    /// @param cap_ Maximum total supply; below 2^128 (PackedBalancesERC20 stores balances as uint128).
    constructor(address admin, uint256 cap_)
        ERC20("OpenVPP Token", "OVPP")
        ERC20Permit("OpenVPP Token")
        ERC20Capped(cap_)
    {
        if (cap_ > type(uint128).max) revert ERC20InvalidCap(cap_);
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
    }

    // Linearisation: OvppToken, RewardDistributor, PackedVotesERC20, ERC20Votes, ERC20Capped, ERC20Permit,
    // PackedBalancesERC20, ERC20. super._update thus runs ERC20Votes, ERC20Capped and last PackedBalancesERC20's
    // storage write (which replaces ERC20's). Listing PackedBalancesERC20 first in `is` is what keeps it last.
    function _update(address from, address to, uint256 value)
        internal
        override(ERC20, PackedBalancesERC20, ERC20Capped, PackedVotesERC20)
    {
        super._update(from, to, value);
    }

    function balanceOf(address account)
        public
        view
        override(ERC20, PackedBalancesERC20, PackedVotesERC20)
        returns (uint256)
    {
        return super.balanceOf(account);
    }

    function totalSupply() public view override(ERC20, PackedBalancesERC20, PackedVotesERC20) returns (uint256) {
        return super.totalSupply();
    }

    function nonces(address owner) public view override(ERC20Permit, Nonces) returns (uint256) {
        return super.nonces(owner);
    }
}
