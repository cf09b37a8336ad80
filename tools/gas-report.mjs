// Deploys the contracts on a throwaway anvil and measures gas; prints a report (markdown-ish) to stdout.
// Uses anvil's unlocked default accounts via eth_sendTransaction, so no signing library is needed; keccak256 comes
// from anvil (web3_sha3), P-256 keys and signatures from node:crypto, Merkle trees from @openzeppelin/merkle-tree.
// Usage: node tools/compile-contracts.mjs && node tools/gas-report.mjs
import { spawn } from 'node:child_process';
import { generateKeyPairSync, sign, createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SimpleMerkleTree, StandardMerkleTree } from '@openzeppelin/merkle-tree';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const artifact = (name) => JSON.parse(readFileSync(join(root, 'contracts', 'out', `${name}.json`), 'utf8'));
const HARDFORK = process.env.ANVIL_HARDFORK ?? 'osaka';

// ---------- anvil ----------
const freePort = () =>
  new Promise((ok, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => ok(port));
    });
  });

const port = await freePort();
const anvil = spawn(join(root, 'node_modules', '.bin', 'anvil'), ['--host', '127.0.0.1', '--port', String(port), '--hardfork', HARDFORK, '--silent'], {
  stdio: ['ignore', 'ignore', 'inherit'],
});
const stopAnvil = () => {
  if (anvil.exitCode === null && !anvil.killed) anvil.kill('SIGTERM');
};
process.on('exit', stopAnvil);
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => process.exit(130));

const url = `http://127.0.0.1:${port}`;
let rpcId = 0;
async function rpcRaw(method, params = []) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: ++rpcId, method, params }),
  });
  return res.json();
}
async function rpc(method, params = []) {
  const r = await rpcRaw(method, params);
  if (r.error) throw new Error(`${method}: ${r.error.message} ${r.error.data ?? ''}`);
  return r.result;
}
for (let i = 0; ; i++) {
  try {
    await rpc('eth_chainId');
    break;
  } catch (e) {
    if (i > 100) throw new Error(`anvil did not start on ${url}: ${e.message}`);
    await new Promise((ok) => setTimeout(ok, 100));
  }
}

// ---------- ABI helpers (just the types used here) ----------
const strip = (h) => (h.startsWith('0x') ? h.slice(2) : h);
const word = (v) => {
  if (typeof v === 'bigint' || typeof v === 'number') return BigInt(v).toString(16).padStart(64, '0');
  const h = strip(v);
  if (h.length > 64) throw new Error(`not a word: ${v}`);
  return h.padStart(64, '0'); // addresses and numbers: left-padded
};
const bytesN = (v) => strip(v).padEnd(64, '0'); // bytesN: right-padded
const keccak = async (hex) => rpc('web3_sha3', ['0x' + strip(hex)]);
const selectorCache = new Map();
const selector = async (sig) => {
  if (!selectorCache.has(sig)) selectorCache.set(sig, (await keccak(Buffer.from(sig).toString('hex'))).slice(0, 10));
  return selectorCache.get(sig);
};
// args: array of { s: hexWords } (static, inline) or { d: hexTail } (dynamic, tail after head offsets)
function encode(args) {
  const headLen = args.reduce((n, a) => n + (a.s !== undefined ? a.s.length / 2 : 32), 0);
  let head = '';
  let tail = '';
  for (const a of args) {
    if (a.s !== undefined) head += a.s;
    else {
      head += word(headLen + tail.length / 2);
      tail += a.d;
    }
  }
  return head + tail;
}
const dynBytes = (hex) => {
  const h = strip(hex);
  return { d: word(h.length / 2) + h.padEnd(Math.ceil(h.length / 64) * 64, '0') };
};
const dynWords = (words) => ({ d: word(words.length) + words.map((w) => bytesN(w)).join('') });
const call = async (sig, args) => (await selector(sig)) + encode(args);

