// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Votes} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Votes.sol";
import {PackedBalancesERC20} from "./PackedBalancesERC20.sol";

/// @title PackedVotesERC20: ERC20Votes on packed balances, with the "has a delegate" bit kept in the balance slot.
/// @notice ERC20Votes asks delegates(from) and delegates(to) on every transfer, mint and claim; each is a cold SLOAD
/// of Votes' private mapping (2,100 gas). Most holders never delegate, so this contract answers address(0) from the
/// delegated flag in the account's packed slot, which the transfer has just touched (a warm read, 100 gas), and
/// reads the mapping only for accounts that have a delegate. The flag is exact: Votes' mapping is private and only
/// _delegate writes it, and _delegate is overridden here to set the flag alongside.
/// The pool (the token contract's own balance) never delegates: delegate() acts for msg.sender and the contract
/// never calls itself, and delegateBySig needs an ECDSA signature of the contract's address, which has no key. So
/// delegates(address(this)) is address(0) without a special case.
abstract contract PackedVotesERC20 is PackedBalancesERC20, ERC20Votes {
    /// @notice The delegate of `account` (ERC-5805); address(0) if it has none.
    function delegates(address account) public view virtual override returns (address) {
        return _isDelegated(account) ? super.delegates(account) : address(0);
    }

    function _delegate(address account, address delegatee) internal virtual override {
        super._delegate(account, delegatee);
        bool delegated = delegatee != address(0);
        if (_isDelegated(account) != delegated) _setDelegated(account, delegated);
    }

    function _update(address from, address to, uint256 value)
        internal
        virtual
        override(PackedBalancesERC20, ERC20Votes)
    {
        super._update(from, to, value);
    }

    // balanceOf and totalSupply are PackedBalancesERC20's; solc wants the choice spelled out because ERC20Votes
    // reaches ERC20 by a second path.
    function balanceOf(address account) public view virtual override(ERC20, PackedBalancesERC20) returns (uint256) {
        return super.balanceOf(account);
    }

    function totalSupply() public view virtual override(ERC20, PackedBalancesERC20) returns (uint256) {
        return super.totalSupply();
    }
}
