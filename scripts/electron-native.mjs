#!/usr/bin/env node
// Builds better-sqlite3 a second time, for Electron's ABI, into native/<folder>/better_sqlite3.node,
// leaving node_modules with the Node build that tests and the CLI load. The app passes the built path
// to better-sqlite3's `nativeBinding` option. Why: docs/decisions/0002-native-sqlite-for-node-and-electron.md
//
//   node scripts/electron-native.mjs                 build if missing or stale (fails loudly)
//   node scripts/electron-native.mjs --postinstall   as npm's postinstall: never fails the install
//   options: --force  --arch=<x64|arm64>  --headers=<folder of extracted Electron headers, for offline builds>
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const HEADERS_URL = 'https://electronjs.org/headers';
const BINDING_FILE = 'better_sqlite3.node';
const REACH_TIMEOUT_MS = 10_000;
const BUILD_TIMEOUT_MS = 20 * 60_000;

/** Same name as bindingFolderName in src/main/native/bindingPath.ts (a test holds them together). */
export function bindingFolderName(electronVersion, platform, arch) {
  return `electron-v${electronVersion}-${platform}-${arch}`;
}

export function parseArgs(argv) {
  const options = { postinstall: false, force: false, arch: process.arch, headers: null };
  for (const arg of argv) {
    if (arg === '--postinstall') options.postinstall = true;
    else if (arg === '--force') options.force = true;
    else if (arg.startsWith('--arch=')) options.arch = arg.slice('--arch='.length);
    else if (arg.startsWith('--headers=')) options.headers = path.resolve(arg.slice('--headers='.length));
    else throw new Error(`unknown option ${arg}`);
  }
  return options;
}

/**
 * Why a postinstall run does nothing, or null to go ahead. CI needs only the Node build and has no
 * route to the headers; ELECTRON_SKIP_BINARY_DOWNLOAD marks a machine that cannot run Electron anyway.
 * Run by hand (`npm run native:electron`), only the explicit opt-out applies.
 */
export function skipReason(env, options) {
  if (env.DOSSIER_SKIP_ELECTRON_NATIVE) return 'DOSSIER_SKIP_ELECTRON_NATIVE is set';
  if (!options.postinstall) return null;
  if (env.CI) return 'CI is set';
  if (env.ELECTRON_SKIP_BINARY_DOWNLOAD) return 'ELECTRON_SKIP_BINARY_DOWNLOAD is set';
  return null;
}

/**
 * The environment for node-gyp. npm exports its config as npm_config_*, and node-gyp obeys them: a
 * `nodedir` pointing at Node's headers (as set on this project's build machines) or a stray
 * `target`/`runtime` would silently produce a Node binding with an Electron name.
 */
export function gypEnv(env) {
  const cleaned = {};
  for (const [key, value] of Object.entries(env)) {
    if (/^npm_config_(nodedir|target|runtime|disturl|dist_url|arch|target_arch|devdir|build_from_source)$/i.test(key)) continue;
    cleaned[key] = value;
  }
  return cleaned;
}

export function gypArgs({ electronVersion, arch, headers, devdir }) {
  const args = ['rebuild', '--release', `--target=${electronVersion}`, `--arch=${arch}`];
  if (headers) args.push(`--nodedir=${headers}`);
  else args.push(`--dist-url=${HEADERS_URL}`, `--devdir=${devdir}`);
  return args;
}

