// Reference vectors for OpenVpp.Core's MerkleTree from OpenZeppelin's own JavaScript implementation.
// Reads a JSON array of 0x-hex 32-byte leaves on stdin; prints {root, proofs: {leaf: [sibling, ...]}}.
// Usage: echo '["0x…", …]' | node tools/merkle-vectors.mjs
import { SimpleMerkleTree } from '@openzeppelin/merkle-tree';

const chunks = [];
for await (const chunk of process.stdin) {
  chunks.push(chunk);
}

const leaves = JSON.parse(Buffer.concat(chunks).toString('utf8'));
if (!Array.isArray(leaves) || leaves.length === 0) {
  console.error('expected a non-empty JSON array of 0x-hex 32-byte leaves on stdin');
  process.exit(2);
}

// sortLeaves defaults to true, the layout MerkleTree.Build reproduces.
const tree = SimpleMerkleTree.of(leaves);
const proofs = {};
for (const [i, leaf] of tree.entries()) {
  proofs[leaf] = tree.getProof(i);
}

process.stdout.write(JSON.stringify({ root: tree.root, proofs }));
