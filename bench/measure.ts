// What every bench that runs a child process needs: generated A4 scans, a child measured by
// /usr/bin/time -v (wall time and peak RSS the same way for our side and the reference tool), and the
// bench bundled like the app ships its code (so a measured child does not compile TypeScript first).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Core } from '../src/core/types';

export interface BenchSide {
  wallSeconds: number;
  peakRssMb: number;
}

const A4_300 = { width: 2480, height: 3508 };
/** Distinct page images; the rest are copies, which costs nothing for either tool. */
const DISTINCT = 10;

/** A4 300-dpi grayscale "scans": paper noise and lines of dark strokes, about 1 MB each as JPEG. Returns bytes written. */
export async function makeA4Scans(dir: string, pages: number): Promise<number> {
  // Loaded here, not at the top: the measured children import this file, and the app loads sharp only when it needs it.
  const { default: sharp } = await import('sharp');
  const { width, height } = A4_300;
  const bases: string[] = [];
  for (let k = 0; k < Math.min(DISTINCT, pages); k++) {
    const raw = Buffer.alloc(width * height);
    let s = k + 1;
    const pitch = 36 + k;
    for (let i = 0; i < raw.length; i++) {
      s = (s * 1103515245 + 12345) % 2147483648;
      const y = Math.floor(i / width);
      const x = i % width;
      const inText = y > 250 && y < height - 250 && x > 200 && x < width - 200;
      const ink = inText && y % pitch < 12 && (x + (s % 3)) % 9 < 6 && ((x >> 6) + (y >> 5) + k) % 7 !== 0;
      raw[i] = Math.max(0, 240 + (s % 8) - (ink ? 190 : 0));
    }
    const file = path.join(dir, `base-${k}.jpg`);
    await sharp(raw, { raw: { width, height, channels: 1 } }).toColourspace('b-w').jpeg({ quality: 75 }).withDensity(300).toFile(file);
    bases.push(file);
  }
  let total = 0;
  for (let i = 0; i < pages; i++) {
    const target = path.join(dir, `page-${String(i + 1).padStart(4, '0')}.jpg`);
    fs.copyFileSync(bases[i % bases.length]!, target);
    total += fs.statSync(target).size;
  }
  for (const base of bases) fs.rmSync(base);
  return total;
}

/**
 * The environment of every measured child, ours and the reference tool's: without NODE_EXTRA_CA_CERTS.
 * A build machine behind a package proxy sets it, and then every Node process parses the whole CA
 * bundle before it starts (node -e 0: 0.10 s instead of 0.03 s here). The work measured makes no
 * TLS connection, and a user's machine has no such setting.
 */
function measuredEnv(): NodeJS.ProcessEnv {
  const { NODE_EXTRA_CA_CERTS: _proxyCertificates, ...env } = process.env;
  return env;
}

export function timed(cmd: string, args: string[]): BenchSide & { stdout: string } {
  const r = spawnSync('/usr/bin/time', ['-v', cmd, ...args], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024, env: measuredEnv() });
  if (r.status !== 0) throw new Error(`${cmd} failed (${r.status}): ${r.stderr.slice(-2000)}`);
  const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/.exec(r.stderr)!;
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)!;
  return {
    wallSeconds: Number(wall[1] ?? 0) * 3600 + Number(wall[2]) * 60 + Number(wall[3]),
    peakRssMb: Number(rss[1]) / 1024,
    stdout: r.stdout,
  };
}

/**
 * A bench file bundled as the app ships its code: by rolldown, the bundler electron-vite builds the app's
 * main code with, as ES modules split at dynamic imports, with packages left in node_modules but for
 * the few the app bundles (scripts/bundledDependencies.ts). So a measured child starts like the app
 * does and not by compiling TypeScript on the fly with tsx. esbuild, used before, kept zod's 64
 * locales and its JSON-schema code (0.37 MB of the 1.5 MB the core's chunk had; rolldown's tree
 * shaking drops them, as in the app's out/main), which cost the child ~40 ms to parse at every start.
 */
export async function bundleSelf(entry: string, dir: string, name: string): Promise<string> {
  const { rolldown } = await import('rolldown');
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const outdir = path.join(dir, name.replace(/\.mjs$/, ''));
  const { BUNDLED_DEPENDENCIES } = await import('../scripts/bundledDependencies');
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
  const external = Object.keys({ ...manifest.dependencies, ...manifest.devDependencies }).filter((d) => !BUNDLED_DEPENDENCIES.includes(d));
  const bundle = await rolldown({
    input: { [name.replace(/\.mjs$/, '')]: entry },
    platform: 'node',
    external: (id) => id.startsWith('node:') || external.some((d) => id === d || id.startsWith(`${d}/`)),
    logLevel: 'warn',
  });
  try {
    await bundle.write({ dir: outdir, format: 'esm', entryFileNames: '[name].mjs', chunkFileNames: '[name]-[hash].mjs' });
  } finally {
    await bundle.close();
  }
  // The bundle sits in a temporary folder: let it find the project's node_modules.
  const modules = path.join(dir, 'node_modules');
  if (!fs.existsSync(modules)) fs.symlinkSync(path.join(root, 'node_modules'), modules);
  return path.join(outdir, name);
}

const PASSPHRASE = 'bench-签章口令-2024';

/** The core of a measured child, as the CLI opens it (cheap scrypt: the benches measure PDFs, not logins). */
export async function openCore(dataDir: string) {
  const { createCore, passphraseProtector } = await import('../src/core/createCore');
  const core = createCore({ dataDir, scryptCost: 1024, keyProtector: passphraseProtector(PASSPHRASE, { logN: 14 }), signingKeyBits: 2048 });
  return { core, api: core.client({ channel: 'cli', session: { token: null } }) };
}

export function ok<T>(e: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!e.ok) throw new Error(e.error.message);
  return e.value;
}

/**
 * When the measured job first reported writing its PDF and signing it, as performance.now() (which
 * counts from the process's start), so a child can split its time into phases.
 */
export function watchPhases(core: Pick<Core, 'onEvent'>): { write: number; sign: number } {
  const at = { write: 0, sign: 0 };
  core.onEvent((e) => {
    if (e.type === 'job.progress' && e.label.startsWith('写入 PDF') && !at.write) at.write = performance.now();
    if (e.type === 'job.progress' && e.label === '签章' && !at.sign) at.sign = performance.now();
  });
  return at;
}
