// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

/// @title PackedBalancesERC20: ERC-20 whose per-account storage is one slot: balance, claimed total, delegated flag.
/// @notice Replaces ERC20's balance and supply storage (ERC20's own private mappings stay unused) so that a reward
/// claim can credit a balance and record the claimed total with a single SSTORE: for a fresh account that is one
/// zero-to-non-zero write (22,100 gas) instead of two. Behaves exactly like OpenZeppelin's ERC20 otherwise: same
/// errors, same Transfer events, mint from and burn to address(0), so ERC20Votes, ERC20Capped and ERC20Permit work
/// on top through super._update.
abstract contract PackedBalancesERC20 is ERC20 {
    /// @dev One storage slot per account (16 + 15 + 1 bytes). uint128 is enough for a balance: no balance exceeds
    /// the total supply, which _update keeps below 2^128 (3.4e38 base units, 3.4e20 tokens at 18 decimals).
    /// uint120 (1.3e36 base units) is enough for a claimed total: claims are paid out of that supply (the caller
    /// checks the bound anyway). `delegated` belongs to PackedVotesERC20: it mirrors "has a non-zero ERC-5805
    /// delegate" so that claims and transfers need not read Votes' delegate mapping, a cold SLOAD (2,100 gas) that
    /// would otherwise push a first claim over 60,000 gas.
    struct Account {
        uint128 balance;
        uint120 claimed; // cumulative reward paid to this account (see RewardDistributor)
        bool delegated; // maintained by PackedVotesERC20
    }

    mapping(address account => Account) private _accounts;
    uint256 private _supply;

    /// @inheritdoc ERC20
    function balanceOf(address account) public view virtual override returns (uint256) {
        return _accounts[account].balance;
    }

    /// @inheritdoc ERC20
    function totalSupply() public view virtual override returns (uint256) {
        return _supply;
    }

    /// @dev ERC20._update on packed storage (does not call it: ERC20's private mappings are not used).
    function _update(address from, address to, uint256 value) internal virtual override {
        if (from == address(0)) {
            // Checked: a supply below 2^128 bounds every balance, which makes the unchecked casts below safe.
            _supply = SafeCast.toUint128(_supply + value);
        } else {
            Account storage src = _accounts[from];
            uint256 fromBalance = src.balance;
            if (fromBalance < value) revert ERC20InsufficientBalance(from, fromBalance, value);
            unchecked {
                src.balance = uint128(fromBalance - value);
            }
        }

        if (to == address(0)) {
            unchecked {
                // value <= fromBalance <= supply
                _supply -= value;
            }
        } else {
            unchecked {
                // balance + value <= supply < 2^128
                _accounts[to].balance += uint128(value);
            }
        }

        emit Transfer(from, to, value);
    }

    /// @dev The claimed total recorded for `account`.
    function _claimedOf(address account) internal view returns (uint256) {
        return _accounts[account].claimed;
    }

    /// @dev The delegated flag of `account` (see Account).
    function _isDelegated(address account) internal view returns (bool) {
        return _accounts[account].delegated;
    }

    /// @dev Sets the delegated flag of `account`, leaving its balance and claimed total alone.
    function _setDelegated(address account, bool delegated) internal {
        _accounts[account].delegated = delegated;
    }

    /// @dev Raises `to`'s claimed total to `claimedTotal` and moves the difference from `from` to `to`, reading and
    /// writing `to`'s slot once; emits Transfer like a transfer. Returns the amount moved, the previous claimed total
    /// and `to`'s delegated flag. If `claimedTotal` is not above the previous total nothing changes and `amount` is 0.
    /// Deliberately bypasses _update (that is the point: one write for both fields), so the caller must do what the
    /// final contract's _update overrides do for a plain transfer; for OvppToken that is ERC20Votes' move of voting
    /// units (ERC20Capped only acts on mints). Requires `to` != address(0) and `to` != `from`.
    function _claimTransfer(address from, address to, uint120 claimedTotal)
        internal
        returns (uint256 amount, uint256 previous, bool toDelegated)
    {
        // Whole-word SLOAD/SSTORE in assembly: Solidity would re-read a slot to update one packed field. Layout
        // (Solidity packs from the low end): balance = bits 0..127, claimed = 128..247, delegated = 248..255.
        Account storage dst = _accounts[to];
        uint256 dstWord;
        assembly ("memory-safe") {
            dstWord := sload(dst.slot)
        }
        previous = (dstWord >> 128) & type(uint120).max;
        if (claimedTotal <= previous) return (0, previous, false);
        unchecked {
            amount = claimedTotal - previous;
        }

        Account storage src = _accounts[from];
        uint256 srcWord;
        assembly ("memory-safe") {
            srcWord := sload(src.slot)
        }
        uint256 fromBalance = srcWord & type(uint128).max;
        if (fromBalance < amount) revert ERC20InsufficientBalance(from, fromBalance, amount);
        unchecked {
            // amount <= balance, the low field: the subtraction cannot borrow from the fields above it.
            srcWord -= amount;
            // The new balance stays below 2^128 (balance + amount <= supply): the addition cannot carry into
            // `claimed`, which is then replaced; `delegated` is kept.
            dstWord = ((dstWord + amount) & ~(uint256(type(uint120).max) << 128)) | (uint256(claimedTotal) << 128);
        }
        assembly ("memory-safe") {
            sstore(src.slot, srcWord)
            sstore(dst.slot, dstWord)
        }
        toDelegated = dstWord >> 248 != 0;
        emit Transfer(from, to, amount);
    }
}
