/// <reference types="pdfkit" />
/**
 * The certification placeholder that pdfkit writes before the file is signed in place
 * (DB3206/T 1060 §6.2.2 d–e: a signed record must not change; PDF.md "Signing").
 *
 * The signature dictionary is written by hand as the very last object before the xref table, so
 * that signInPlace finds it by reading only the tail of a file of any size, and its placeholders
 * have fixed widths so that the real values go in without moving a byte.
 */

/** 32 KB of CMS: a 3072-bit RSA signature with its certificate needs ~2.5 KB; the rest is room for a
 * timestamp and revocation data later (PDF.md: PAdES B-T/LT cannot be tested here, reserve 16–32 KB). */
export const DEFAULT_CONTENTS_BYTES = 32 * 1024;
/** Ten characters for each of the three numbers the signer fills in: files up to 9 999 999 999 bytes. */
export const BYTE_RANGE_PLACEHOLDER = '/ByteRange [0 /********** /********** /**********]';
export const SIGNATURE_FIELD_NAME = 'UnitCertification';

export interface CertificationPlaceholderOptions {
  reason: string;
  location: string;
  /** Who signs: the unit's name. */
  name: string;
  signingTime: Date;
  contentsBytes?: number;
}

type Ref = { id: number; data: unknown; end(): void; toString(): string };
type Internals = {
  ref(data: unknown): Ref;
  page?: { dictionary: Ref; annotations: Ref[] };
  _root: { data: Record<string, unknown> };
  _acroform?: unknown;
  endAcroForm: () => unknown;
  end: () => unknown;
};

const PLACED = Symbol('dossier.certificationPlaceholder');

/**
 * Adds the certification signature's placeholder to a pdfkit document. Call it after the last page
 * and before doc.end() (the writer's beforeEnd hook). The widget goes on the current page, the
 * last one, because earlier pages have already been written out.
 */
export function addCertificationPlaceholder(doc: PDFKit.PDFDocument, options: CertificationPlaceholderOptions): void {
  const pdf = doc as unknown as Internals & { [PLACED]?: boolean };
  if (pdf[PLACED]) throw new Error('该文档已有签章占位，不能重复添加。');
  if (!pdf.page) throw new Error('文档还没有页面，无法添加签章占位。');
  // initForm() sets NeedAppearances, which PDF/A-2 forbids (PDF.md), and its endAcroForm would
  // write a second AcroForm; the certification brings its own.
  if (pdf._acroform || pdf._root.data.AcroForm) throw new Error('文档已初始化表单（NeedAppearances），不符合 PDF/A-2，无法添加签章占位。');
  const contentsBytes = options.contentsBytes ?? DEFAULT_CONTENTS_BYTES;
  if (!Number.isInteger(contentsBytes) || contentsBytes < 4096 || contentsBytes > 1 << 20) {
    throw new RangeError('contentsBytes must be an integer between 4096 and 1 MiB');
  }
  pdf[PLACED] = true;

  const signature = pdf.ref(new RawPdf(signatureDictionary(options, contentsBytes)));
  // One field that is its own widget: zero Rect (an invisible signature needs no appearance stream
  // under PDF/A-2 §6.3.3) and /F 4, Print, which PDF/A requires of every annotation.
  const widget = pdf.ref({
    Type: 'Annot',
    Subtype: 'Widget',
    FT: 'Sig',
    T: new String(SIGNATURE_FIELD_NAME),
    V: signature,
    F: 4,
    Rect: [0, 0, 0, 0],
    P: pdf.page.dictionary,
  });
  widget.end();
  pdf.page.annotations.push(widget);
  // SigFlags 3: SignaturesExist | AppendOnly. No NeedAppearances.
  const acroForm = pdf.ref({ Fields: [widget], SigFlags: 3 });
  pdf._root.data.AcroForm = acroForm;
  // DocMDP P=1 in the catalog as well as in the signature's /Reference: no change of any kind.
  pdf._root.data.Perms = { DocMDP: signature };

  pdf.endAcroForm = () => pdf;
  const end = pdf.end.bind(doc);
  // pdfkit writes the xref once every object it handed out has ended. Ending these two after its
  // own end() makes the signature dictionary the last object in the file, right before the xref.
  pdf.end = () => {
    end();
    acroForm.end();
    signature.end();
    return doc;
  };
}

function signatureDictionary(options: CertificationPlaceholderOptions, contentsBytes: number): string {
  return [
    '<<',
    '/Type /Sig',
    '/Filter /Adobe.PPKLite',
    '/SubFilter /ETSI.CAdES.detached',
    BYTE_RANGE_PLACEHOLDER,
    `/Contents <${'0'.repeat(contentsBytes * 2)}>`,
    `/M ${pdfDate(options.signingTime)}`,
    `/Name ${textString(options.name)}`,
    `/Reason ${textString(options.reason)}`,
    `/Location ${textString(options.location)}`,
    // No DigestLocation/Method/Value (PDF.md): deprecated, and the files verified without them.
    '/Reference [<< /Type /SigRef /TransformMethod /DocMDP /TransformParams << /Type /TransformParams /P 1 /V /1.2 >> >>]',
    '>>',
  ].join('\n');
}

/** A PDF text string as UTF-16BE with BOM, in hex: Chinese survives and nothing needs escaping. */
export function textString(text: string): string {
  const bytes = Buffer.from(text, 'utf16le').swap16();
  return `<FEFF${bytes.toString('hex').toUpperCase()}>`;
}

export function pdfDate(date: Date): string {
  const digits = date.toISOString().slice(0, 19).replace(/[-:T]/g, '');
  return `(D:${digits}Z)`;
}

/** An object pdfkit writes verbatim: its converter falls back to String() for unknown tags. */
class RawPdf {
  constructor(private readonly text: string) {}
  get [Symbol.toStringTag](): string {
    return 'RawPdf';
  }
  toString(): string {
    return this.text;
  }
}
