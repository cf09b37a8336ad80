// Deploys the contracts on a throwaway anvil, measures gas and checks the targets and the failure cases.
// Prints a markdown report, or with --json one machine-readable object. Exits 1 if any check fails.
// Uses anvil's unlocked default accounts via eth_sendTransaction, so no signing library is needed; keccak256 comes
// from anvil (web3_sha3), P-256 keys and signatures from node:crypto, Merkle trees from @openzeppelin/merkle-tree.
// Usage: node tools/compile-contracts.mjs && node tools/gas-report.mjs [--json]
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
const JSON_OUT = process.argv.includes('--json');
const CLAIM_TARGET = 60_000;
const REGISTER_TARGET = 60_000;

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
// --steps-tracing: debug_traceTransaction needs it (the report counts a claim's SSTOREs).
const anvil = spawn(join(root, 'node_modules', '.bin', 'anvil'), ['--host', '127.0.0.1', '--port', String(port), '--hardfork', HARDFORK, '--steps-tracing', '--silent'], {
  stdio: ['ignore', 'ignore', 'inherit'],
});
const stopAnvil = () => {
  if (anvil.exitCode === null && !anvil.killed) anvil.kill('SIGTERM');
};
process.on('exit', stopAnvil);
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => process.exit(130));

const url = `http://127.0.0.1:${port}`;
let rpcId = 0;
async function post(body) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return res.json();
}
const rpcRaw = (method, params = []) => post({ jsonrpc: '2.0', id: ++rpcId, method, params });
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
// Many hashes in JSON-RPC batches (tens of thousands of readings would otherwise take one round trip each).
async function keccakMany(hexes) {
  const out = [];
  for (let i = 0; i < hexes.length; i += 1000) {
    const batch = hexes.slice(i, i + 1000).map((h, j) => ({ jsonrpc: '2.0', id: j, method: 'web3_sha3', params: ['0x' + strip(h)] }));
    const res = (await post(batch)).sort((a, b) => a.id - b.id);
    for (const r of res) {
      if (r.error) throw new Error(`web3_sha3: ${r.error.message}`);
      out.push(r.result);
    }
  }
  return out;
}
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
const call = async (sig, args = []) => (await selector(sig)) + encode(args);

// Map revert data to error names from the deployable contracts' ABIs (they include inherited errors).
const errorNames = new Map();
for (const name of ['OvppToken', 'DeviceRegistry', 'EpochLedger']) {
  for (const item of artifact(name).abi.filter((x) => x.type === 'error')) {
    const sig = `${item.name}(${item.inputs.map((i) => i.type).join(',')})`;
    errorNames.set(await selector(sig), item.name);
  }
}

// ---------- transactions ----------
const accounts = await rpc('eth_accounts');
const [admin, oracle, alice, bob, carol, relayer] = accounts;
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
  if (receipt.status !== '0x1') {
    const why = await expectRevert(from, to, data);
    throw new Error(`${label}: reverted (${hash}): ${why.why}`);
  }
  return { gas: Number(BigInt(receipt.gasUsed)), receipt };
}
async function deploy(name, ctorArgs = []) {
  const { receipt, gas } = await send(admin, null, artifact(name).bytecode + encode(ctorArgs), `deploy ${name}`);
  return { address: receipt.contractAddress, gas };
}
async function expectRevert(from, to, data) {
  const r = await rpcRaw('eth_estimateGas', [to ? { from, to, data } : { from, data }]);
  if (!r.error) return { reverted: false, why: `estimated ${Number(BigInt(r.result))} gas` };
  const d = typeof r.error.data === 'string' ? r.error.data : '';
  return { reverted: true, why: errorNames.get(d.slice(0, 10)) ?? (d || r.error.message) };
}
const view = async (to, sig, args = []) => rpc('eth_call', [{ to, data: await call(sig, args) }, 'latest']);
const viewUint = async (to, sig, args = []) => BigInt(await view(to, sig, args));
const sstores = async (receipt) => {
  const t = await rpc('debug_traceTransaction', [receipt.transactionHash, { disableStorage: true, disableMemory: true, disableStack: true }]);
  return t.structLogs.filter((l) => l.op === 'SSTORE').length;
};

// ---------- results ----------
const rows = []; // { what, gas, note }
const checks = []; // { what, ok, detail }
const row = (what, gas, note = '') => rows.push({ what, gas, note });
const check = (what, ok, detail = '') => checks.push({ what, ok: Boolean(ok), detail: String(detail) });
const mustRevert = async (what, expected, from, to, data) => {
  const r = await expectRevert(from, to, data);
  check(`${what} reverts ${expected}`, r.reverted && r.why === expected, r.reverted ? r.why : `did not revert (${r.why})`);
};
const fmt = (n) => n.toLocaleString('en-US');
const json = { deploy: {}, claim_first: {}, claim_first_proof_depth: {} };

