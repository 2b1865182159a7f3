/**
 * The subset of a CID-keyed CFF font (Noto Sans CJK) that pdfkit embeds, written straight from the
 * font file's bytes (decision 0019). fontkit's CFFSubset gives the same font program, but it first
 * decodes the whole CFF table into objects (65 535 charstring entries, 28 516 + 14 138 subroutine
 * entries: ~60–90 ms and much garbage when the font is opened) and then encodes the subset through
 * restructure's generic structures, sizing each of those subroutine indexes several times over
 * (~130 ms): together ~0.2 s of a compile's main thread, which on a two-core machine the writer and
 * hashing threads were waiting for.
 *
 * Like fontkit's: glyph 0 (.notdef) and the used glyphs in the order pdfkit asks for them, CID = GID
 * (charset 1…n−1, registry Adobe, ordering Identity), only the Font DICTs the glyphs use; every
 * subroutine index keeps its length (so the charstrings' subroutine numbers and biases stay valid),
 * with the subroutines no used glyph calls replaced by a bare `return`. The DICTs' operands are
 * copied as bytes from the font, so every hinting value is exactly the font's.
 *
 * The table is read by cidCff.ts. Adobe Technical Note #5176 (CFF).
 */

import { CidCff, OP, SID_OPERATORS, STANDARD_STRINGS, type Bytes, type DictEntry, type Index } from './cidCff';

/** Top DICT operators the subset writes itself (offsets, the CID system, names it drops as fontkit does). */
const TOP_REPLACED = new Set<number>([OP.ROS, OP.CIDCount, OP.UIDBase, OP.charset, OP.Encoding, OP.CharStrings, OP.Private, OP.FDArray, OP.FDSelect, OP.FontName, ...SID_OPERATORS]);
const RETURN = new Uint8Array([11]);

/** An INDEX of items (Technical Note #5176, 5). */
function indexBytes(items: Bytes[]): Bytes {
  if (!items.length) return new Uint8Array([0, 0]);
  let total = 1;
  for (const item of items) total += item.length;
  const offSize = total <= 0xff ? 1 : total <= 0xffff ? 2 : total <= 0xffffff ? 3 : 4;
  const out = new Uint8Array(3 + (items.length + 1) * offSize + total - 1);
  out[0] = items.length >> 8;
  out[1] = items.length & 0xff;
  out[2] = offSize;
  let offset = 1;
  let at = 3;
  const putOffset = () => {
    for (let k = offSize - 1; k >= 0; k--) out[at + k] = Math.floor(offset / 256 ** (offSize - 1 - k)) & 0xff;
    at += offSize;
  };
  putOffset();
  for (const item of items) {
    offset += item.length;
    putOffset();
  }
  for (const item of items) {
    out.set(item, at);
    at += item.length;
  }
  return out;
}

