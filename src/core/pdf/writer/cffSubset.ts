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
 * Adobe Technical Note #5176 (CFF), #5177 (Type 2 charstrings).
 */

type Bytes = Uint8Array;

interface Index {
  count: number;
  /** Absolute start of item i in the buffer; item i ends where item i + 1 starts. */
  start(i: number): number;
  end: number;
}

interface DictEntry {
  op: number;
  /** The operands' bytes, copied as they are. */
  raw: Bytes;
  /** The operands as numbers (reals as NaN: only integers are read here). */
  values: number[];
}

/** Two-byte operators are 1200 + the second byte. */
const OP = { version: 0, Notice: 1, FullName: 2, FamilyName: 3, Weight: 4, charset: 15, Encoding: 16, CharStrings: 17, Private: 18, Subrs: 19, Copyright: 1200, PostScript: 1221, BaseFontName: 1222, ROS: 1230, CIDCount: 1234, UIDBase: 1235, FDArray: 1236, FDSelect: 1237, FontName: 1238 } as const;
const SID_OPERATORS = new Set<number>([OP.version, OP.Notice, OP.FullName, OP.FamilyName, OP.Weight, OP.Copyright, OP.PostScript, OP.BaseFontName]);
/** Operators the subset writes itself (offsets, the CID system, names it drops as fontkit does). */
const TOP_REPLACED = new Set<number>([OP.ROS, OP.CIDCount, OP.UIDBase, OP.charset, OP.Encoding, OP.CharStrings, OP.Private, OP.FDArray, OP.FDSelect, OP.FontName, ...SID_OPERATORS]);
const STANDARD_STRINGS = 391;
const RETURN = new Uint8Array([11]);

function readIndex(b: Bytes, pos: number): Index {
  const count = (b[pos]! << 8) | b[pos + 1]!;
  if (count === 0) return { count, start: () => pos + 2, end: pos + 2 };
  const offSize = b[pos + 2]!;
  const offsetAt = (i: number) => {
    let v = 0;
    const p = pos + 3 + i * offSize;
    for (let k = 0; k < offSize; k++) v = v * 256 + b[p + k]!;
    return v;
  };
  const base = pos + 2 + (count + 1) * offSize;
  return { count, start: (i) => base + offsetAt(i), end: base + offsetAt(count) };
}

function readDict(b: Bytes, start: number, end: number): DictEntry[] {
  const entries: DictEntry[] = [];
  let operandsAt = start;
  let values: number[] = [];
  let p = start;
  while (p < end) {
    const b0 = b[p]!;
    if (b0 <= 21) {
      const op = b0 === 12 ? 1200 + b[p + 1]! : b0;
      entries.push({ op, raw: b.subarray(operandsAt, p), values });
      p += b0 === 12 ? 2 : 1;
      operandsAt = p;
      values = [];
    } else if (b0 === 28) {
      values.push(((b[p + 1]! << 24) >> 16) | b[p + 2]!);
      p += 3;
    } else if (b0 === 29) {
      values.push((b[p + 1]! << 24) | (b[p + 2]! << 16) | (b[p + 3]! << 8) | b[p + 4]!);
      p += 5;
    } else if (b0 === 30) {
      // A real: nibbles up to the one that is 0xf.
      p++;
      while (p < end && (b[p]! & 0x0f) !== 0x0f && (b[p]! & 0xf0) !== 0xf0) p++;
      p++;
      values.push(NaN);
    } else if (b0 >= 32 && b0 <= 246) {
      values.push(b0 - 139);
      p += 1;
    } else if (b0 >= 247 && b0 <= 250) {
      values.push((b0 - 247) * 256 + b[p + 1]! + 108);
      p += 2;
    } else if (b0 >= 251 && b0 <= 254) {
      values.push(-(b0 - 251) * 256 - b[p + 1]! - 108);
      p += 2;
    } else {
      throw new Error(`CFF DICT 中有无法识别的字节 ${b0}`);
    }
  }
  return entries;
}

const operand = (entries: DictEntry[], op: number): number[] | undefined => entries.find((e) => e.op === op)?.values;

/** A subroutine number's bias (Type 2 charstrings, 4.7). */
const bias = (count: number) => (count < 1240 ? 107 : count < 33900 ? 1131 : 32768);

interface FontDict {
  entries: DictEntry[];
  privateEntries: DictEntry[];
  subrs: Index | null;
}

