// Compiles contracts/**/*.sol with solc from npm (standard JSON, optimizer on, fixed EVM version) and writes
// contracts/out/<Name>.json = { contractName, sourceName, abi, bytecode, deployedBytecode }.
// Skips all work when the sources, the compiler and the settings are unchanged (hash stamp in contracts/out/.stamp).
// Exits non-zero and prints the compiler's messages on any error or warning (except one known OpenZeppelin warning).
// Usage: node tools/compile-contracts.mjs [--force]
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const contractsDir = join(root, 'contracts');
const outDir = join(contractsDir, 'out');
const stampFile = join(outDir, '.stamp');
const require = createRequire(import.meta.url);
const ozDir = dirname(require.resolve('@openzeppelin/contracts/package.json'));

// anvil 1.7.1 runs Prague and later; solc's "prague" output avoids newer opcodes on purpose.
const settings = {
  evmVersion: 'prague',
  optimizer: { enabled: true, runs: 200 },
  remappings: ['@openzeppelin/contracts/=@openzeppelin/contracts/'],
  outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object'] } },
};

function listSources(dir) {
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (full !== outDir) found.push(...listSources(full));
    } else if (entry.name.endsWith('.sol')) {
      found.push(full);
    }
  }
  return found.sort();
}

const sourceFiles = listSources(contractsDir);
const sources = {};
for (const file of sourceFiles) {
  const key = 'contracts/' + relative(contractsDir, file).split(sep).join('/');
  sources[key] = { content: readFileSync(file, 'utf8') };
}

const solcVersion = require('solc/package.json').version;
const ozVersion = require('@openzeppelin/contracts/package.json').version;
const stamp = createHash('sha256')
  .update(JSON.stringify({ solcVersion, ozVersion, settings, sources }))
  .digest('hex');
const force = process.argv.includes('--force');
if (!force && existsSync(stampFile) && readFileSync(stampFile, 'utf8').trim() === stamp) {
  console.log(`contracts: up to date (${Object.keys(sources).length} sources)`);
  process.exit(0);
}

const solc = require('solc');
const input = { language: 'Solidity', sources, settings };

// Imports resolve against the remapped path "@openzeppelin/contracts/..." -> node_modules.
function findImports(path) {
  const prefix = '@openzeppelin/contracts/';
  if (path.startsWith(prefix)) {
    try {
      return { contents: readFileSync(join(ozDir, path.slice(prefix.length)), 'utf8') };
    } catch (e) {
      return { error: `not found: ${path} (${e.message})` };
    }
  }
  return { error: `import outside contracts/ and @openzeppelin/contracts/: ${path}` };
}

const output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImports }));
// solc 0.8.37 warns that "at" will become a keyword; OpenZeppelin 5.7.0's Checkpoints.at triggers it. That one
// warning, in OpenZeppelin's own sources only, is tolerated (counted, not printed); anything else fails the build.
const isKnownDependencyWarning = (m) =>
  m.severity === 'warning' &&
  m.sourceLocation?.file?.startsWith('@openzeppelin/contracts/') &&
  /"at" will be promoted to keyword/.test(m.message);
const all = output.errors ?? [];
const tolerated = all.filter(isKnownDependencyWarning);
const messages = all.filter((m) => !isKnownDependencyWarning(m));
for (const m of messages) console.error(m.formattedMessage ?? m.message);
if (tolerated.length > 0) {
  console.log(`contracts: tolerated ${tolerated.length} known solc warning(s) in @openzeppelin/contracts ("at" keyword)`);
}
if (messages.length > 0) {
  const errors = messages.filter((m) => m.severity === 'error').length;
  console.error(`contracts: ${errors} error(s), ${messages.length - errors} warning(s)/info; nothing written`);
  process.exit(1);
}

rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
let count = 0;
for (const [sourceName, contracts] of Object.entries(output.contracts ?? {})) {
  if (!sourceName.startsWith('contracts/')) continue;
  for (const [name, c] of Object.entries(contracts)) {
    const artifact = {
      contractName: name,
      sourceName,
      compiler: `solc ${solc.version()}`,
      evmVersion: settings.evmVersion,
      abi: c.abi,
      bytecode: '0x' + c.evm.bytecode.object,
      deployedBytecode: '0x' + c.evm.deployedBytecode.object,
    };
    writeFileSync(join(outDir, `${name}.json`), JSON.stringify(artifact, null, 2) + '\n');
    count++;
  }
}
writeFileSync(stampFile, stamp + '\n');
console.log(`contracts: compiled ${Object.keys(sources).length} sources, wrote ${count} artifacts to ${relative(root, outDir)}/`);
