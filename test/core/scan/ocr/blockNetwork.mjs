// Preloaded (node --import) into the offline test's child process and, by Node's default, into
// every worker thread it starts: any attempt to reach the network is written to stderr and fails.
import dns from 'node:dns';
import net from 'node:net';
import { isMainThread } from 'node:worker_threads';

function refuse(what) {
  process.stderr.write(`NETWORK ATTEMPT (${isMainThread ? 'main' : 'worker'}): ${what}\n`);
  throw new Error(`network blocked: ${what}`);
}

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function blockedConnect(...args) {
  // Local pipes stay open (tsx talks to its own process through one); TCP does not.
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  const isPipe = (first !== null && typeof first === 'object' && typeof first.path === 'string' && first.port === undefined) || (typeof first === 'string' && Number.isNaN(Number(first)));
  if (isPipe) return connect.apply(this, args);
  return refuse(`connect ${JSON.stringify(first)}`);
};
dns.lookup = (host) => refuse(`dns ${host}`);
dns.promises.lookup = async (host) => refuse(`dns ${host}`);
globalThis.fetch = async (url) => refuse(`fetch ${url}`);
process.stderr.write(`network blocked in ${isMainThread ? 'main' : 'worker'} thread\n`);
