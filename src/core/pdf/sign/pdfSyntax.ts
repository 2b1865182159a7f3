/**
 * Just enough of PDF's object syntax (ISO 32000-1 §7.3) for the verifier to read the trailer, the
 * catalog, the AcroForm and the signature dictionary. Streams are never decoded: nothing the
 * certification depends on lives in one in the files pdfkit writes (no object or xref streams).
 */

export type PdfValue = null | boolean | number | PdfName | PdfString | PdfRef | PdfValue[] | PdfDict;
export interface PdfName {
  kind: 'name';
  name: string;
}
export interface PdfString {
  kind: 'string';
  bytes: Buffer;
  isHex: boolean;
  /** Offsets in the parsed buffer of the opening and just past the closing delimiter. */
  start: number;
  end: number;
}
export interface PdfRef {
  kind: 'ref';
  num: number;
  gen: number;
}
export interface PdfDict {
  kind: 'dict';
  entries: Map<string, PdfValue>;
}

/** The buffer ended inside an object: read a larger window and try again. */
export class PdfEndOfData extends Error {}
export class PdfSyntaxError extends Error {}

const WHITESPACE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const DELIMITERS = new Set([0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25]);

export class PdfParser {
  constructor(
    readonly buf: Buffer,
    public pos = 0,
  ) {}

  skipWhitespace(): void {
    const { buf } = this;
    while (this.pos < buf.length) {
      const c = buf[this.pos]!;
      if (WHITESPACE.has(c)) this.pos++;
      else if (c === 0x25) {
        while (this.pos < buf.length && buf[this.pos] !== 0x0a && buf[this.pos] !== 0x0d) this.pos++;
      } else break;
    }
  }

  /** A keyword or number as text, or '' at a delimiter. */
  private regular(): string {
    const start = this.pos;
    while (this.pos < this.buf.length && !WHITESPACE.has(this.buf[this.pos]!) && !DELIMITERS.has(this.buf[this.pos]!)) this.pos++;
    if (this.pos === this.buf.length) throw new PdfEndOfData('end of data in a token');
    return this.buf.toString('latin1', start, this.pos);
  }

  peekKeyword(keyword: string): boolean {
    this.skipWhitespace();
    const end = this.pos + keyword.length;
    return this.buf.toString('latin1', this.pos, end) === keyword && (end >= this.buf.length || WHITESPACE.has(this.buf[end]!) || DELIMITERS.has(this.buf[end]!));
  }

  expectKeyword(keyword: string): void {
    if (!this.peekKeyword(keyword)) throw this.error(`expected ${keyword}`);
    this.pos += keyword.length;
  }

  readInteger(): number {
    this.skipWhitespace();
    const text = this.regular();
    if (!/^\d+$/.test(text)) throw this.error('expected an integer');
    return Number(text);
  }

  /** `N G obj` followed by its value. */
  readIndirectObject(): { num: number; gen: number; value: PdfValue } {
    const num = this.readInteger();
    const gen = this.readInteger();
    this.expectKeyword('obj');
    return { num, gen, value: this.readValue() };
  }