// Map revert data to error names from all artifacts' ABIs (and OpenZeppelin errors they include).
const errorNames = new Map();
for (const name of ['OvppToken', 'DeviceRegistry', 'EpochLedger', 'RewardDistributor']) {
  for (const item of artifact(name).abi.filter((x) => x.type === 'error')) {
    const sig = `${item.name}(${item.inputs.map((i) => i.type).join(',')})`;
    errorNames.set(await selector(sig), item.name);
  }
}

// ---------- transactions ----------
const accounts = await rpc('eth_accounts');
const [admin, oracle, alice, bob, carol] = accounts;
async function send(from, to, data, label) {
  const tx = { from, data, gas: '0x1c9c380' }; // 30M, skip estimation
  if (to) tx.to = to;
  const hash = await rpc('eth_sendTransaction', [tx]);
  let receipt = null;
  for (let i = 0; receipt === null; i++) {
    if (i > 0) await new Promise((ok) => setTimeout(ok, 10));
    if (i > 1000) throw new Error(`${label}: no receipt for ${hash}`);
    receipt = await rpc('eth_getTransactionReceipt', [hash]);
  }
  if (receipt.status !== '0x1') throw new Error(`${label}: reverted (${hash})`);
  return { gas: Number(BigInt(receipt.gasUsed)), receipt };
}
async function deploy(name, ctorArgs = []) {
  const { receipt, gas } = await send(admin, null, artifact(name).bytecode + encode(ctorArgs), `deploy ${name}`);
  return { address: receipt.contractAddress, gas };
}
async function expectRevert(from, to, data) {
  const r = await rpcRaw('eth_estimateGas', [{ from, to, data }]);
  if (!r.error) return { reverted: false, why: `estimated ${Number(BigInt(r.result))} gas` };
  const d = typeof r.error.data === 'string' ? r.error.data : '';
  return { reverted: true, why: errorNames.get(d.slice(0, 10)) ?? (d || r.error.message) };
}

const rows = [];
const row = (what, gas, note = '') => rows.push({ what, gas, note });

// ---------- deploy and wire ----------
const CAP = 1_000_000_000n * 10n ** 18n;
const token = await deploy('OvppToken', [{ s: word(admin) }, { s: word(CAP) }]);
const registry = await deploy('DeviceRegistry', [{ s: word(admin) }]);
const FIRST_EPOCH = 1n;
const ledger = await deploy('EpochLedger', [{ s: word(admin) }, { s: word(registry.address) }, { s: word(FIRST_EPOCH) }]);
const distributor = await deploy('RewardDistributor', [{ s: word(admin) }, { s: word(token.address) }]);
const plain = await deploy('PlainNft');
row('deploy OvppToken', token.gas);
row('deploy DeviceRegistry', registry.gas);
row('deploy EpochLedger', ledger.gas);
row('deploy RewardDistributor', distributor.gas);

const role = async (name) => keccak(Buffer.from(name).toString('hex'));
const MINTER_ROLE = await role('MINTER_ROLE');
const ORACLE_ROLE = await role('ORACLE_ROLE');
const LEDGER_ROLE = await role('LEDGER_ROLE');
const grant = 'grantRole(bytes32,address)';
await send(admin, token.address, await call(grant, [{ s: bytesN(MINTER_ROLE) }, { s: word(distributor.address) }]), 'grant minter');
await send(admin, distributor.address, await call(grant, [{ s: bytesN(LEDGER_ROLE) }, { s: word(ledger.address) }]), 'grant ledger');
await send(admin, ledger.address, await call(grant, [{ s: bytesN(ORACLE_ROLE) }, { s: word(oracle) }]), 'grant oracle');
await send(admin, ledger.address, await call('setRewardSink(address)', [{ s: word(distributor.address) }]), 'set sink');

