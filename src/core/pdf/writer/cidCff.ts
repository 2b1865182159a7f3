/**
 * Reading a CID-keyed CFF table (Noto Sans CJK) straight from the font file's bytes, for the subset
 * the writer embeds (cffSubset.ts, decision 0019): the INDEX and DICT structures, the Font DICTs with
 * their Private DICTs and local subroutines, FDSelect, and which subroutines a glyph's charstring
 * calls. Only what the subset needs is read; fontkit's CFF table is never decoded.
 *
 * Adobe Technical Note #5176 (CFF), #5177 (Type 2 charstrings).
 */

export type Bytes = Uint8Array;

export interface Index {
  count: number;
  /** Absolute start of item i in the buffer; item i ends where item i + 1 starts. */
  start(i: number): number;
  end: number;
}

export interface DictEntry {
  op: number;
  /** The operands' bytes, copied as they are. */
  raw: Bytes;
  /** The operands as numbers (reals as NaN: only integers are read here). */
  values: number[];
}

/** Two-byte operators are 1200 + the second byte. */
export const OP = { version: 0, Notice: 1, FullName: 2, FamilyName: 3, Weight: 4, charset: 15, Encoding: 16, CharStrings: 17, Private: 18, Subrs: 19, Copyright: 1200, PostScript: 1221, BaseFontName: 1222, ROS: 1230, CIDCount: 1234, UIDBase: 1235, FDArray: 1236, FDSelect: 1237, FontName: 1238 } as const;
/** Top DICT operators whose operand is a string's SID. */
export const SID_OPERATORS = new Set<number>([OP.version, OP.Notice, OP.FullName, OP.FamilyName, OP.Weight, OP.Copyright, OP.PostScript, OP.BaseFontName]);
/** SIDs below this are CFF's standard strings; the String INDEX holds the rest. */
export const STANDARD_STRINGS = 391;

export function readIndex(b: Bytes, pos: number): Index {
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

/** vmoveto, endchar, rmoveto, hmoveto: their operands without the optional width in front. */
const OPERANDS_BEFORE_WIDTH: Record<number, number> = { 4: 1, 14: 0, 21: 2, 22: 1 };

/** A subroutine number's bias (Type 2 charstrings, 4.7). */
const bias = (count: number) => (count < 1240 ? 107 : count < 33900 ? 1131 : 32768);

interface FontDict {
  entries: DictEntry[];
  privateEntries: DictEntry[];
  subrs: Index | null;
}

/** The parts of a CID-keyed CFF table the subset needs, read lazily from the font file's bytes. */
export class CidCff {
  readonly top: DictEntry[];
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
    /** The font file (or the CFF table alone), which every index and DICT here points into. */
    readonly bytes: Bytes,
    start: number,
    names: Index,
    top: DictEntry[],
    strings: Index,
  ) {
    const b = bytes;
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
    return this.bytes.subarray(this.charStrings.start(gid), this.charStrings.start(gid + 1));
  }

  /** The string of a SID: one of the 391 standard strings is kept as its number (null here). */
  customString(sid: number): Bytes | null {
    const i = sid - STANDARD_STRINGS;
    if (i < 0 || i >= this.strings.count) return null;
    return this.bytes.subarray(this.strings.start(i), this.strings.start(i + 1));
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
    const b = this.bytes;
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
          case 4:
          case 14:
          case 21:
          case 22:
            // Movetos and endchar: one operand more than they take is the glyph's width.
            if (stack.length > OPERANDS_BEFORE_WIDTH[op]!) checkWidth();
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