// ---------- deploy and wire ----------
const CAP = 1_000_000_000n * 10n ** 18n;
const FIRST_EPOCH = 1n;
const registry = await deploy('DeviceRegistry', [{ s: word(admin) }]);
const token = await deploy('OvppToken', [{ s: word(admin) }, { s: word(CAP) }]);
const ledger = await deploy('EpochLedger', [{ s: word(admin) }, { s: word(registry.address) }, { s: word(FIRST_EPOCH) }]);
const plain = await deploy('PlainNft');
row('deploy DeviceRegistry', registry.gas);
row('deploy OvppToken (incl. claims)', token.gas);
row('deploy EpochLedger', ledger.gas);
Object.assign(json.deploy, { registry: registry.gas, token: token.gas, ledger: ledger.gas });

const role = async (name) => keccak(Buffer.from(name).toString('hex'));
const ORACLE_ROLE = await role('ORACLE_ROLE');
const LEDGER_ROLE = await role('LEDGER_ROLE');
const grant = 'grantRole(bytes32,address)';
await send(admin, token.address, await call(grant, [{ s: bytesN(LEDGER_ROLE) }, { s: word(ledger.address) }]), 'grant ledger');
await send(admin, ledger.address, await call('setRewardSink(address)', [{ s: word(token.address) }]), 'set sink');
await send(admin, ledger.address, await call(grant, [{ s: bytesN(ORACLE_ROLE) }, { s: word(oracle) }]), 'grant oracle');

// ---------- devices ----------
const N_BATCH = 100;
const P256_N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
async function newDevices(n) {
  const keys = [];
  for (let i = 0; i < n; i++) {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const jwk = publicKey.export({ format: 'jwk' });
    const x = Buffer.from(jwk.x, 'base64url').toString('hex').padStart(64, '0');
    const y = Buffer.from(jwk.y, 'base64url').toString('hex').padStart(64, '0');
    keys.push({ privateKey, x, y });
  }
  const hashes = await keccakMany(keys.map((k) => k.x + k.y));
  return keys.map((k, i) => ({ ...k, id: '0x' + strip(hashes[i]).slice(24) }));
}
const devices = await newDevices(3 * N_BATCH); // registered: 100 by alice (measured), 200 by bob
const [unregistered] = await newDevices(1); // signs readings but is never registered

const deviceTuple = (d, i) =>
  word(d.x) + word(d.y) + word(alice) + word(3000 + i) + word(i % 3 === 0 ? 10_000 : 0) + bytesN(Buffer.from('DE-BY').toString('hex')) + word(1 + (i % 4));
const registerSig = 'registerDevices((bytes32,bytes32,address,uint32,uint32,bytes6,uint8)[])';
const registerData = (list, offset) => call(registerSig, [{ d: word(list.length) + list.map((d, i) => deviceTuple(d, offset + i)).join('') }]);
const reg = await send(alice, registry.address, await registerData(devices.slice(0, N_BATCH), 0), 'register');
for (let b = 1; b < 3; b++) await send(bob, registry.address, await registerData(devices.slice(b * N_BATCH, (b + 1) * N_BATCH), b * N_BATCH), `register ${b}`);
const regPer = Math.round(reg.gas / N_BATCH);
row(`registerDevices, batch of ${N_BATCH} (total)`, reg.gas);
row('registerDevices, per device', regPer, `target ≤ ${fmt(REGISTER_TARGET)}`);
check(`registration per device in a batch of ${N_BATCH} ≤ ${fmt(REGISTER_TARGET)}`, regPer <= REGISTER_TARGET, fmt(regPer));
json.register_per_device = regPer;

const safe = await send(alice, plain.address, await call('safeMintBatch(address,uint256,uint256)', [{ s: word(alice) }, { s: word(1) }, { s: word(N_BATCH) }]), 'safeMint');
const safePer = Math.round(safe.gas / N_BATCH);
row(`plain ERC-721 _safeMint, batch of ${N_BATCH} (total)`, safe.gas, 'comparison (EOA recipient)');
row('plain ERC-721 _safeMint, per token', safePer, 'comparison');
json.safe_mint_per_device = safePer;