/** The parts of a CID-keyed CFF table the subset needs, read lazily from the font file's bytes. */
export class CidCff {
  private readonly top: DictEntry[];
  private readonly strings: Index;
  readonly globalSubrs: Index;
  readonly charStrings: Index;
  readonly fontDicts: FontDict[];
  readonly name: Bytes;
  private readonly fdSelect: (gid: number) => number;

  /** Null when the table is not a CID-keyed CFF of one font (fontkit's own subset then takes it). */
  static open(b: Bytes, tableStart: number): CidCff | null {
    if (b[tableStart] !== 1) return null;
    const names = readIndex(b, tableStart + b[tableStart + 2]!);
    const tops = readIndex(b, names.end);
    if (names.count !== 1 || tops.count !== 1) return null;
    const top = readDict(b, tops.start(0), tops.end);
    if (!operand(top, OP.ROS) || !operand(top, OP.FDArray) || !operand(top, OP.FDSelect) || !operand(top, OP.CharStrings)) return null;
    return new CidCff(b, tableStart, names, top, readIndex(b, tops.end));
  }

  private constructor(
    private readonly b: Bytes,
    start: number,
    names: Index,
    top: DictEntry[],
    strings: Index,
  ) {
    this.name = b.subarray(names.start(0), names.end);
    this.top = top;
    this.strings = strings;
    this.globalSubrs = readIndex(b, strings.end);
    this.charStrings = readIndex(b, start + operand(top, OP.CharStrings)![0]!);
    const fds = readIndex(b, start + operand(top, OP.FDArray)![0]!);
    this.fontDicts = [];
    for (let i = 0; i < fds.count; i++) {
      const entries = readDict(b, fds.start(i), fds.start(i + 1));
      const [size, offset] = operand(entries, OP.Private) ?? [0, 0];
      const privateStart = start + offset!;
      const privateEntries = size ? readDict(b, privateStart, privateStart + size!) : [];
      const subrsAt = operand(privateEntries, OP.Subrs)?.[0];
      this.fontDicts.push({ entries, privateEntries, subrs: subrsAt === undefined ? null : readIndex(b, privateStart + subrsAt) });
    }
    this.fdSelect = readFdSelect(b, start + operand(top, OP.FDSelect)![0]!);
  }

  fdOf(gid: number): number {
    return this.fdSelect(gid);
  }

  charString(gid: number): Bytes {
    if (gid < 0 || gid >= this.charStrings.count) throw new Error(`字形 ${gid} 不在字体中。`);
    return this.b.subarray(this.charStrings.start(gid), this.charStrings.start(gid + 1));
  }

  /** The string of a SID: one of the 391 standard strings is kept as its number (null here). */
  customString(sid: number): Bytes | null {
    const i = sid - STANDARD_STRINGS;
    if (i < 0 || i >= this.strings.count) return null;
    return this.b.subarray(this.strings.start(i), this.strings.start(i + 1));
  }

  topEntries(): DictEntry[] {
    return this.top;
  }

  bytes(): Bytes {
    return this.b;
  }