/** An integer operand in its five-byte form, so that a DICT's size does not depend on the offsets in it. */
const int32 = (v: number) => [29, (v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff];
/** An integer operand in its shortest form. */
function intOperand(v: number): number[] {
  if (v >= -107 && v <= 107) return [v + 139];
  if (v >= 108 && v <= 1131) return [((v - 108) >> 8) + 247, (v - 108) & 0xff];
  if (v >= -1131 && v <= -108) return [((-v - 108) >> 8) + 251, (-v - 108) & 0xff];
  if (v >= -32768 && v <= 32767) return [28, (v >> 8) & 0xff, v & 0xff];
  return int32(v);
}
const operator = (op: number) => (op >= 1200 ? [12, op - 1200] : [op]);

function dictBytes(parts: (DictEntry | { op: number; operands: number[] })[]): Bytes {
  return Buffer.concat(parts.flatMap((part) => ['raw' in part ? part.raw : Uint8Array.from(part.operands), Uint8Array.from(operator(part.op))]));
}

/** Keeps the subroutines in `used`, every other one a bare return: the index's length stays. */
function subrsBytes(b: Bytes, subrs: Index, used: Set<number> | null): Bytes {
  const items: Bytes[] = [];
  for (let i = 0; i < subrs.count; i++) items.push(!used || used.has(i) ? b.subarray(subrs.start(i), subrs.start(i + 1)) : RETURN);
  return indexBytes(items);
}

/** The CFF font program of `glyphs` (glyphs[0] is .notdef), as fontkit's CFFSubset lays it out. */
export function encodeCidSubset(cff: CidCff, glyphs: readonly number[]): Uint8Array {
  const b = cff.bytes;
  const usedGlobal = new Set<number>();
  // Font DICTs in the order the glyphs first use them, each with its used local subroutines.
  const fdIndex = new Map<number, number>();
  const usedLocal: Set<number>[] = [];
  const fdOfGlyph: number[] = [];
  let keepAll = false;
  for (const gid of glyphs) {
    const fd = cff.fdOf(gid);
    if (!fdIndex.has(fd)) {
      fdIndex.set(fd, fdIndex.size);
      usedLocal.push(new Set());
    }
    const k = fdIndex.get(fd)!;
    fdOfGlyph.push(k);
    if (!cff.markSubrs(gid, usedGlobal, usedLocal[k]!)) keepAll = true;
  }

  // Strings: the top DICT's names, then the CID system's registry and ordering.
  const strings: Bytes[] = [];
  const addString = (s: Bytes) => {
    strings.push(s);
    return STANDARD_STRINGS + strings.length - 1;
  };
  const topParts: (DictEntry | { op: number; operands: number[] })[] = [];
  for (const entry of cff.top) {
    if (SID_OPERATORS.has(entry.op) && entry.values.length === 1) {
      const custom = cff.customString(entry.values[0]!);
      topParts.push(custom ? { op: entry.op, operands: intOperand(addString(custom)) } : entry);
    } else if (!TOP_REPLACED.has(entry.op)) topParts.push(entry);
  }
  const encoder = new TextEncoder();
  const ros = [addString(encoder.encode('Adobe')), addString(encoder.encode('Identity'))];
  // ROS must come first in a CID-keyed top DICT.
  topParts.unshift({ op: OP.ROS, operands: [...intOperand(ros[0]!), ...intOperand(ros[1]!), ...intOperand(0)] });
  topParts.push({ op: OP.CIDCount, operands: intOperand(glyphs.length) });

  const header = new Uint8Array([1, 0, 4, 4]);
  const nameIndex = indexBytes([cff.name]);
  const stringIndex = indexBytes(strings);
  const globalSubrs = subrsBytes(b, cff.globalSubrs, keepAll ? null : usedGlobal);
  const charset = glyphs.length > 1 ? new Uint8Array([2, 0, 1, ((glyphs.length - 2) >> 8) & 0xff, (glyphs.length - 2) & 0xff]) : new Uint8Array([0]);
  const fdSelect = new Uint8Array([0, ...fdOfGlyph]);
  const charStrings = indexBytes(glyphs.map((gid) => cff.charString(gid)));
  // Private DICTs with their subroutines right after them (Subrs is relative to the Private DICT).
  const fds = [...fdIndex.keys()].map((fd) => cff.fontDicts[fd]!);
  const privates = fds.map((fd, k) => {
    const kept = fd.privateEntries.filter((e) => e.op !== OP.Subrs);
    const withSubrs = fd.subrs ? [...kept, { op: OP.Subrs, operands: int32(0) }] : kept;
    const size = dictBytes(withSubrs).length;
    const dict = dictBytes(fd.subrs ? [...kept, { op: OP.Subrs, operands: int32(size) }] : kept);
    return { dict, subrs: fd.subrs ? subrsBytes(b, fd.subrs, keepAll ? null : usedLocal[k]!) : new Uint8Array(0) };
  });

  // Offsets: the top DICT's are five-byte integers, so its size is known before they are.
  const topWith = (o: { charset: number; charStrings: number; fdArray: number; fdSelect: number }) =>
    indexBytes([dictBytes([...topParts, { op: OP.charset, operands: int32(o.charset) }, { op: OP.CharStrings, operands: int32(o.charStrings) }, { op: OP.FDArray, operands: int32(o.fdArray) }, { op: OP.FDSelect, operands: int32(o.fdSelect) }])]);
  const topSize = topWith({ charset: 0, charStrings: 0, fdArray: 0, fdSelect: 0 }).length;
  let at = header.length + nameIndex.length + topSize + stringIndex.length + globalSubrs.length;
  const charsetAt = at;
  at += charset.length;
  const fdSelectAt = at;
  at += fdSelect.length;
  const charStringsAt = at;
  at += charStrings.length;
  const fdArrayAt = at;
  const fontDictsWith = (privateAt: number[]) =>
    indexBytes(fds.map((fd, k) => dictBytes([...fd.entries.filter((e) => e.op !== OP.Private && e.op !== OP.FontName), { op: OP.Private, operands: [...int32(privates[k]!.dict.length), ...int32(privateAt[k]!)] }])));
  at += fontDictsWith(fds.map(() => 0)).length;
  const privateAt: number[] = [];
  for (const p of privates) {
    privateAt.push(at);
    at += p.dict.length + p.subrs.length;
  }

  return Buffer.concat([
    header,
    nameIndex,
    topWith({ charset: charsetAt, charStrings: charStringsAt, fdArray: fdArrayAt, fdSelect: fdSelectAt }),
    stringIndex,
    globalSubrs,
    charset,
    fdSelect,
    charStrings,
    fontDictsWith(privateAt),
    ...privates.flatMap((p) => [p.dict, p.subrs]),
  ]);
}

/**
 * pdfkit's subset object for a CID-keyed CFF font (it calls includeGlyph, reads `cff` to choose
 * FontFile3, and encode): glyph 0 first, then each glyph in the order it is first asked for.
 */
export class CidCffSubset {
  readonly glyphs: number[] = [];
  private readonly mapping = new Map<number, number>();

  constructor(readonly cff: CidCff) {
    this.includeGlyph(0);
  }

  includeGlyph(glyph: number | { id: number }): number {
    const gid = typeof glyph === 'number' ? glyph : glyph.id;
    let id = this.mapping.get(gid);
    if (id === undefined) {
      id = this.glyphs.length;
      this.glyphs.push(gid);
      this.mapping.set(gid, id);
    }
    return id;
  }

  encode(): Uint8Array {
    return encodeCidSubset(this.cff, this.glyphs);
  }
}

const PATCHED = Symbol('cidCffSubset');

/**
 * Makes `font.createSubset()` give a CidCffSubset when the font's CFF table is CID-keyed (Noto Sans
 * CJK); any other font keeps fontkit's subset. Before pdfkit first uses the font: its EmbeddedFont
 * asks for the subset when it is made.
 */
export function useCidCffSubset(font: { directory: { tables: Record<string, { offset: number } | undefined> }; stream: { buffer: Uint8Array }; createSubset(): unknown }): void {
  const marked = font as typeof font & { [PATCHED]?: true };
  if (marked[PATCHED]) return;
  marked[PATCHED] = true;
  const table = font.directory.tables['CFF '];
  if (!table) return;
  const cff = CidCff.open(font.stream.buffer, table.offset);
  if (!cff) return;
  font.createSubset = () => new CidCffSubset(cff);
}