  readValue(): PdfValue {
    this.skipWhitespace();
    const { buf } = this;
    if (this.pos >= buf.length) throw new PdfEndOfData('end of data before a value');
    const c = buf[this.pos]!;
    if (c === 0x2f) return this.readName();
    if (c === 0x28) return this.readLiteralString();
    if (c === 0x5b) {
      this.pos++;
      const items: PdfValue[] = [];
      for (;;) {
        this.skipWhitespace();
        if (this.pos >= buf.length) throw new PdfEndOfData('end of data in an array');
        if (buf[this.pos] === 0x5d) {
          this.pos++;
          return items;
        }
        items.push(this.readValue());
      }
    }
    if (c === 0x3c && buf[this.pos + 1] === 0x3c) {
      this.pos += 2;
      const entries = new Map<string, PdfValue>();
      for (;;) {
        this.skipWhitespace();
        if (this.pos + 1 >= buf.length) throw new PdfEndOfData('end of data in a dictionary');
        if (buf[this.pos] === 0x3e && buf[this.pos + 1] === 0x3e) {
          this.pos += 2;
          return { kind: 'dict', entries };
        }
        const key = this.readValue();
        if (!isName(key)) throw this.error('dictionary key is not a name');
        entries.set(key.name, this.readValue());
      }
    }
    if (c === 0x3c) return this.readHexString();
    const text = this.regular();
    if (text === 'true') return true;
    if (text === 'false') return false;
    if (text === 'null') return null;
    if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(text)) {
      // An integer may be the start of a reference `N G R`.
      if (/^\d+$/.test(text)) {
        const save = this.pos;
        try {
          this.skipWhitespace();
          const gen = this.regular();
          this.skipWhitespace();
          if (/^\d+$/.test(gen) && this.buf[this.pos] === 0x52 && (this.pos + 1 >= buf.length || WHITESPACE.has(buf[this.pos + 1]!) || DELIMITERS.has(buf[this.pos + 1]!))) {
            this.pos++;
            return { kind: 'ref', num: Number(text), gen: Number(gen) };
          }
        } catch (error) {
          if (!(error instanceof PdfEndOfData)) throw error;
        }
        this.pos = save;
      }
      return Number(text);
    }
    throw this.error(`unexpected token ${JSON.stringify(text.slice(0, 20))}`);
  }

  private readName(): PdfName {
    this.pos++;
    const raw = this.regular();
    return { kind: 'name', name: raw.replace(/#([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) };
  }

  private readHexString(): PdfString {
    const start = this.pos;
    const close = this.buf.indexOf(0x3e, start);
    if (close < 0) throw new PdfEndOfData('end of data in a hex string');
    const digits = this.buf.toString('latin1', start + 1, close).replace(/[\0\t\n\f\r ]/g, '');
    if (!/^[0-9a-fA-F]*$/.test(digits)) throw this.error('invalid hex string');
    this.pos = close + 1;
    return { kind: 'string', bytes: Buffer.from(digits.length % 2 ? `${digits}0` : digits, 'hex'), isHex: true, start, end: close + 1 };
  }

  private readLiteralString(): PdfString {
    const { buf } = this;
    const start = this.pos++;
    const out: number[] = [];
    let depth = 1;
    while (this.pos < buf.length) {
      const c = buf[this.pos++]!;
      if (c === 0x5c) {
        const n = buf[this.pos++];
        if (n === undefined) break;
        const simple: Record<number, number> = { 0x6e: 0x0a, 0x72: 0x0d, 0x74: 0x09, 0x62: 0x08, 0x66: 0x0c, 0x28: 0x28, 0x29: 0x29, 0x5c: 0x5c };
        if (n in simple) out.push(simple[n]!);
        else if (n >= 0x30 && n <= 0x37) {
          let value = n - 0x30;
          for (let i = 0; i < 2 && buf[this.pos]! >= 0x30 && buf[this.pos]! <= 0x37; i++) value = value * 8 + buf[this.pos++]! - 0x30;
          out.push(value & 0xff);
        } else if (n === 0x0d) {
          if (buf[this.pos] === 0x0a) this.pos++;
        } else if (n !== 0x0a) out.push(n);
      } else if (c === 0x28) {
        depth++;
        out.push(c);
      } else if (c === 0x29) {
        if (--depth === 0) return { kind: 'string', bytes: Buffer.from(out), isHex: false, start, end: this.pos };
        out.push(c);
      } else out.push(c);
    }
    throw new PdfEndOfData('end of data in a string');
  }

  private error(message: string): PdfSyntaxError {
    return new PdfSyntaxError(`${message} at offset ${this.pos}`);
  }
}

export const isName = (v: PdfValue | undefined): v is PdfName => typeof v === 'object' && v !== null && !Array.isArray(v) && v.kind === 'name';
export const isDict = (v: PdfValue | undefined): v is PdfDict => typeof v === 'object' && v !== null && !Array.isArray(v) && v.kind === 'dict';
export const isRef = (v: PdfValue | undefined): v is PdfRef => typeof v === 'object' && v !== null && !Array.isArray(v) && v.kind === 'ref';
export const isString = (v: PdfValue | undefined): v is PdfString => typeof v === 'object' && v !== null && !Array.isArray(v) && v.kind === 'string';
export const nameOf = (v: PdfValue | undefined): string | undefined => (isName(v) ? v.name : undefined);

/** A text string (§7.9.2.2): UTF-16BE with BOM, UTF-8 with BOM (PDF 2.0), else PDFDocEncoding ≈ Latin-1. */
export function decodeTextString(value: PdfValue | undefined): string | null {
  if (!isString(value)) return null;
  const { bytes } = value;
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return Buffer.from(bytes.subarray(2)).swap16().toString('utf16le');
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.subarray(3).toString('utf8');
  return bytes.toString('latin1');
}

/** A PDF date `D:YYYYMMDDHHmmSSOHH'mm'` (§7.9.4); missing parts take their defaults. */
export function parsePdfDate(text: string | null): Date | null {
  const m = text ? /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:([Zz+-])(?:(\d{2})'?(\d{2})?'?)?)?/.exec(text) : null;
  if (!m) return null;
  const utc = Date.UTC(+m[1]!, (m[2] ? +m[2] : 1) - 1, m[3] ? +m[3] : 1, m[4] ? +m[4] : 0, m[5] ? +m[5] : 0, m[6] ? +m[6] : 0);
  const sign = m[7] === '+' ? 1 : m[7] === '-' ? -1 : 0;
  const offset = sign * ((m[8] ? +m[8] : 0) * 60 + (m[9] ? +m[9] : 0)) * 60_000;
  return new Date(utc - offset);
}
