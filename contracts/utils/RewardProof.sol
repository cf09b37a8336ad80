// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @title RewardProof: reward-tree leaves and proof verification, in assembly for the claim's gas budget.
/// @notice Same results as OpenZeppelin's StandardMerkleTree leaf over ["address", "uint256"] and
/// MerkleProof.verifyCalldata (sorted-pair keccak256), at about a third of the gas per proof level: no function
/// call, bounds check or checked counter per level. A first claim has ~1,400 gas left for all its logic once the
/// unavoidable storage, log and calldata costs are paid, so this matters.
library RewardProof {
    /// @dev keccak256(bytes.concat(keccak256(abi.encode(account, amount)))), via the scratch space.
    function leaf(address account, uint256 amount) internal pure returns (bytes32 h) {
        assembly ("memory-safe") {
            mstore(0x00, account)
            mstore(0x20, amount)
            mstore(0x00, keccak256(0x00, 0x40))
            h := keccak256(0x00, 0x20)
        }
    }

    /// @dev True if `proof` leads from `leafHash` to `root`, hashing each pair in sorted order.
    function verify(bytes32[] calldata proof, bytes32 root, bytes32 leafHash) internal pure returns (bool) {
        bytes32 h = leafHash;
        assembly ("memory-safe") {
            // proof.offset/length come from the ABI decoder, which already checked they lie within calldata.
            let end := add(proof.offset, shl(5, proof.length))
            for { let p := proof.offset } lt(p, end) { p := add(p, 0x20) } {
                let sibling := calldataload(p)
                // Smaller word first: h goes to 0x20 if the sibling is smaller, else to 0x00.
                let at := shl(5, lt(sibling, h))
                mstore(at, h)
                mstore(xor(at, 0x20), sibling)
                h := keccak256(0x00, 0x40)
            }
        }
        return h == root;
    }
}
