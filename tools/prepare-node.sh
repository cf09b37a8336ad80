#!/usr/bin/env bash
# Installs the pinned npm packages (anvil, cast, solc, OpenZeppelin) when package-lock.json changed, then compiles the
# contracts (a no-op when sources and compiler are unchanged). Used by ./openvpp and ./test; idempotent.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
command -v node >/dev/null || { echo "openvpp: Node.js is not installed; it runs the local chain (anvil) and the Solidity compiler. Install Node.js 20+." >&2; exit 127; }
if [ ! -f node_modules/.package-lock.json ] || ! cmp -s package-lock.json node_modules/.openvpp-lock-stamp; then
  echo "openvpp: installing npm packages (npm ci)..." >&2
  npm ci --no-audit --no-fund >&2 || { echo "openvpp: npm ci failed." >&2; exit 1; }
  cp package-lock.json node_modules/.openvpp-lock-stamp
fi
node tools/compile-contracts.mjs >&2 || { echo "openvpp: compiling the contracts failed." >&2; exit 1; }