function readJson(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

function findNodeGyp(root, env) {
  const candidates = [
    env.npm_config_node_gyp,
    path.join(root, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
    path.join(path.dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
  ];
  const found = candidates.find((candidate) => candidate && fs.existsSync(candidate));
  if (!found) throw new Error('node-gyp not found (neither from npm nor in node_modules)');
  return found;
}

/** A HEAD request with a short timeout, so a machine without internet gives up in seconds, not minutes. */
function canReach(url) {
  return new Promise((resolve) => {
    const request = https.request(url, { method: 'HEAD', timeout: REACH_TIMEOUT_MS }, (response) => {
      response.resume();
      resolve((response.statusCode ?? 500) < 400);
    });
    request.on('timeout', () => request.destroy(new Error('timeout')));
    request.on('error', () => resolve(false));
    request.end();
  });
}

async function build(root, options, log) {
  const electronPackage = path.join(root, 'node_modules', 'electron', 'package.json');
  if (!fs.existsSync(electronPackage)) return 'electron is not installed (production install); nothing to build';
  const electronVersion = readJson(electronPackage).version;
  const sqliteDir = path.join(root, 'node_modules', 'better-sqlite3');
  const sqliteVersion = readJson(path.join(sqliteDir, 'package.json')).version;

  const folder = bindingFolderName(electronVersion, process.platform, options.arch);
  const outDir = path.join(root, 'native', folder);
  const markerFile = path.join(outDir, 'build-info.json');
  const wanted = { electron: electronVersion, betterSqlite3: sqliteVersion, platform: process.platform, arch: options.arch };
  if (!options.force && fs.existsSync(path.join(outDir, BINDING_FILE)) && fs.existsSync(markerFile)) {
    const marker = readJson(markerFile);
    if (marker.electron === wanted.electron && marker.betterSqlite3 === wanted.betterSqlite3) {
      return `native/${folder}/${BINDING_FILE} is up to date`;
    }
  }

  const devdir = path.join(os.homedir(), '.electron-gyp');
  if (options.headers) {
    if (!fs.existsSync(path.join(options.headers, 'include', 'node', 'node_version.h'))) {
      throw new Error(`${options.headers} does not hold Electron headers (include/node/node_version.h is missing)`);
    }
  } else if (!fs.existsSync(path.join(devdir, electronVersion, 'include', 'node', 'node_version.h'))) {
    const tarball = `${HEADERS_URL}/v${electronVersion}/node-v${electronVersion}-headers.tar.gz`;
    log(`checking that ${tarball} is reachable`);
    if (!(await canReach(tarball))) {
      throw new Error(
        `cannot reach ${tarball}. Build on a machine with internet access, or extract that tarball ` +
          `and run: node scripts/electron-native.mjs --headers=<extracted node_headers folder>`,
      );
    }
  }

  // node-gyp writes build/ into the package it builds; a copy keeps node_modules' Node build untouched.
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-electron-native-'));
  try {
    const copy = path.join(work, 'better-sqlite3');
    fs.cpSync(sqliteDir, copy, {
      recursive: true,
      filter: (source) => {
        const relative = path.relative(sqliteDir, source).split(path.sep);
        return relative[0] !== 'build' && relative[0] !== 'node_modules';
      },
    });
    const args = [findNodeGyp(root, process.env), ...gypArgs({ electronVersion, arch: options.arch, headers: options.headers, devdir })];
    log(`building better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} (${process.platform}-${options.arch})`);
    const result = spawnSync(process.execPath, args, { cwd: copy, env: gypEnv(process.env), stdio: 'inherit', timeout: BUILD_TIMEOUT_MS });
    if (result.error) throw result.error;
    if (result.status !== 0) throw new Error(`node-gyp exited with status ${result.status}`);

    fs.mkdirSync(outDir, { recursive: true });
    fs.copyFileSync(path.join(copy, 'build', 'Release', BINDING_FILE), path.join(outDir, BINDING_FILE));
    fs.writeFileSync(markerFile, `${JSON.stringify({ ...wanted, builtAt: new Date().toISOString() }, null, 2)}\n`);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }

  // Older Electron versions' folders for this platform would only bloat the installer.
  const suffix = `-${process.platform}-${options.arch}`;
  for (const entry of fs.readdirSync(path.join(root, 'native'))) {
    if (entry !== folder && entry.startsWith('electron-v') && entry.endsWith(suffix)) {
      fs.rmSync(path.join(root, 'native', entry), { recursive: true, force: true });
    }
  }
  return `built native/${folder}/${BINDING_FILE}`;
}

async function main() {
  const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
  const log = (message) => console.log(`[electron-native] ${message}`);
  let options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`[electron-native] ${error.message}`);
    process.exit(2);
  }
  const reason = skipReason(process.env, options);
  if (reason) {
    log(`skipped: ${reason}. The app needs this binding: run \`npm run native:electron\` before \`npm start\` or \`npm run dist\`.`);
    return;
  }
  try {
    log(await build(root, options, log));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (options.postinstall) {
      console.warn(
        `[electron-native] WARNING: could not build better-sqlite3 for Electron: ${message}\n` +
          '[electron-native] npm install has still succeeded: tests and the CLI use the Node build in node_modules.\n' +
          '[electron-native] The desktop app will not open its database until you run `npm run native:electron`.',
      );
      return;
    }
    console.error(`[electron-native] FAILED: ${message}`);
    process.exitCode = 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  await main();
}