// ---------- devices ----------
const N_DEVICES = 100;
const P256_N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
const devices = [];
for (let i = 0; i < N_DEVICES + 1; i++) {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const jwk = publicKey.export({ format: 'jwk' });
  const x = Buffer.from(jwk.x, 'base64url').toString('hex').padStart(64, '0');
  const y = Buffer.from(jwk.y, 'base64url').toString('hex').padStart(64, '0');
  const id = '0x' + strip(await keccak(x + y)).slice(24);
  devices.push({ privateKey, x, y, id });
}
const unregistered = devices.pop(); // signs readings but is never registered

const deviceTuple = (d, i) =>
  word(d.x) + word(d.y) + word(alice) + word(3000 + i) + word(i % 3 === 0 ? 10_000 : 0) + bytesN(Buffer.from('DE-BY').toString('hex')) + word(1 + (i % 4));
const regData = await call('registerDevices((bytes32,bytes32,address,uint32,uint32,bytes6,uint8)[])', [
  { d: word(devices.length) + devices.map(deviceTuple).join('') },
]);
const reg = await send(alice, registry.address, regData, 'register');
row(`registerDevices, batch of ${N_DEVICES} (total)`, reg.gas);
row('registerDevices, per device', Math.round(reg.gas / N_DEVICES), 'target ≤ 60,000');

const safe = await send(alice, plain.address, await call('safeMintBatch(address,uint256,uint256)', [{ s: word(alice) }, { s: word(1) }, { s: word(N_DEVICES) }]), 'safeMint');
row(`plain ERC-721 _safeMint, batch of ${N_DEVICES} (total)`, safe.gas, 'comparison (EOA recipient)');
row('plain ERC-721 _safeMint, per token', Math.round(safe.gas / N_DEVICES), 'comparison');

const nft = await send(alice, registry.address, await call('transferFrom(address,address,uint256)', [{ s: word(alice) }, { s: word(bob) }, { s: word(devices[0].id) }]), 'device transfer');
row('DeviceRegistry transferFrom (device NFT)', nft.gas);
const deact = await send(bob, registry.address, await call('deactivate(address[])', [dynWords([word(devices[0].id)])]), 'deactivate');
row('deactivate (1 device)', deact.gas);

// ---------- readings and the data tree ----------
function signedReading(dev, seq, { corrupt = false } = {}) {
  const canonical = Buffer.alloc(76);
  canonical.writeUInt8(1, 0); // version (layout here is illustrative except the device id at 4..24)
  Buffer.from(strip(dev.id), 'hex').copy(canonical, 4);
  canonical.writeBigUInt64BE(1_790_000_000_000n + BigInt(seq) * 900_000n, 24);
  randomBytes(44).copy(canonical, 32);
  const sig = sign('sha256', canonical, { key: dev.privateKey, dsaEncoding: 'ieee-p1363' });
  let s = BigInt('0x' + sig.subarray(32).toString('hex'));
  if (s > P256_N / 2n) s = P256_N - s; // low-s, as the devices produce
  const r = sig.subarray(0, 32);
  const sBuf = Buffer.from(s.toString(16).padStart(64, '0'), 'hex');
  if (corrupt) sBuf[31] ^= 1;
  return Buffer.concat([canonical, r, sBuf]).toString('hex');
}
const readings = [];
for (let i = 0; i < devices.length; i++) readings.push(signedReading(devices[i], i));
const goodReading = readings[5];
const badSigReading = signedReading(devices[6], 1000, { corrupt: true });
const strangerReading = signedReading(unregistered, 1001);
readings.push(badSigReading, strangerReading);
const leaves = [];
for (const r of readings) leaves.push(await keccak(r));
const dataTree = SimpleMerkleTree.of(leaves);
const proofOf = async (readingHex) => dataTree.getProof(await keccak(readingHex));