const nft = await send(alice, registry.address, await call('transferFrom(address,address,uint256)', [{ s: word(alice) }, { s: word(carol) }, { s: word(devices[0].id) }]), 'device transfer');
row('DeviceRegistry transferFrom (device NFT, to an account owning none)', nft.gas);
const deact = await send(carol, registry.address, await call('deactivate(address[])', [dynWords([word(devices[0].id)])]), 'deactivate');
row('deactivate (1 device)', deact.gas);
json.device_transfer = nft.gas;
json.deactivate = deact.gas;

// ---------- readings and data trees ----------
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
// A data tree over `readings` (hex), with a proof lookup by reading.
async function dataTreeOf(readings) {
  const leaves = await keccakMany(readings);
  const tree = SimpleMerkleTree.of(leaves);
  const index = new Map(readings.map((r, i) => [r, leaves[i]]));
  return { tree, root: tree.root, count: readings.length, proof: (r) => tree.getProof(index.get(r)) };
}
const dayOf = (devs, perDevice) => devs.flatMap((d, i) => Array.from({ length: perDevice }, (_, k) => signedReading(d, i * perDevice + k)));

// Epoch 1: one reading per device of the measured batch, plus a forged signature and an unregistered device.
const readings1 = devices.slice(1, N_BATCH).map((d, i) => signedReading(d, i));
const goodReading = readings1[5];
const goodDevice = devices[6];
const badSigReading = signedReading(devices[7], 1000, { corrupt: true });
const strangerReading = signedReading(unregistered, 1001);
const data1 = await dataTreeOf([...readings1, badSigReading, strangerReading]);
const data1Fixed = await dataTreeOf(readings1); // the oracle's correction: the two bad readings dropped
// Epochs 2 and 3: a day of 15-minute readings from 10 and from 300 devices; epoch 3 also gets an unregistered
// device's reading slipped in (the second dispute).
const READINGS_PER_DAY = 96;
const readings3 = dayOf(devices, READINGS_PER_DAY);
const stranger3 = signedReading(unregistered, 2000);
const data2 = await dataTreeOf(dayOf(devices.slice(0, 10), READINGS_PER_DAY));
const data3 = await dataTreeOf([...readings3, stranger3]);
const data3Fixed = await dataTreeOf(readings3);

// ---------- reward trees ----------
// Owners: alice and bob (anvil accounts, so they can send), then derived addresses. Epoch e's tree holds the first
// ownersAt[e] owners with cumulative amounts that only grow; amounts are realistic (18 decimals, not round).
const OWNERS = 1000;
const owners = [alice, bob];
for (let i = owners.length; i < OWNERS; i++) owners.push('0x' + createHash('sha256').update(`owner${i}`).digest('hex').slice(0, 40));
const ownersAt = { 1: 4, 2: 100, 3: 1000, 4: 1000 };
const amountFor = (i) => 10n ** 15n * (1000n + BigInt('0x' + createHash('sha256').update(`amount${i}`).digest('hex').slice(0, 8)) % 50_000n) + 123_456_789n * BigInt(i + 1);
const baseAmount = owners.map((_, i) => amountFor(i));
const treeOf = (entries) => {
  const tree = StandardMerkleTree.of(entries.map(([a, v]) => [a, v.toString()]), ['address', 'uint256']);
  const at = new Map();
  for (const [i, [a, v]] of tree.entries()) at.set(a.toLowerCase(), { i, amount: BigInt(v) });
  return {
    tree,
    root: tree.root,
    total: entries.reduce((n, [, v]) => n + v, 0n),
    amount: (a) => at.get(a.toLowerCase()).amount,
    proof: (a) => tree.getProof(at.get(a.toLowerCase()).i),
    // The owner with the longest proof among `candidates` (worst case for gas).
    deepest: (candidates) => candidates.reduce((best, a) => (tree.getProof(at.get(a.toLowerCase()).i).length > tree.getProof(at.get(best.toLowerCase()).i).length ? a : best)),
  };
};
const rewardTree = (epoch, adjust = () => 0n) => treeOf(owners.slice(0, ownersAt[epoch]).map((a, i) => [a, baseAmount[i] * BigInt(epoch) + adjust(i)]));
const r1 = rewardTree(1);
const r2 = rewardTree(2);
const r3 = rewardTree(3);
const r4 = rewardTree(4);
// The oracle's corrections after the disputes: owner 500's epoch-1..4 share shrinks (its device's bad reading),
// first after resolving epoch 1, then again after resolving epoch 3.
const r4Fixed1 = rewardTree(4, (i) => (i === 500 ? -baseAmount[i] : 0n));
const r4Fixed2 = rewardTree(4, (i) => (i === 500 ? -2n * baseAmount[i] : 0n));

