// A real OCPP charge point for tests: ocpp-rpc's RPCClient in strict mode (it validates every message both ways
// against the official schemas). Started by a C# test as a child process:
//
//   node tools/peers/ocpp-station.mjs --url ws://127.0.0.1:PORT/ocpp --id ST1 --protocols ocpp1.6[,ocpp2.0.1] [--password P]
//
// With --password it authenticates with HTTP Basic (OCPP Security Profile 1: username = the id, password = P).
// It connects, prints `ready <protocol>` (or `refused <reason>`, led by the HTTP status when the upgrade was
// answered with one, e.g. `refused 401 Unauthorized`), then reads one JSON command per stdin line and prints one
// JSON line per event. It exits when stdin closes, so a crashed test leaves nothing behind.
// Commands ({"cmd": ..., "tag": ...}; the tag is echoed on the answer):
//   call {action, payload}       strict call; prints {event:"result", result} or {event:"error", code, message}
//   raw {text}                   sends text as-is through the underlying WebSocket (malformed frames)
//   oversized {bytes}            sends a DataTransfer CALL padded to about `bytes` bytes, id "big-1"
//   midmessage                   sends the first fragment of a message, then drops the TCP connection
//   delay {ms}                   answers the CSMS's CALLs that much later (a slow station)
//   answer {status, count}       answers the next `count` (default 1) charging-profile CALLs with status (e.g. Rejected)
//   close                        closes the WebSocket normally
//   connect                      connects again (after close), prints `ready` again as {event:"ready"}
// Events printed unasked: {event:"in", message} for every frame received, {event:"csmsCall", action, params} for a
// CALL from the CSMS that passed strict validation, {event:"strictValidationFailure", ...}, {event:"badMessage", ...},
// {event:"close", code, reason}.
import { createInterface } from 'node:readline';
import { RPCClient } from 'ocpp-rpc';

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []));
const protocols = (args.protocols ?? 'ocpp1.6').split(',');
const print = (o) => process.stdout.write(JSON.stringify(o) + '\n');
let delayMs = 0;
const answers = [];

const client = new RPCClient({
  endpoint: args.url,
  identity: args.id ?? 'ST1',
  protocols,
  strictMode: true,
  reconnect: false,
  callTimeoutMs: 15000,
  ...(args.password ? { password: args.password } : {}),
});

client.on('message', ({ message, outbound }) => { if (!outbound) print({ event: 'in', message: message.toString() }); });
client.on('badMessage', ({ error, response }) => print({ event: 'badMessage', error: error.message, details: error.details ?? null, response }));
client.on('strictValidationFailure', ({ method, error, outbound, isCall }) =>
  print({ event: 'strictValidationFailure', method, outbound, isCall, code: error.rpcErrorCode, message: error.message }));
client.on('close', ({ code, reason }) => print({ event: 'close', code, reason: String(reason ?? '') }));

const csmsCall = (action) => async ({ params }) => {
  print({ event: 'csmsCall', action, params });
  if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
  return { status: answers.shift() ?? 'Accepted' };
};
client.handle('SetChargingProfile', csmsCall('SetChargingProfile'));
client.handle('ClearChargingProfile', csmsCall('ClearChargingProfile'));

async function connect(first) {
  try {
    await client.connect();
    if (first) process.stdout.write(`ready ${client.protocol}\n`);
    else print({ event: 'ready', protocol: client.protocol });
  } catch (e) {
    // A refused upgrade carries the HTTP status (401 bad credentials, 404 unknown station) in e.code.
    const reason = typeof e.code === 'number' ? `${e.code} ${e.message}` : e.message;
    if (first) process.stdout.write(`refused ${reason}\n`);
    else print({ event: 'refused', message: reason });
  }
}

async function run(command) {
  const { cmd, tag } = command;
  try {
    switch (cmd) {
      case 'call': {
        const result = await client.call(command.action, command.payload ?? {});
        print({ tag, event: 'result', action: command.action, result });
        break;
      }
      case 'raw':
        client.sendRaw(command.text);
        print({ tag, event: 'sent' });
        break;
      case 'oversized': {
        const pad = 'x'.repeat(command.bytes ?? 100000);
        client.sendRaw(JSON.stringify([2, 'big-1', 'DataTransfer', { vendorId: 'test', data: pad }]));
        print({ tag, event: 'sent' });
        break;
      }
      case 'midmessage': {
        const ws = client._ws;
        ws.send('[2,"half-1","Heartbeat",', { fin: false }, () => { ws._socket.destroy(); print({ tag, event: 'dropped' }); });
        break;
      }
      case 'delay':
        delayMs = command.ms ?? 0;
        print({ tag, event: 'ok' });
        break;
      case 'answer':
        for (let i = 0; i < (command.count ?? 1); i++) answers.push(command.status);
        print({ tag, event: 'ok' });
        break;
      case 'close':
        await client.close({ code: 1000, reason: 'test done' });
        print({ tag, event: 'closed' });
        break;
      case 'connect':
        await connect(false);
        break;
      default:
        print({ tag, event: 'error', code: 'UnknownCommand', message: cmd });
    }
  } catch (e) {
    print({ tag, event: 'error', code: e.rpcErrorCode ?? e.name, message: e.message, details: e.details ?? null });
  }
}

await connect(true);
const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => { if (line.trim()) run(JSON.parse(line)); });
lines.on('close', () => { client.close({ force: true }).finally(() => process.exit(0)); setTimeout(() => process.exit(0), 500).unref(); });
