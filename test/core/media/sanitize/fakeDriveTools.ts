import fs from 'node:fs';
import path from 'node:path';
import { tempDir } from '../../../helpers/core';

/** How the fake drive answers. */
export interface FakeDriveConfig {
  /** NVMe Identify Controller SANICAP: bit 0 crypto erase, bit 1 block erase. */
  sanicap?: number;
  /** `hdparm -I` lists the SANITIZE feature set (with BLOCK_ERASE_EXT). */
  ataSanitize?: boolean;
  /** `hdparm -I` reports the security state frozen. */
  frozen?: boolean;
  /** The drive reports the sanitize failed (and erases nothing). */
  fail?: boolean;
  /** The drive reports the sanitize done but erases nothing (firmware that lies). */
  eraseNothing?: boolean;
  /** ATA Security Erase fails once after the password was set, leaving the drive locked with it. */
  eraseFailsOnce?: boolean;
}

/**
 * One script for both tools, told apart by the name it runs under. It logs its argv (one JSON array a
 * line), answers the queries from config.json, and "sanitizes" by zeroing the device path it was given
 * (the test's image file) a third per status poll, so the app has to poll to the end.
 */
const SCRIPT = `
const fs = require('fs');
const path = require('path');
const dir = __dirname;
const name = path.basename(process.argv[1]);
const args = process.argv.slice(2);
fs.appendFileSync(path.join(dir, 'argv.log'), JSON.stringify([name, ...args]) + '\\n');
const cfg = JSON.parse(fs.readFileSync(path.join(dir, 'config.json'), 'utf8'));
const statePath = path.join(dir, 'state.json');
let state = fs.existsSync(statePath) ? JSON.parse(fs.readFileSync(statePath, 'utf8')) : null;
const STEPS = 3;
const save = () => fs.writeFileSync(statePath, JSON.stringify(state));
function zero(dev, from, end) {
  const fd = fs.openSync(dev, 'r+');
  const buf = Buffer.alloc(1 << 20);
  for (let p = from; p < end; p += buf.length) fs.writeSync(fd, buf, 0, Math.min(buf.length, end - p), p);
  fs.fsyncSync(fd);
  fs.closeSync(fd);
}
function advance() {
  if (!state || state.failed || state.done >= STEPS) return state;
  if (cfg.fail) state.failed = true;
  else if (cfg.eraseNothing) state.done++;
  else {
    const size = fs.statSync(state.dev).size;
    zero(state.dev, Math.floor((size * state.done) / STEPS), Math.floor((size * (state.done + 1)) / STEPS));
    state.done++;
  }
  save();
  return state;
}
const out = (s) => process.stdout.write(s);
const fail = (msg, code) => { process.stderr.write(msg + '\\n'); process.exit(code); };
if (name === 'nvme') {
  const [cmd, dev] = args;
  if (cmd === 'version') out('nvme version 2.8 (git 2.8)\\n');
  else if (cmd === 'id-ctrl') out(JSON.stringify({ vid: 5197, sn: 'S5GXNF0R123456  ', sanicap: cfg.sanicap ?? 3 }));
  else if (cmd === 'sanitize') { if (!fs.existsSync(dev)) fail('open: No such file', 2); state = { dev, done: 0, sanact: args[2] }; save(); }
  else if (cmd === 'sanitize-log') {
    const s = advance();
    const sstat = !s ? 0 : s.failed ? 3 : s.done >= STEPS ? 0x101 : 2;
    const sprog = !s || s.done >= STEPS ? 65535 : Math.floor((65536 * s.done) / STEPS);
    out(JSON.stringify({ [path.basename(dev)]: { sprog, sstat, scdw10: 0 } }));
  } else fail('unknown command ' + cmd, 1);
} else {
  const dev = args[args.length - 1];
  if (args[0] === '-V') out('hdparm v9.65\\n');
  else if (args[0] === '-I') {
    out([dev + ':', '', 'ATA device, with non-removable media', '\\tSerial Number:      WD-WX12A3456789', 'Commands/features:', '\\tEnabled\\tSupported:',
      ...(cfg.ataSanitize ? ['\\t   *\\tSANITIZE feature set', '\\t   *\\tBLOCK_ERASE_EXT command'] : []),
      'Security: ', '\\tMaster password revision code = 65534', '\\t\\tsupported', state && state.password ? '\\t\\tenabled' : '\\tnot\\tenabled', state && state.password ? '\\t\\tlocked' : '\\tnot\\tlocked', cfg.frozen ? '\\t\\tfrozen' : '\\tnot\\tfrozen',
      '\\tnot\\texpired: security count', '\\t\\tsupported: enhanced erase', '\\t2min for SECURITY ERASE UNIT. 2min for ENHANCED SECURITY ERASE UNIT.', ''].join('\\n'));
  } else if (args.includes('--sanitize-block-erase')) { state = { dev, done: 0 }; save(); }
  else if (args[0] === '--sanitize-status') {
    const s = advance();
    if (s && s.failed) out('Sanitize status:\\n    State:    SD0 Sanitize Idle\\n    Sanitize operation Failed\\n');
    else if (s && s.done < STEPS) out('Sanitize status:\\n    State:    SD2 Sanitize operation In Process\\n    Progress: 0x5555 (' + Math.floor((100 * s.done) / STEPS) + '%)\\n');
    else out('Sanitize status:\\n    State:    SD0 Sanitize Idle\\n    Last Sanitize Operation Completed Without Error\\n');
  } else if (args.includes('--security-set-pass')) {
    if (state && state.password) fail('SECURITY_SET_PASS: Input/output error', 5);
    state = { password: args[3] };
    save();
  } else if (args.includes('--security-erase')) {
    if (!state || state.password !== args[3]) fail('SECURITY_ERASE: Input/output error', 5);
    if (cfg.eraseFailsOnce && !state.failedOnce) { state.failedOnce = true; save(); fail('SECURITY_ERASE: Input/output error', 5); }
    zero(dev, 0, fs.statSync(dev).size);
    // The drive disables its security, and so the password, after a completed erase.
    state.password = null;
    save();
  } else fail('unknown option ' + args.join(' '), 1);
}
`;

export interface FakeDriveTools {
  dir: string;
  configure(c: FakeDriveConfig): void;
  /** Every invocation, as the argv the tool received. */
  calls(): string[][];
  /** Puts the tools first on the PATH; returns the function that takes them off again. */
  install(): () => void;
}

export function fakeDriveTools(config: FakeDriveConfig = {}): FakeDriveTools {
  const dir = tempDir('fake-drive-tools-');
  for (const tool of ['nvme', 'hdparm']) {
    fs.writeFileSync(path.join(dir, tool), `#!${process.execPath}\n${SCRIPT}`, { mode: 0o755 });
  }
  const configure = (c: FakeDriveConfig) => fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify(c));
  configure(config);
  return {
    dir,
    configure,
    calls: () =>
      fs.existsSync(path.join(dir, 'argv.log'))
        ? fs
            .readFileSync(path.join(dir, 'argv.log'), 'utf8')
            .split('\n')
            .filter(Boolean)
            .map((l) => JSON.parse(l) as string[])
        : [],
    install() {
      const old = process.env.PATH;
      process.env.PATH = `${dir}${path.delimiter}${old ?? ''}`;
      return () => {
        process.env.PATH = old;
      };
    },
  };
}