const commitSig = 'commitEpoch(uint64,bytes32,bytes32,uint128,uint128,uint32,uint32)';
const commitData = async (epoch, data, rewardRoot, reward, devicesCount) =>
  call(commitSig, [{ s: word(epoch) }, { s: bytesN(data.root) }, { s: bytesN(rewardRoot) }, { s: word(BigInt(data.count) * 350n) }, { s: word(reward) }, { s: word(data.count) }, { s: word(devicesCount) }]);
const claimSig = 'claim(address,uint256,bytes32[])';
const claimData = async (tree, account, amount = tree.amount(account)) => call(claimSig, [{ s: word(account) }, { s: word(amount) }, dynWords(tree.proof(account))]);
const balanceOf = (a) => viewUint(token.address, 'balanceOf(address)', [{ s: word(a) }]);
const claimedOf = (a) => viewUint(token.address, 'claimed(address)', [{ s: word(a) }]);
const rewardRootNow = async () => '0x' + strip(await view(token.address, 'rewardRoot()'));
const claimers = new Set(); // every address that received OVPP, for the supply invariant

async function firstClaim(label, key, tree, account, from = relayer) {
  const before = await balanceOf(account);
  const already = await claimedOf(account);
  const depth = tree.proof(account).length;
  const c = await send(from, token.address, await claimData(tree, account), label);
  claimers.add(account);
  const paid = (await balanceOf(account)) - before;
  check(`${label}: fresh account paid its cumulative amount`, before === 0n && already === 0n && paid === tree.amount(account), `paid ${paid}`);
  row(`${label} (proof depth ${depth})`, c.gas, c.gas <= CLAIM_TARGET ? `target ≤ ${fmt(CLAIM_TARGET)}` : `over the ${fmt(CLAIM_TARGET)} target (see depth table)`);
  if (key) {
    json.claim_first[key] = c.gas;
    json.claim_first_proof_depth[key] = depth;
  }
  return { ...c, depth };
}

// ---------- epoch 1: 4 owners ----------
const c1 = await send(oracle, ledger.address, await commitData(1n, data1, r1.root, r1.total, N_BATCH), 'commit 1');
row('commitEpoch, first epoch (creates the pool balance and the first supply checkpoint)', c1.gas);
json.epoch_commit_first = c1.gas;
const cl4 = await firstClaim('claim, first for a fresh account, 4-owner tree, self-submitted', 'owners4', r1, alice, alice);
check(`first claim, 4-owner tree ≤ ${fmt(CLAIM_TARGET)}`, cl4.gas <= CLAIM_TARGET, fmt(cl4.gas));
const sst = await sstores(cl4.receipt);
check('a first claim executes exactly 2 SSTOREs (pool balance; account balance + claimed in one slot)', sst === 2, `${sst} SSTOREs`);

// ---------- epoch 2: 10 devices, 100 owners ----------
const c2 = await send(oracle, ledger.address, await commitData(2n, data2, r2.root, r2.total - r1.total, 10), 'commit 2');
row(`commitEpoch, 10 devices (${fmt(data2.count)} readings)`, c2.gas, 'independent of device count');
json.epoch_commit_10 = c2.gas;
const fresh100 = r2.deepest(owners.slice(4, 100));
const cl100 = await firstClaim('claim, first for a fresh account, 100-owner tree', 'owners100', r2, fresh100);
check(`first claim, 100-owner tree ≤ ${fmt(CLAIM_TARGET)}`, cl100.gas <= CLAIM_TARGET, fmt(cl100.gas));

const rep = await send(alice, token.address, await claimData(r2, alice), 'claim repeat');
check('repeat claim pays the difference', (await balanceOf(alice)) === r2.amount(alice) && (await claimedOf(alice)) === r2.amount(alice));
row(`claim, repeat (claimed before, holds a balance; proof depth ${r2.proof(alice).length})`, rep.gas);
json.claim_repeat = rep.gas;

// Votes: bob delegates to himself before his first claim; the claim must move voting units to him.
await send(bob, token.address, await call('delegate(address)', [{ s: word(bob) }]), 'bob delegates');
const del = await send(bob, token.address, await claimData(r2, bob), 'claim delegated');
claimers.add(bob);
const bobVotes = await viewUint(token.address, 'getVotes(address)', [{ s: word(bob) }]);
check('a claim by a self-delegated account moves its votes', bobVotes === r2.amount(bob) && bobVotes === (await balanceOf(bob)), `votes ${bobVotes}`);
row(`claim, first, account delegated to itself (writes a votes checkpoint; proof depth ${r2.proof(bob).length})`, del.gas);
json.claim_delegated = del.gas;

