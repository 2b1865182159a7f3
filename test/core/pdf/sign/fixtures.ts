import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { readTlv } from '../../../../src/core/pdf/sign/der';
import { addCertificationPlaceholder, type CertificationPlaceholderOptions } from '../../../../src/core/pdf/sign/placeholder';

const ROOT = path.resolve(import.meta.dirname, '../../../..');
const FONT_CANDIDATES = [path.join(ROOT, 'resources/fonts/NotoSansCJK-Regular.ttc'), '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc'];
export const FONT_PATH = FONT_CANDIDATES.find((file) => fs.existsSync(file)) ?? FONT_CANDIDATES[1]!;

export function tempDir(prefix = 'dossier-sign-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export const PLACEHOLDER_OPTIONS: Omit<CertificationPlaceholderOptions, 'signingTime'> = {
  reason: '案卷归档（DB3206/T 1060 §6.2.2）',
  location: '南通市烟草专卖局档案室',
  name: '南通市烟草专卖局',
};

/** Now, to the second (a PDF date has no milliseconds): after any certificate the test just made. */
export const placeholderOptions = (): CertificationPlaceholderOptions => ({ ...PLACEHOLDER_OPTIONS, signingTime: new Date(Math.floor(Date.now() / 1000) * 1000) });

/** A small PDF/A-style record: two pages of Chinese text, certified placeholder on the last page. */
export async function writePlaceholderPdf(file: string, options: Partial<CertificationPlaceholderOptions> & { pages?: number; placeholder?: boolean } = {}): Promise<void> {
  const doc = new PDFDocument({ pdfVersion: '1.7', subset: 'PDF/A-2b', font: null as unknown as string, autoFirstPage: false, lang: 'zh-CN', info: { Title: '现场检查笔录' } });
  const out = fs.createWriteStream(file);
  const closed = new Promise<void>((resolve, reject) => {
    out.on('close', resolve);
    out.on('error', reject);
  });
  doc.pipe(out);
  doc.registerFont('cjk', FONT_PATH, 'NotoSansCJKsc-Regular');
  doc.font('cjk');
  for (let i = 0; i < (options.pages ?? 2); i++) {
    doc.addPage({ size: 'A4', margin: 50 });
    doc.fontSize(16).text(`现场检查笔录 第 ${i + 1} 页：当事人南通某烟酒店，案由涉嫌无烟草专卖零售许可证经营烟草制品。`);
  }
  if (options.placeholder !== false) addCertificationPlaceholder(doc, { ...placeholderOptions(), ...options });
  doc.end();
  await closed;
}

export interface ToolRun {
  status: number | null;
  output: string;
}

/** Runs an independent tool (pdfsig, qpdf, openssl) and returns its exit status with stdout+stderr. */
export function run(command: string, args: string[]): ToolRun {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.error) throw result.error;
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** The CMS and the signed bytes of a signed file, as an outside verifier would extract them. */
export function extractSignature(file: string, byteRange: number[]): { cms: Buffer; signedBytes: Buffer } {
  const [a, b, c, d] = byteRange as [number, number, number, number];
  const bytes = fs.readFileSync(file);
  const hex = bytes.toString('latin1', b + 1, c - 1);
  const padded = Buffer.from(hex, 'hex');
  const cms = padded.subarray(0, readTlv(padded, 0).end);
  return { cms, signedBytes: Buffer.concat([bytes.subarray(a, b), bytes.subarray(c, c + d)]) };
}

/** Appends a hand-written incremental update that changes the title: a new Info object, xref, trailer /Prev. */
export function appendIncrementalUpdate(file: string, title = 'Tampered title'): void {
  const bytes = fs.readFileSync(file);
  const tail = bytes.toString('latin1', Math.max(0, bytes.length - 4096));
  const prev = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail)![1]);
  const size = Number(/\/Size (\d+)/.exec(tail)![1]);
  const root = /\/Root (\d+ \d+ R)/.exec(tail)![1];
  const id = /\/ID (\[[^\]]*\])/.exec(tail)![1];
  const objectOffset = bytes.length + 1;
  const object = `\n${size} 0 obj\n<< /Title (${title}) /Producer (someone else) >>\nendobj\n`;
  const xrefOffset = bytes.length + Buffer.byteLength(object, 'latin1');
  const update = `${object}xref\n0 1\n0000000000 65535 f \n${size} 1\n${String(objectOffset).padStart(10, '0')} 00000 n \ntrailer\n<< /Size ${size + 1} /Root ${root} /Info ${size} 0 R /Prev ${prev} /ID ${id} >>\nstartxref\n${xrefOffset}\n%%EOF\n`;
  fs.appendFileSync(file, update, 'latin1');
}