  /**
   * Marks the subroutines a glyph calls, following its charstring as a Type 2 interpreter would
   * only as far as the stack, the stem count (for hintmask bytes) and the calls need. Returns false
   * when the charstring uses operators that could compute a subroutine number (arithmetic): then
   * every subroutine is kept.
   */
  markSubrs(gid: number, usedGlobal: Set<number>, usedLocal: Set<number>): boolean {
    const fd = this.fontDicts[this.fdOf(gid)];
    const local = fd?.subrs ?? null;
    const b = this.b;
    const stack: number[] = [];
    let nStems = 0;
    let haveWidth = false;
    const checkWidth = () => {
      if (!haveWidth) {
        stack.shift();
        haveWidth = true;
      }
    };
    const stems = () => {
      if (stack.length % 2 !== 0) checkWidth();
      nStems += stack.length >> 1;
      stack.length = 0;
    };
    let depth = 0;
    const run = (start: number, end: number): boolean => {
      if (++depth > 10) return false;
      let p = start;
      while (p < end) {
        const op = b[p++]!;
        if (op >= 32) {
          if (op <= 246) stack.push(op - 139);
          else if (op <= 250) stack.push((op - 247) * 256 + b[p++]! + 108);
          else if (op <= 254) stack.push(-(op - 251) * 256 - b[p++]! - 108);
          else {
            stack.push(((b[p]! << 24) | (b[p + 1]! << 16) | (b[p + 2]! << 8) | b[p + 3]!) / 65536);
            p += 4;
          }
          continue;
        }
        switch (op) {
          case 28:
            stack.push(((b[p]! << 24) >> 16) | b[p + 1]!);
            p += 2;
            break;
          case 1:
          case 3:
          case 18:
          case 23:
            stems();
            break;
          case 19:
          case 20:
            stems();
            p += (nStems + 7) >> 3;
            break;
          case 21:
            if (stack.length > 2) checkWidth();
            stack.length = 0;
            break;
          case 4:
          case 22:
            if (stack.length > 1) checkWidth();
            stack.length = 0;
            break;
          case 14:
            if (stack.length > 0) checkWidth();
            stack.length = 0;
            break;
          case 10:
          case 29: {
            const subrs = op === 10 ? local : this.globalSubrs;
            if (!subrs || !stack.length) return false;
            const index = stack.pop()! + bias(subrs.count);
            if (!Number.isInteger(index) || index < 0 || index >= subrs.count) return false;
            (op === 10 ? usedLocal : usedGlobal).add(index);
            if (!run(subrs.start(index), subrs.start(index + 1))) return false;
            break;
          }
          case 11:
            depth--;
            return true;
          case 12: {
            const op2 = b[p++]!;
            // flex, hflex, hflex1, flex1 draw; anything else (and, add, get, put, …) computes.
            if (op2 !== 34 && op2 !== 35 && op2 !== 36 && op2 !== 37) return false;
            stack.length = 0;
            break;
          }
          case 5:
          case 6:
          case 7:
          case 8:
          case 24:
          case 25:
          case 26:
          case 27:
          case 30:
          case 31:
            stack.length = 0;
            break;
          default:
            return false;
        }
      }
      depth--;
      return true;
    };
    return run(this.charStrings.start(gid), this.charStrings.start(gid + 1));
  }
}

function readFdSelect(b: Bytes, pos: number): (gid: number) => number {
  const format = b[pos];
  if (format === 0) return (gid) => b[pos + 1 + gid]!;
  if (format === 3) {
    const nRanges = (b[pos + 1]! << 8) | b[pos + 2]!;
    const firsts: number[] = [];
    const fds: number[] = [];
    for (let i = 0; i < nRanges; i++) {
      const at = pos + 3 + i * 3;
      firsts.push((b[at]! << 8) | b[at + 1]!);
      fds.push(b[at + 2]!);
    }
    return (gid) => {
      let low = 0;
      let high = nRanges - 1;
      while (low < high) {
        const mid = (low + high + 1) >> 1;
        if (firsts[mid]! <= gid) low = mid;
        else high = mid - 1;
      }
      return fds[low]!;
    };
  }
  throw new Error(`不支持的 FDSelect 格式 ${format}`);
}

// ---- writing ----

class Writer {
  private chunks: Bytes[] = [];
  length = 0;
  bytes(b: Bytes | number[]): void {
    const u = b instanceof Uint8Array ? b : Uint8Array.from(b);
    this.chunks.push(u);
    this.length += u.length;
  }
  concat(): Uint8Array {
    const out = new Uint8Array(this.length);
    let at = 0;
    for (const c of this.chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }
}

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
  const w = new Writer();
  for (const part of parts) {
    w.bytes('raw' in part ? part.raw : part.operands);
    w.bytes(operator(part.op));
  }
  return w.concat();
}

/** Keeps the subroutines in `used`, every other one a bare return: the index's length stays. */
function subrsBytes(b: Bytes, subrs: Index, used: Set<number> | null): Bytes {
  const items: Bytes[] = [];
  for (let i = 0; i < subrs.count; i++) items.push(!used || used.has(i) ? b.subarray(subrs.start(i), subrs.start(i + 1)) : RETURN);
  return indexBytes(items);
}

/** The CFF font program of `glyphs` (glyphs[0] is .notdef), as fontkit's CFFSubset lays it out. */
export function encodeCidSubset(cff: CidCff, glyphs: readonly number[]): Uint8Array {
  const b = cff.bytes();
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
  for (const entry of cff.topEntries()) {
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

  const out = new Writer();
  out.bytes(header);
  out.bytes(nameIndex);
  out.bytes(topWith({ charset: charsetAt, charStrings: charStringsAt, fdArray: fdArrayAt, fdSelect: fdSelectAt }));
  out.bytes(stringIndex);
  out.bytes(globalSubrs);
  out.bytes(charset);
  out.bytes(fdSelect);
  out.bytes(charStrings);
  out.bytes(fontDictsWith(privateAt));
  for (const p of privates) {
    out.bytes(p.dict);
    out.bytes(p.subrs);
  }
  return out.concat();
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