const ONE = 10n ** 18n;
const transferData = (to, v) => call('transfer(address,uint256)', [{ s: word(to) }, { s: word(v) }]);
const tr = await send(alice, token.address, await transferData(fresh100, ONE), 'transfer');
row('OVPP transfer between two holders (neither delegated)', tr.gas);
json.transfer = tr.gas;
const freshHolder = '0x' + 'f'.repeat(8) + createHash('sha256').update('fresh').digest('hex').slice(0, 32);
const trFresh = await send(alice, token.address, await transferData(freshHolder, ONE), 'transfer fresh');
claimers.add(freshHolder);
row('OVPP transfer to an account with no balance', trFresh.gas);
json.transfer_to_fresh = trFresh.gas;
const trDel = await send(alice, token.address, await transferData(bob, ONE), 'transfer to delegate');
row('OVPP transfer to a self-delegated holder (votes checkpoint)', trDel.gas);
json.transfer_to_delegated = trDel.gas;
check('votes follow a transfer to a delegated holder', (await viewUint(token.address, 'getVotes(address)', [{ s: word(bob) }])) === (await balanceOf(bob)));
const votesOf = (a) => viewUint(token.address, 'getVotes(address)', [{ s: word(a) }]);
const delegateOf = async (a) => '0x' + strip(await view(token.address, 'delegates(address)', [{ s: word(a) }])).slice(24);
await send(bob, token.address, await call('delegate(address)', [{ s: word(carol) }]), 'bob delegates to carol');
const movedToCarol = (await votesOf(carol)) === (await balanceOf(bob)) && (await votesOf(bob)) === 0n && (await delegateOf(bob)) === carol.toLowerCase();
await send(bob, token.address, await call('delegate(address)', [{ s: word('0x' + '0'.repeat(40)) }]), 'bob undelegates');
check('re-delegation moves votes; delegating to address(0) clears them and delegates() answers address(0)',
  movedToCarol && (await votesOf(carol)) === 0n && BigInt(await delegateOf(bob)) === 0n && BigInt(await delegateOf(token.address)) === 0n);
// EIP-2612: alice signs a permit for carol (anvil signs typed data for its unlocked accounts), carol pulls the tokens.
const chainId = Number(BigInt(await rpc('eth_chainId')));
const deadline = 2n ** 40n;
const typed = {
  types: {
    EIP712Domain: [{ name: 'name', type: 'string' }, { name: 'version', type: 'string' }, { name: 'chainId', type: 'uint256' }, { name: 'verifyingContract', type: 'address' }],
    Permit: [{ name: 'owner', type: 'address' }, { name: 'spender', type: 'address' }, { name: 'value', type: 'uint256' }, { name: 'nonce', type: 'uint256' }, { name: 'deadline', type: 'uint256' }],
  },
  primaryType: 'Permit',
  domain: { name: 'OpenVPP Token', version: '1', chainId, verifyingContract: token.address },
  message: { owner: alice, spender: carol, value: ONE.toString(), nonce: '0', deadline: deadline.toString() },
};
const sigHex = strip(await rpc('eth_signTypedData_v4', [alice, typed]));
await send(relayer, token.address, await call('permit(address,address,uint256,uint256,uint8,bytes32,bytes32)', [{ s: word(alice) }, { s: word(carol) }, { s: word(ONE) }, { s: word(deadline) }, { s: word(parseInt(sigHex.slice(128, 130), 16)) }, { s: sigHex.slice(0, 64) }, { s: sigHex.slice(64, 128) }]), 'permit');
const aliceBefore = await balanceOf(alice);
await send(carol, token.address, await call('transferFrom(address,address,uint256)', [{ s: word(alice) }, { s: word(carol) }, { s: word(ONE) }]), 'transferFrom');
claimers.add(carol);
check('permit + transferFrom work on the packed balances', (await balanceOf(carol)) === ONE && aliceBefore - (await balanceOf(alice)) === ONE);

// ---------- epoch 3: 300 devices, 1,000 owners ----------
const c3 = await send(oracle, ledger.address, await commitData(3n, data3, r3.root, r3.total - r2.total, 3 * N_BATCH), 'commit 3');
row(`commitEpoch, 300 devices (${fmt(data3.count)} readings)`, c3.gas, 'independent of device count');
json.epoch_commit_300 = c3.gas;
const spread = Math.abs(c3.gas - c2.gas) / c2.gas;
check('commitEpoch gas for 10 vs 300 devices within 5 %', spread <= 0.05, `${(spread * 100).toFixed(2)} %`);
const fresh1000 = r3.deepest(owners.slice(100, 300));
const cl1000 = await firstClaim('claim, first for a fresh account, 1,000-owner tree', 'owners1000', r3, fresh1000);
json.claim_first_owners1000_within_target = cl1000.gas <= CLAIM_TARGET;

