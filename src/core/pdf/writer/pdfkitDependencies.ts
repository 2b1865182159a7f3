import Module, { createRequire } from 'node:module';
import path from 'node:path';
import zlib from 'node:zlib';

/**
 * Three of pdfkit's and fontkit's dependencies did most of the work of loading pdfkit, work every
 * compile paid before its first page (decisions 0020, 0021):
 *
 * - tiny-inflate, a deflate decoder in JavaScript, which unicode-trie runs twice over every Unicode
 *   table fontkit, unicode-properties and linebreak build when they are imported: ~50 ms. Node's zlib
 *   decodes the same raw deflate natively.
 * - brotli's decoder, which fontkit imports for WOFF2 fonts and whose dictionary is built on import:
 *   ~30 ms. Our fonts are OpenType files (fonts.ts), so it is loaded when a WOFF2 font is first read.
 * - @noble/ciphers' AES, which pdfkit needs only to encrypt a document and which builds its tables on
 *   import: ~10–15 ms. The archive's PDFs are PDF/A (§6.2.2), which may not be encrypted (ISO
 *   19005), so it is loaded when pdfkit first encrypts.
 *
 * All are CommonJS modules (pdfkit and fontkit are required as CommonJS for this, pdfkitModule.ts), so
 * they are put into Node's module cache under their own file names before pdfkit and fontkit load;
 * whoever requires them from there gets these. A package that cannot be found is left alone (it then
 * loads as it always did).
 */
let installed = false;
export function replaceSlowPdfkitDependencies(): void {
  if (installed) return;
  installed = true;
  const require = createRequire(import.meta.url);
  const from = (id: string, dir?: string): string | null => {
    try {
      return require.resolve(id, dir ? { paths: [dir] } : undefined);
    } catch {
      return null;
    }
  };
  const fontkit = from('fontkit');
  if (!fontkit) return;
  const fontkitDir = path.dirname(fontkit);
  const within = (file: string | null) => (file ? [path.dirname(file)] : []);
  // Every copy of tiny-inflate that fontkit or a unicode-trie (fontkit's, unicode-properties', linebreak's) would load.
  const pdfkitDir = within(from('pdfkit'));
  const trieUsers = [fontkitDir, ...within(from('unicode-properties', fontkitDir)), ...pdfkitDir.flatMap((dir) => within(from('linebreak', dir)))];
  const trieDirs = trieUsers.flatMap((dir) => within(from('unicode-trie', dir)));
  const inflates = new Set([fontkitDir, ...trieDirs].map((dir) => from('tiny-inflate', dir)).filter((file): file is string => file !== null));
  for (const file of inflates) cache(file, inflateInto);
  const brotli = from('brotli/decompress.js', fontkitDir);
  if (brotli) cache(brotli, loadedOnFirstCall(brotli, require));
  for (const dir of pdfkitDir) {
    const aes = from('@noble/ciphers/aes', dir);
    if (aes) cache(aes, loadedOnFirstUse(aes, require));
  }
}

/**
 * tiny-inflate's contract: raw deflate `source` decoded into `dest`; `dest` itself when it is filled,
 * else a copy of the part written; output beyond `dest`'s length is dropped.
 */
export function inflateInto(source: Uint8Array, dest: Uint8Array): Uint8Array {
  const out = zlib.inflateRawSync(source);
  if (out.length < dest.length) {
    dest.set(out);
    return dest.slice(0, out.length);
  }
  dest.set(out.subarray(0, dest.length));
  return dest;
}

function loadedOnFirstCall(file: string, require: NodeJS.Require): (...args: unknown[]) => unknown {
  let real: ((...args: unknown[]) => unknown) | null = null;
  return (...args) => {
    if (!real) {
      delete moduleCache()[file];
      real = require(file) as (...args: unknown[]) => unknown;
    }
    return real(...args);
  };
}

/** A module's exports, loaded from its file when a property is first read (pdfkit reads `aes.cbc` when it encrypts). */
function loadedOnFirstUse(file: string, require: NodeJS.Require): object {
  let real: Record<PropertyKey, unknown> | null = null;
  const load = () => {
    if (!real) {
      delete moduleCache()[file];
      real = require(file) as Record<PropertyKey, unknown>;
    }
    return real;
  };
  return new Proxy({}, {
    get: (_target, key) => load()[key],
    has: (_target, key) => key in load(),
    ownKeys: () => Reflect.ownKeys(load()),
    getOwnPropertyDescriptor: (_target, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(load(), key);
      return descriptor && { ...descriptor, configurable: true };
    },
  });
}

type CachedModule = { filename: string; loaded: boolean; exports: unknown; paths: string[] };
const moduleCache = () => (Module as unknown as { _cache: Record<string, CachedModule> })._cache;

function cache(file: string, exports: unknown): void {
  if (moduleCache()[file]) return;
  const module = new (Module as unknown as new (id: string) => CachedModule)(file);
  module.filename = file;
  module.loaded = true;
  module.exports = exports;
  moduleCache()[file] = module;
}