// ---------- rewards ----------
const N_ACCOUNTS = 1000; // realistic proof depth (10)
const rewardEntries = (scale) => {
  const e = [
    [alice, 1000n * 10n ** 18n * scale],
    [bob, 500n * 10n ** 18n * scale],
    [carol, 250n * 10n ** 18n * scale],
  ];
  for (let i = e.length; i < N_ACCOUNTS; i++) e.push(['0x' + createHash('sha256').update(`acct${i}`).digest('hex').slice(0, 40), BigInt(i) * 10n ** 15n * scale]);
  return e;
};
const total = (entries) => entries.reduce((n, [, a]) => n + a, 0n);
const e1 = rewardEntries(1n);
const e2 = rewardEntries(2n);
const tree1 = StandardMerkleTree.of(e1.map(([a, v]) => [a, v.toString()]), ['address', 'uint256']);
const tree2 = StandardMerkleTree.of(e2.map(([a, v]) => [a, v.toString()]), ['address', 'uint256']);
const rewardProof = (tree, account) => {
  for (const [i, [a]] of tree.entries()) if (a.toLowerCase() === account.toLowerCase()) return tree.getProof(i);
  throw new Error('no leaf');
};

const commitSig = 'commitEpoch(uint64,bytes32,bytes32,uint128,uint128,uint32,uint32)';
const commitData = async (epoch, dataRoot, rewardRoot, reward) =>
  call(commitSig, [{ s: word(epoch) }, { s: bytesN(dataRoot) }, { s: bytesN(rewardRoot) }, { s: word(123_456_789n) }, { s: word(reward) }, { s: word(readings.length) }, { s: word(devices.length) }]);

const c1 = await send(oracle, ledger.address, await commitData(1n, dataTree.root, tree1.root, total(e1)), 'commit 1');
row('commitEpoch (epoch 1, incl. root hand-over and mint to distributor)', c1.gas, 'independent of device count');

const claimSig = 'claim(address,uint256,bytes32[])';
const claimData = async (tree, account, amount) => call(claimSig, [{ s: word(account) }, { s: word(amount) }, dynWords(rewardProof(tree, account))]);
const cl1 = await send(alice, distributor.address, await claimData(tree1, alice, e1[0][1]), 'claim 1');
row(`claim, first for the account (proof depth ${rewardProof(tree1, alice).length})`, cl1.gas, 'target ≤ 60,000');

const tr1 = await send(alice, token.address, await call('transfer(address,uint256)', [{ s: word(bob) }, { s: word(10n ** 18n) }]), 'transfer');
row('OVPP transfer (to an account with no balance)', tr1.gas);
const tr2 = await send(alice, token.address, await call('transfer(address,uint256)', [{ s: word(bob) }, { s: word(10n ** 18n) }]), 'transfer 2');
row('OVPP transfer (to an account with a balance)', tr2.gas);

const c2 = await send(oracle, ledger.address, await commitData(2n, dataTree.root, tree2.root, total(e2) - total(e1)), 'commit 2');
row('commitEpoch (epoch 2)', c2.gas, 'independent of device count');
const cl2 = await send(alice, distributor.address, await claimData(tree2, alice, e2[0][1]), 'claim 2');
row('claim, repeat (account claimed before, holds a balance)', cl2.gas, 'target ≤ 60,000');
const cl3 = await send(carol, distributor.address, await claimData(tree2, bob, e2[1][1]), 'claim bob');
row('claim, first for the account, two epochs at once, submitted by a third party', cl3.gas, 'target ≤ 60,000');

// ---------- disputes ----------
// Is P256VERIFY (EIP-7951, address 0x100) live? Feed it a valid signature: it returns 1 only if present.
const gr = Buffer.from(goodReading, 'hex');
const p256Input = createHash('sha256').update(gr.subarray(0, 76)).digest('hex') + gr.subarray(76).toString('hex') + devices[5].x + devices[5].y;
const p256Out = await rpc('eth_call', [{ to: '0x0000000000000000000000000000000000000100', data: '0x' + p256Input }, 'latest']);
const nativeP256 = p256Out !== '0x' && BigInt(p256Out) === 1n;
const challengeSig = 'challenge(uint64,bytes,bytes32[],bytes32,bytes32)';
const challengeData = async (epoch, reading, dev) =>
  call(challengeSig, [{ s: word(epoch) }, dynBytes(reading), dynWords(await proofOf(reading)), { s: bytesN(dev.x) }, { s: bytesN(dev.y) }]);