// ---------- failure cases ----------
await mustRevert('double claim (same cumulative amount again)', 'NothingToClaim', relayer, token.address, await claimData(r3, fresh1000));
await mustRevert('claim with a wrong proof', 'InvalidProof', carol, token.address, await call(claimSig, [{ s: word(owners[7]) }, { s: word(r3.amount(owners[7])) }, dynWords(r3.proof(owners[8]))]));
await mustRevert('claim of a larger amount than the leaf', 'InvalidProof', carol, token.address, await claimData(r3, owners[7], r3.amount(owners[7]) + 1n));
await mustRevert('claim against a superseded root', 'InvalidProof', carol, token.address, await claimData(r2, owners[7]));
await mustRevert('commitEpoch by a non-oracle', 'AccessControlUnauthorizedAccount', alice, ledger.address, await commitData(4n, data1, r4.root, 0n, 1));
await mustRevert('commitEpoch out of order (epoch 6, next is 4)', 'EpochOutOfOrder', oracle, ledger.address, await commitData(6n, data1, r4.root, 0n, 1));
await mustRevert('commitEpoch of an epoch already committed (epoch 3)', 'EpochOutOfOrder', oracle, ledger.address, await commitData(3n, data1, r4.root, 0n, 1));
await mustRevert('commitEpoch whose reward exceeds the cap', 'ERC20ExceededCap', oracle, ledger.address, await commitData(4n, data1, r4.root, CAP, 1));
await mustRevert('onEpochCommitted by anyone but the ledger', 'AccessControlUnauthorizedAccount', admin, token.address, await call('onEpochCommitted(uint64,bytes32,uint256)', [{ s: word(9) }, { s: bytesN(r4.root) }, { s: word(ONE) }]));
await mustRevert('onRewardRootChanged by anyone but the ledger', 'AccessControlUnauthorizedAccount', admin, token.address, await call('onRewardRootChanged(uint64,bytes32)', [{ s: word(9) }, { s: word(0) }]));
await mustRevert('register an already registered device', 'ERC721InvalidSender', alice, registry.address, await call(registerSig, [{ d: word(1) + deviceTuple(devices[1], 1) }]));

// ---------- disputes ----------
// Is P256VERIFY (EIP-7951, address 0x100) live? Feed it a valid signature: it returns 1 only if present.
const gr = Buffer.from(goodReading, 'hex');
const p256Input = createHash('sha256').update(gr.subarray(0, 76)).digest('hex') + gr.subarray(76).toString('hex') + goodDevice.x + goodDevice.y;
const p256Out = await rpc('eth_call', [{ to: '0x0000000000000000000000000000000000000100', data: '0x' + p256Input }, 'latest']);
const nativeP256 = p256Out !== '0x' && BigInt(p256Out) === 1n;
const challengeSig = 'challenge(uint64,bytes,bytes32[],bytes32,bytes32)';
const challengeData = async (epoch, data, reading, dev) =>
  call(challengeSig, [{ s: word(epoch) }, dynBytes(reading), dynWords(data.proof(reading)), { s: bytesN(dev.x) }, { s: bytesN(dev.y) }]);
const resolveSig = 'resolveDispute(uint64,bytes32,uint128,uint32,uint32,bytes32)';
const resolveData = async (epoch, data, devicesCount, latestRoot) =>
  call(resolveSig, [{ s: word(epoch) }, { s: bytesN(data.root) }, { s: word(BigInt(data.count) * 350n) }, { s: word(data.count) }, { s: word(devicesCount) }, { s: bytesN(latestRoot) }]);
const isDisputed = async (epoch) => (await viewUint(ledger.address, 'isDisputed(uint64)', [{ s: word(epoch) }])) === 1n;
const openDisputes = () => viewUint(ledger.address, 'openDisputes()');

await mustRevert('challenge of a correctly signed reading', 'ReadingIsValid', carol, ledger.address, await challengeData(1n, data1, goodReading, goodDevice));
await mustRevert("challenge with a key that is not the device's", 'KeyDoesNotMatchDevice', carol, ledger.address, await challengeData(1n, data1, badSigReading, devices[8]));
await mustRevert('resolveDispute of an epoch that is not disputed', 'EpochNotDisputed', oracle, ledger.address, await resolveData(1n, data1Fixed, N_BATCH - 1, r3.root));

