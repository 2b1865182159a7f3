// Run twice by pdfkitDependencies.test.ts: with pdfkit loaded as the writer loads it ('writer', the
// slow dependencies replaced) and plainly ('plain'). Prints what fontkit, unicode-properties and
// linebreak computed from their Unicode tables, which must not differ, and whether pdfkit still
// encrypts (through the AES module loaded on first use).
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import { types } from 'node:util';
import zlib from 'node:zlib';
import type * as Fontkit from 'fontkit';
import { loadPdfkit } from '../../../../src/core/pdf/writer';
import { resolveFont } from '../../../../src/core/pdf/writer/fonts';

const mode = process.argv[2];
const require = createRequire(import.meta.url);
const pdfkitLoaded = () => Object.keys(require.cache).some((f) => f.endsWith(path.join('pdfkit', 'js', 'pdfkit.js')));
// The writer's load returns before it requires pdfkit, so that a caller's key unsealing starts first (decision 0017).
let loadedWhenAsked = false;
if (mode === 'writer') {
  const loading = loadPdfkit();
  loadedWhenAsked = pdfkitLoaded();
  await loading;
}
// Required as the writer requires them (pdfkitModule.ts); in 'plain' mode nothing was replaced first.
const fontkit = require('fontkit') as typeof Fontkit;
const PDFDocument = require('pdfkit') as new (options?: PDFKit.PDFDocumentOptions) => PDFKit.PDFDocument;
// fontkit's and pdfkit's own dependencies, untyped: required by name as they require them.
const requireUntyped = (id: string) => require(id) as Record<string, unknown>;
const unicode = requireUntyped('unicode-properties') as Record<'getCategory' | 'getScript' | 'getEastAsianWidth' | 'getCombiningClass', (codePoint: number) => string | number>;
const LineBreaker = requireUntyped('linebreak') as unknown as new (text: string) => { nextBreak(): { position: number; required: boolean } | null };

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
const cache = require.cache;
const aesFile = require.resolve('@noble/ciphers/aes', { paths: [path.dirname(require.resolve('pdfkit'))] });
// The stand-in is a Proxy whose first read loads the real module in its place.
const aesStandIn = () => types.isProxy(cache[aesFile]?.exports);
const aesStandInBefore = aesStandIn();
const exported = (suffix: string) => Object.keys(cache).filter((f) => f.endsWith(suffix)).map((f) => (cache[f]!.exports as { name?: string }).name ?? typeof cache[f]!.exports);
const brotliDecoder = Object.keys(cache).filter((f) => f.includes('/brotli/dec/') && cache[f]!.loaded).length;
// What fontkit calls for a WOFF2 font's tables: brotli's decoder, loaded now if it was not.
const data = Buffer.from(text.repeat(20));
const decompress = require(require.resolve('brotli/decompress.js', { paths: [path.dirname(require.resolve('fontkit'))] })) as (buffer: Buffer, size: number) => Uint8Array;
const brotliRoundTrip = Buffer.from(decompress(zlib.brotliCompressSync(data), data.length)).equals(data);
// An encrypted document (AES-256, which pdfkit writes for PDF 1.7ext3): written through the AES module
// as pdfkit finds it, then opened with its password by qpdf in the test.
const encrypted = await new Promise<string>((resolve, reject) => {
  const doc = new PDFDocument({ pdfVersion: '1.7ext3', userPassword: 'reader-2024', ownerPassword: 'owner-2024', compress: true });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  doc.on('end', () => resolve(Buffer.concat(chunks).toString('base64')));
  doc.on('error', reject);
  doc.text('encrypted page');
  doc.end();
});
console.log(JSON.stringify({ properties: properties.digest('hex'), breaks: breaks.join(','), layout, tinyInflate: exported('tiny-inflate/index.js'), brotliDecoder, brotliRoundTrip, aesStandInBefore, aesStandInAfter: aesStandIn(), encrypted, loadedWhenAsked, loadedAfter: pdfkitLoaded() }));
