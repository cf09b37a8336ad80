// Reference vectors for OpenVpp.Core's RewardTree from OpenZeppelin's own StandardMerkleTree, the tree
// RewardDistributor's claims are checked against.
// Reads a JSON array of [address, amount] pairs on stdin (address 0x-hex, amount a decimal string of base units);
// prints {root, leaves: {address: leafHash}, proofs: {address: [sibling, ...]}} with addresses in lower case.
// Usage: echo '[["0x…", "1000"], …]' | node tools/reward-tree-vectors.mjs
import { StandardMerkleTree } from '@openzeppelin/merkle-tree';

const chunks = [];
for await (const chunk of process.stdin) {
  chunks.push(chunk);
}

const values = JSON.parse(Buffer.concat(chunks).toString('utf8'));
if (!Array.isArray(values) || values.length === 0) {
  console.error('expected a non-empty JSON array of [address, amount] pairs on stdin');
  process.exit(2);
}

// sortLeaves defaults to true, the layout RewardTree reproduces.
const tree = StandardMerkleTree.of(values, ['address', 'uint256']);
const leaves = {};
const proofs = {};
for (const [i, [address, amount]] of tree.entries()) {
  const proof = tree.getProof(i);
  // Belt and braces: the library's own static verifier accepts what it produced.
  if (!StandardMerkleTree.verify(tree.root, ['address', 'uint256'], [address, amount], proof)) {
    console.error(`OpenZeppelin rejected its own proof for ${address}`);
    process.exit(1);
  }

  leaves[address.toLowerCase()] = tree.leafHash([address, amount]);
  proofs[address.toLowerCase()] = proof;
}

process.stdout.write(JSON.stringify({ root: tree.root, leaves, proofs }));