const validChallenge = await expectRevert(carol, ledger.address, await challengeData(1n, goodReading, devices[5]));
const wrongKey = await expectRevert(carol, ledger.address, await challengeData(1n, badSigReading, devices[7]));
const est = async (data) => Number(BigInt(await rpc('eth_estimateGas', [{ from: carol, to: ledger.address, data }])));
const strangerGas = await est(await challengeData(1n, strangerReading, unregistered));
const badSig = await send(carol, ledger.address, await challengeData(1n, badSigReading, devices[6]), 'challenge bad sig');
row('challenge: bad signature → epoch disputed (P-256 verify on chain)', badSig.gas, nativeP256 ? `P256VERIFY precompile live on anvil --hardfork ${HARDFORK}` : 'P256VERIFY precompile absent: Solidity fallback');
row('challenge: unregistered device → epoch disputed (estimate)', strangerGas);
const disputed = await rpc('eth_call', [{ to: ledger.address, data: await call('isDisputed(uint64)', [{ s: word(1) }]) }, 'latest']);

// ---------- failure cases ----------
const failures = [
  ['double claim (same cumulative amount again)', await expectRevert(alice, distributor.address, await claimData(tree2, alice, e2[0][1]))],
  ['claim with a wrong proof', await expectRevert(carol, distributor.address, await call(claimSig, [{ s: word(carol) }, { s: word(e2[2][1]) }, dynWords(rewardProof(tree2, bob))]))],
  ['claim of a larger amount than the leaf', await expectRevert(carol, distributor.address, await claimData(tree2, carol, e2[2][1] + 1n))],
  ['commitEpoch by a non-oracle', await expectRevert(alice, ledger.address, await commitData(3n, dataTree.root, tree2.root, 0n))],
  ['commitEpoch out of order (epoch 5, next is 3)', await expectRevert(oracle, ledger.address, await commitData(5n, dataTree.root, tree2.root, 0n))],
  ['commitEpoch of an epoch already committed (epoch 2)', await expectRevert(oracle, ledger.address, await commitData(2n, dataTree.root, tree2.root, 0n))],
  ['mint by anyone but the distributor', await expectRevert(admin, token.address, await call('mint(address,uint256)', [{ s: word(admin) }, { s: word(1) }]))],
  ['register an already registered device', await expectRevert(alice, registry.address, await call('registerDevices((bytes32,bytes32,address,uint32,uint32,bytes6,uint8)[])', [{ d: word(1) + deviceTuple(devices[1], 1) }]))],
  ['challenge of a correctly signed reading', validChallenge],
  ['challenge with a key that is not the device\'s', wrongKey],
  ['second challenge of a disputed epoch', await expectRevert(carol, ledger.address, await challengeData(1n, strangerReading, unregistered))],
];

// ---------- report ----------
const fmt = (n) => n.toLocaleString('en-US');
const anvilVersion = await rpc('web3_clientVersion');
console.log(`Gas report — ${anvilVersion}, hardfork ${HARDFORK}, ${artifact('OvppToken').compiler}, evmVersion ${artifact('OvppToken').evmVersion}, optimizer 200 runs\n`);
console.log('| Operation | Gas | Note |');
console.log('|---|---:|---|');
for (const r of rows) console.log(`| ${r.what} | ${fmt(r.gas)} | ${r.note} |`);
console.log(`\nEpoch 1 disputed after the challenge: ${BigInt(disputed) === 1n}\n`);
console.log('| Must fail | Reverts | Error |');
console.log('|---|---|---|');
let ok = BigInt(disputed) === 1n;
for (const [what, r] of failures) {
  console.log(`| ${what} | ${r.reverted ? 'yes' : 'NO'} | ${r.why} |`);
  ok &&= r.reverted;
}
stopAnvil();
process.exit(ok ? 0 : 1);
