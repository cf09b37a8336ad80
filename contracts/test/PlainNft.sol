// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";

/// @notice Gas baseline only: a plain OpenZeppelin ERC-721 minted with _safeMint, no extra storage.
contract PlainNft is ERC721 {
    constructor() ERC721("Plain", "PLAIN") {}

    function safeMintBatch(address to, uint256 firstId, uint256 count) external {
        for (uint256 i; i < count; ++i) {
            _safeMint(to, firstId + i);
        }
    }
}