const bad = await send(carol, ledger.address, await challengeData(1n, data1, badSigReading, devices[7]), 'challenge bad sig');
row('challenge: bad signature → epoch disputed, claims paused (P-256 verify on chain)', bad.gas, nativeP256 ? `P256VERIFY precompile live on anvil --hardfork ${HARDFORK}` : 'P256VERIFY precompile absent: Solidity fallback');
json.challenge_bad_signature = bad.gas;
json.p256_precompile = nativeP256;
check('forged reading: epoch 1 disputed, one open dispute, claimable root zero', (await isDisputed(1n)) && (await openDisputes()) === 1n && BigInt(await rewardRootNow()) === 0n);
const pausedClaim = owners[150];
await mustRevert('claim while an epoch is disputed', 'ClaimsPaused', relayer, token.address, await claimData(r3, pausedClaim));
await mustRevert('second challenge of a disputed epoch', 'EpochAlreadyDisputed', carol, ledger.address, await challengeData(1n, data1, strangerReading, unregistered));

const stranger = await send(carol, ledger.address, await challengeData(3n, data3, stranger3, unregistered), 'challenge unregistered');
row('challenge: unregistered device → epoch disputed (no signature check)', stranger.gas);
json.challenge_unregistered = stranger.gas;
check('unregistered device: epoch 3 disputed, two open disputes', (await isDisputed(3n)) && (await openDisputes()) === 2n);

// A commit while disputes are open still mints, but hands a zero root over.
const poolBefore = await viewUint(token.address, 'unclaimedRewards()');
const c4 = await send(oracle, ledger.address, await commitData(4n, data2, r4.root, r4.total - r3.total, 10), 'commit 4');
row('commitEpoch while a dispute is open (zero root forwarded, reward minted)', c4.gas);
json.epoch_commit_disputed = c4.gas;
const poolAfter = await viewUint(token.address, 'unclaimedRewards()');
check('commit during a dispute: root stays zero, rootEpoch advances, reward minted to the pool',
  BigInt(await rewardRootNow()) === 0n && (await viewUint(token.address, 'rootEpoch()')) === 4n && poolAfter - poolBefore === r4.total - r3.total);

await mustRevert('resolveDispute by a non-oracle', 'AccessControlUnauthorizedAccount', carol, ledger.address, await resolveData(1n, data1Fixed, N_BATCH - 1, r4Fixed1.root));
const res1 = await send(oracle, ledger.address, await resolveData(1n, data1Fixed, N_BATCH - 1, r4Fixed1.root), 'resolve 1');
row('resolveDispute, another dispute still open (claims stay paused)', res1.gas);
json.resolve_dispute = res1.gas;
const info4 = await view(ledger.address, 'epochInfo(uint64)', [{ s: word(4) }]);
check('first resolution: epoch 1 undisputed, one open dispute, claims still paused, epoch 4 root replaced',
  !(await isDisputed(1n)) && (await openDisputes()) === 1n && BigInt(await rewardRootNow()) === 0n && strip(info4).slice(64, 128) === strip(r4Fixed1.root));
await mustRevert('claim while another dispute is open', 'ClaimsPaused', relayer, token.address, await claimData(r4Fixed1, pausedClaim));

const res2 = await send(oracle, ledger.address, await resolveData(3n, data3Fixed, 3 * N_BATCH, r4Fixed2.root), 'resolve 3');
row('resolveDispute, last open dispute (corrected root forwarded, claims resume)', res2.gas);
json.resolve_dispute_last = res2.gas;
check('last resolution: no open dispute, corrected root claimable, rootEpoch 4',
  (await openDisputes()) === 0n && (await rewardRootNow()) === r4Fixed2.root && (await viewUint(token.address, 'rootEpoch()')) === 4n);
const after = await firstClaim('claim, first for a fresh account after the resolution, 1,000-owner tree', null, r4Fixed2, pausedClaim);
json.claim_after_resolution = after.gas;
await mustRevert('claim against the root the resolution replaced', 'InvalidProof', relayer, token.address, await claimData(r4, owners[151]));
await mustRevert('challenge with a reading the resolution removed', 'ReadingNotInRoot', carol, ledger.address, await call(challengeSig, [{ s: word(1) }, dynBytes(badSigReading), dynWords(data1.proof(badSigReading)), { s: bytesN(devices[7].x) }, { s: bytesN(devices[7].y) }]));
const again = await expectRevert(carol, ledger.address, await challengeData(1n, data1Fixed, goodReading, goodDevice));
check('a resolved epoch can be challenged again (a valid reading reverts ReadingIsValid, not EpochAlreadyDisputed)', again.reverted && again.why === 'ReadingIsValid', again.why);

