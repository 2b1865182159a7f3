import type { FileHandle } from 'node:fs/promises';
import { findLast, readAt } from './fileIo';
import { isDict, PdfEndOfData, PdfParser, type PdfDict, type PdfRef, type PdfValue } from './pdfSyntax';

/** The cross-reference view of a file: where each object is, per the last revision. */
export interface PdfStructure {
  size: number;
  /** Offset that the last `startxref` names. */
  xrefOffset: number;
  trailer: PdfDict;
  offsets: Map<number, number>;
  /** Cross-reference sections reached through /Prev: more than one means incremental updates. */
  sectionCount: number;
}

export class PdfStructureError extends Error {}

const MAX_XREF_BYTES = 64 << 20;

export async function readStructure(fh: FileHandle, size: number): Promise<PdfStructure> {
  // Usually in the last few hundred bytes; searched further back when something was appended, so
  // that the verifier can say "bytes appended" rather than "truncated".
  const at = await findLast(fh, size, Buffer.from('startxref', 'latin1'), 65536);
  const m = at >= 0 ? /^startxref\s+(\d+)/.exec((await readAt(fh, at, Math.min(64, size - at))).toString('latin1')) : null;
  if (!m) throw new PdfStructureError('找不到 startxref');
  const xrefOffset = Number(m[1]);
  const offsets = new Map<number, number>();
  let trailer: PdfDict | null = null;
  let sectionCount = 0;
  const seen = new Set<number>();
  for (let offset: number | null = xrefOffset; offset !== null; ) {
    if (seen.has(offset) || offset >= size || sectionCount >= 32) throw new PdfStructureError('交叉引用表的 /Prev 链无效');
    seen.add(offset);
    sectionCount++;
    const section = await readXrefSection(fh, offset, size);
    for (const [num, at] of section.offsets) if (!offsets.has(num)) offsets.set(num, at);
    trailer ??= section.trailer;
    const prev = section.trailer.entries.get('Prev');
    offset = typeof prev === 'number' ? prev : null;
  }
  return { size, xrefOffset, trailer: trailer!, offsets, sectionCount };
}

async function readXrefSection(fh: FileHandle, offset: number, size: number): Promise<{ offsets: Map<number, number>; trailer: PdfDict }> {
  let length = Math.min(size - offset, 1 << 20);
  for (;;) {
    const buf = await readAt(fh, offset, length);
    const text = buf.toString('latin1');
    if (/^\s*\d+\s+\d+\s+obj/.test(text)) throw new PdfStructureError('交叉引用为压缩流格式（非本系统生成的文件），无法检查');
    if (!/^\s*xref/.test(text)) throw new PdfStructureError('startxref 指向的位置不是交叉引用表');
    const offsets = new Map<number, number>();
    const header = /\s*xref\s*/y;
    header.exec(text);
    let pos = header.lastIndex;
    const sub = /(\d+)\s+(\d+)\s+/y;
    const entry = /(\d{10})\s(\d{5})\s([nf])\s{0,2}/y;
    let complete = false;
    for (;;) {
      sub.lastIndex = pos;
      const s = sub.exec(text);
      if (!s) break;
      const first = Number(s[1]);
      const count = Number(s[2]);
      pos = sub.lastIndex;
      let i = 0;
      for (; i < count; i++) {
        entry.lastIndex = pos;
        const e = entry.exec(text);
        if (!e) break;
        if (e[3] === 'n') offsets.set(first + i, Number(e[1]));
        pos = entry.lastIndex;
      }
      if (i < count) {
        if (buf.length === size - offset) throw new PdfStructureError('交叉引用表不完整');
        break;
      }
      complete = /^\s*trailer/.test(text.slice(pos));
      if (complete) break;
    }
    if (complete) {
      const parser = new PdfParser(buf, pos);
      try {
        parser.expectKeyword('trailer');
        const trailer = parser.readValue();
        if (!isDict(trailer)) throw new PdfStructureError('trailer 不是字典');
        return { offsets, trailer };
      } catch (error) {
        if (!(error instanceof PdfEndOfData) || buf.length === size - offset) throw asStructureError(error);
      }
    } else if (buf.length === size - offset) {
      throw new PdfStructureError('交叉引用表之后缺少 trailer');
    }
    if (length >= MAX_XREF_BYTES) throw new PdfStructureError('交叉引用表过大');
    length = Math.min(size - offset, length * 8, MAX_XREF_BYTES);
  }
}

/** Reads object `ref`, growing the read window until the whole value fits (the signature needs ~66 KB). */
export async function readObject(fh: FileHandle, structure: PdfStructure, ref: PdfRef): Promise<{ value: PdfValue; offset: number }> {
  const offset = structure.offsets.get(ref.num);
  if (offset === undefined || offset >= structure.size) throw new PdfStructureError(`对象 ${ref.num} 不在交叉引用表中`);
  for (let length = 65536; ; length *= 16) {
    const buf = await readAt(fh, offset, Math.min(length, structure.size - offset));
    try {
      const object = new PdfParser(buf).readIndirectObject();
      if (object.num !== ref.num) throw new PdfStructureError(`交叉引用表中对象 ${ref.num} 的位置不正确`);
      return { value: object.value, offset };
    } catch (error) {
      if (!(error instanceof PdfEndOfData) || buf.length === structure.size - offset || length >= 1 << 24) throw asStructureError(error);
    }
  }
}

/** Follows a reference, if it is one. */
export async function resolve(fh: FileHandle, structure: PdfStructure, value: PdfValue | undefined): Promise<PdfValue | undefined> {
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && value.kind === 'ref') return (await readObject(fh, structure, value)).value;
  return value;
}

function asStructureError(error: unknown): Error {
  if (error instanceof PdfStructureError) return error;
  return new PdfStructureError(error instanceof PdfEndOfData ? '对象在文件结尾处中断' : `对象语法错误（${(error as Error).message}）`);
}
