// A Modbus TCP server that is not ours (npm modbus-serial's ServerTCP) serving SunSpec register maps for tests.
//
//   node tools/peers/sunspec-modbus-server.mjs --map MAP.json [--port 0]
//
// MAP.json: { "units": { "1": { "base": 40000, "registers": [21365, 28243, ...] } },
//             "exceptions": [ { "unit": 1, "start": 40100, "count": 4, "code": 2 } ],   (optional; unit optional)
//             "delayMs": 0,                                                              (optional: answer slowly)
//             "dropAtRequest": 0 }                                                       (optional: 1-based request
//                                                                                        number at which every open
//                                                                                        connection is dropped unanswered)
// Registers outside a unit's map answer IllegalDataAddress (2); a unit id not in the map answers
// GatewayTargetFailedToRespond (11), as a Modbus gateway does.
// Prints "ready <port>" once listening. Commands on stdin, one per line, each answered with one line:
//   get UNIT ADDR COUNT   -> "regs v1 v2 ..."        set UNIT ADDR v1 v2 ...  -> "ok"
//   delay MS              -> "ok"                     drop-at N (from now)     -> "ok"
//   drop                  -> "ok" (closes every open connection now)
//   requests              -> "requests N"
// Exits when stdin closes, so a crashed test leaves nothing behind.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import net from 'node:net';

const require = createRequire(import.meta.url);
const { ServerTCP } = require('modbus-serial');

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
};

const map = JSON.parse(readFileSync(option('--map'), 'utf8'));
const units = new Map(Object.entries(map.units ?? {}).map(([id, u]) => [Number(id), { base: u.base, registers: u.registers.slice() }]));
const exceptions = (map.exceptions ?? []).slice();
let delayMs = map.delayMs ?? 0;
let dropAt = map.dropAtRequest ?? 0;
let requests = 0;
let server;

const modbusError = (code, message) => Object.assign(new Error(message), { modbusErrorCode: code });

// Every request reaches exactly one vector call: count it, drop or refuse it, or locate its registers.
function handle(unitId, addr, count, write) {
  requests++;
  if (dropAt > 0 && requests === dropAt) {
    for (const sock of server.socks.keys()) sock.destroy();
    return { dropped: true };
  }
  const unit = units.get(unitId);
  if (!unit) return { error: modbusError(0x0B, `no unit ${unitId}`) };
  const hit = exceptions.find(e => (e.unit === undefined || e.unit === unitId) && addr < e.start + e.count && e.start < addr + count);
  if (hit) return { error: modbusError(hit.code, `configured exception ${hit.code}`) };
  const offset = addr - unit.base;
  if (offset < 0 || offset + count > unit.registers.length) return { error: modbusError(0x02, 'illegal data address') };
  if (write) write(unit.registers, offset);
  return { values: unit.registers.slice(offset, offset + count) };
}

const later = (fn) => setTimeout(fn, delayMs);

const vector = {
  getMultipleHoldingRegisters(addr, length, unitId, callback) {
    const r = handle(unitId, addr, length);
    if (r.dropped) return;
    later(() => callback(r.error ?? null, r.values));
  },
  getHoldingRegister(addr, unitId, callback) {
    const r = handle(unitId, addr, 1);
    if (r.dropped) return;
    later(() => callback(r.error ?? null, r.values?.[0]));
  },
  setRegister(addr, value, unitId, callback) {
    const r = handle(unitId, addr, 1, (regs, offset) => { regs[offset] = value; });
    if (r.dropped) return;
    later(() => callback(r.error ?? null));
  },
  setRegisterArray(addr, values, unitId, callback) {
    const r = handle(unitId, addr, values.length, (regs, offset) => values.forEach((v, i) => { regs[offset + i] = v; }));
    if (r.dropped) return;
    later(() => callback(r.error ?? null));
  },
};

// ServerTCP treats port 0 as "use 502"; find a free port first (the window for a clash is tiny on loopback).
const freePort = () => new Promise((resolve) => {
  const probe = net.createServer();
  probe.listen(0, '127.0.0.1', () => { const { port } = probe.address(); probe.close(() => resolve(port)); });
});
const port = Number(option('--port', '0')) || await freePort();
server = new ServerTCP(vector, { host: '127.0.0.1', port, unitID: 255 });
server.on('socketError', () => {});
server.on('error', () => {});
server.on('serverError', (e) => { console.error(`server error: ${e.message}`); process.exit(1); });
server.on('initialized', () => console.log(`ready ${server._server.address().port}`));

const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  const [command, ...rest] = line.trim().split(/\s+/);
  const n = rest.map(Number);
  if ((command === 'get' || command === 'set') && !units.has(n[0])) {
    console.log(`error no unit ${n[0]}`);
    return;
  }
  switch (command) {
    case 'get': {
      const unit = units.get(n[0]);
      const offset = n[1] - unit.base;
      console.log(`regs ${unit.registers.slice(offset, offset + n[2]).join(' ')}`);
      break;
    }
    case 'set': {
      const unit = units.get(n[0]);
      n.slice(2).forEach((v, i) => { unit.registers[n[1] - unit.base + i] = v; });
      console.log('ok');
      break;
    }
    case 'delay': delayMs = n[0]; console.log('ok'); break;
    case 'drop-at': dropAt = requests + n[0]; console.log('ok'); break;
    case 'drop': for (const sock of server.socks.keys()) sock.destroy(); console.log('ok'); break;
    case 'requests': console.log(`requests ${requests}`); break;
    case '': break;
    default: console.log(`error unknown command ${command}`);
  }
});
lines.on('close', () => { server.close(() => process.exit(0)); setTimeout(() => process.exit(0), 500).unref(); });