// ---------- invariants ----------
let sum = await viewUint(token.address, 'unclaimedRewards()');
for (const a of claimers) sum += await balanceOf(a);
const supply = await viewUint(token.address, 'totalSupply()');
check('totalSupply = sum of all balances (holders + pool) = sum of epoch rewards', supply === sum && supply === r4.total && (await balanceOf(token.address)) === (await viewUint(token.address, 'unclaimedRewards()')), `supply ${supply}`);
const pastSupply = await viewUint(token.address, 'getPastTotalSupply(uint256)', [{ s: word(BigInt(c4.receipt.blockNumber)) }]);
check('votes total-supply checkpoint follows the mints', pastSupply === r4.total);

await mustRevert('deploy OvppToken with a cap ≥ 2^128', 'ERC20InvalidCap', admin, null, artifact('OvppToken').bytecode + encode([{ s: word(admin) }, { s: word(2n ** 128n) }]));

// ---------- first claim by proof depth ----------
// Each depth in a snapshot: commit a tree of 2^d fresh owners (every proof has length d), claim for one, revert.
json.claim_first_by_depth = {};
const MAX_DEPTH = 12;
for (let d = 1; d <= MAX_DEPTH; d++) {
  const snap = await rpc('evm_snapshot');
  const next = await viewUint(ledger.address, 'nextEpoch()');
  const t = treeOf(Array.from({ length: 2 ** d }, (_, i) => ['0x' + createHash('sha256').update(`depth${d}-${i}`).digest('hex').slice(0, 40), amountFor(i)]));
  await send(oracle, ledger.address, await commitData(next, data2, t.root, t.total, 10), `commit depth ${d}`);
  const who = t.tree.at(2 ** d - 1)[0];
  const c = await send(relayer, token.address, await claimData(t, who), `claim depth ${d}`);
  json.claim_first_by_depth[d] = c.gas;
  await rpc('evm_revert', [snap]);
}
const within = Object.entries(json.claim_first_by_depth).filter(([, g]) => g <= CLAIM_TARGET).map(([d]) => Number(d));
json.claim_first_max_depth_within_target = within.length ? Math.max(...within) : 0;
const perLevel = Math.round((json.claim_first_by_depth[MAX_DEPTH] - json.claim_first_by_depth[2]) / (MAX_DEPTH - 2));
json.claim_first_gas_per_proof_level = perLevel;

// ---------- report ----------
json.checks = checks;
json.ok = checks.every((c) => c.ok);
const anvilVersion = await rpc('web3_clientVersion');
const compiler = artifact('OvppToken').compiler;
json.env = { anvil: anvilVersion, hardfork: HARDFORK, compiler, evmVersion: artifact('OvppToken').evmVersion };
if (JSON_OUT) {
  console.log(JSON.stringify(json, null, 2));
} else {
  console.log(`Gas report — ${anvilVersion}, hardfork ${HARDFORK}, ${compiler}, evmVersion ${json.env.evmVersion}, optimizer 200 runs\n`);
  console.log('| Operation | Gas | Note |');
  console.log('|---|---:|---|');
  for (const r of rows) console.log(`| ${r.what} | ${fmt(r.gas)} | ${r.note} |`);
  console.log(`\nFirst claim by a fresh account, by proof depth (tree of 2^depth owners; target ≤ ${fmt(CLAIM_TARGET)}):\n`);
  console.log('| Proof depth | Owners | Gas | Within target |');
  console.log('|---:|---:|---:|---|');
  for (const [d, g] of Object.entries(json.claim_first_by_depth)) console.log(`| ${d} | ${fmt(2 ** d)} | ${fmt(g)} | ${g <= CLAIM_TARGET ? 'yes' : 'no'} |`);
  console.log(`\nDeepest proof within the target: ${json.claim_first_max_depth_within_target} (trees up to ${fmt(2 ** json.claim_first_max_depth_within_target)} owners); ≈ ${perLevel} gas per extra level (32 calldata bytes + one hash).`);
  console.log('\n| Check | Result | Detail |');
  console.log('|---|---|---|');
  for (const c of checks) console.log(`| ${c.what} | ${c.ok ? 'ok' : '**FAILED**'} | ${c.detail} |`);
  console.log(`\n${checks.filter((c) => c.ok).length} of ${checks.length} checks passed.`);
}
stopAnvil();
process.exit(json.ok ? 0 : 1);
