// Run twice by fontkitDependencies.test.ts: with pdfkit loaded as the writer loads it ('writer', the
// slow dependencies replaced) and as a plain import ('plain'). Prints what fontkit, unicode-properties
// and linebreak computed from their Unicode tables, which must not differ.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import zlib from 'node:zlib';
import type * as Fontkit from 'fontkit';
import { loadPdfkit } from '../../../../src/core/pdf/writer';
import { resolveFont } from '../../../../src/core/pdf/writer/fonts';

const mode = process.argv[2];
if (mode === 'writer') await loadPdfkit();
const fontkit = (await import('fontkit')) as typeof Fontkit;
// fontkit's and pdfkit's own dependencies, untyped: imported by name as they import them.
const importUntyped = (id: string) => import(id) as Promise<Record<string, unknown>>;
const unicode = (await importUntyped('unicode-properties')) as Record<'getCategory' | 'getScript' | 'getEastAsianWidth' | 'getCombiningClass', (codePoint: number) => string | number>;
const LineBreaker = (await importUntyped('linebreak')).default as new (text: string) => { nextBreak(): { position: number; required: boolean } | null };

const properties = createHash('sha256');
for (let cp = 0; cp <= 0x10ffff; cp++) properties.update(`${unicode.getCategory(cp)}${unicode.getScript(cp)}${unicode.getEastAsianWidth(cp)}${unicode.getCombiningClass(cp)};`);

const text = '本卷共有文件材料30件300页。Office fi AV J032 e\u0301 — “样本”（副卷）2024-06-01\nhttps://example.invalid/a-b';
const breaks: string[] = [];
const breaker = new LineBreaker(text);
for (let b = breaker.nextBreak(); b; b = breaker.nextBreak()) breaks.push(`${b.position}${b.required ? '!' : ''}`);

const { path: fontPath, postscriptName } = resolveFont();
const font = fontkit.openSync(fontPath, postscriptName) as Fontkit.Font;
const run = font.layout(text);
const layout = run.glyphs.map((g, i) => `${g.id}:${run.positions[i]!.xAdvance}:${run.positions[i]!.xOffset}`).join(' ');

// Which modules were loaded: the replaced ones are in the cache with our functions as exports. (Node's
// ES module loader also caches, unevaluated, the modules a CommonJS module re-exports: hence `loaded`.)
const require = createRequire(import.meta.url);
const cache = require.cache;
const exported = (suffix: string) => Object.keys(cache).filter((f) => f.endsWith(suffix)).map((f) => (cache[f]!.exports as { name?: string }).name ?? typeof cache[f]!.exports);
const brotliDecoder = Object.keys(cache).filter((f) => f.includes('/brotli/dec/') && cache[f]!.loaded).length;
// What fontkit calls for a WOFF2 font's tables: brotli's decoder, loaded now if it was not.
const data = Buffer.from(text.repeat(20));
const decompress = require(require.resolve('brotli/decompress.js', { paths: [path.dirname(require.resolve('fontkit'))] })) as (buffer: Buffer, size: number) => Uint8Array;
const brotliRoundTrip = Buffer.from(decompress(zlib.brotliCompressSync(data), data.length)).equals(data);
console.log(JSON.stringify({ properties: properties.digest('hex'), breaks: breaks.join(','), layout, tinyInflate: exported('tiny-inflate/index.js'), brotliDecoder, brotliRoundTrip }));
