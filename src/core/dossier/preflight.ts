import fs from 'node:fs';

/**
 * A structural PDF/A preflight (veraPDF is not available here, PDF.md "Not available here"): it reads
 * the file once as a stream and checks what DA/T 70's usability items need and what our writer
 * promises: the XMP identifies PDF/A-2, there is an output intent, every font descriptor carries its
 * font file, there is no encryption, JavaScript or NeedAppearances, and the file is complete.
 */
export interface PreflightResult {
  opens: boolean;
  pdfaPart: string | null;
  hasOutputIntent: boolean;
  fontDescriptors: number;
  embeddedFonts: number;
  encrypted: boolean;
  hasJavaScript: boolean;
  needsAppearances: boolean;
  pageCount: number;
  problems: string[];
}

const PATTERNS = {
  header: /%PDF-\d\.\d/g,
  eof: /%%EOF/g,
  encrypt: /\/Encrypt[\s/<]/g,
  javascript: /\/(JavaScript|JS)[\s/<(]/g,
  needAppearances: /\/NeedAppearances\s+true/g,
  outputIntent: /\/OutputIntents/g,
  fontDescriptor: /\/Type\s*\/FontDescriptor/g,
  fontFile: /\/FontFile[23]?[\s/]/g,
  page: /\/Type\s*\/Page(?![s\w])/g,
  pdfaPart: /pdfaid:part(?:>|\s*=\s*["'])(\d)/g,
} as const;
type Key = keyof typeof PATTERNS;
/** Longer than any match, so that a token split across two chunks is still found. */
const OVERLAP = 64;

export async function preflightPdf(file: string): Promise<PreflightResult> {
  const counts = Object.fromEntries(Object.keys(PATTERNS).map((k) => [k, 0])) as Record<Key, number>;
  let part: string | null = null;
  let carry = '';
  let size = 0;
  try {
    for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 })) {
      const text = carry + (chunk as Buffer).toString('latin1');
      size += (chunk as Buffer).length;
      for (const key of Object.keys(PATTERNS) as Key[]) {
        const re = new RegExp(PATTERNS[key].source, 'g');
        for (let m = re.exec(text); m; m = re.exec(text)) {
          // Count a match once: in the window where its last byte first appears.
          if (m.index + m[0].length > carry.length) {
            counts[key] += 1;
            if (key === 'pdfaPart') part ??= m[1]!;
          }
        }
      }
      carry = text.slice(-OVERLAP);
    }
  } catch (error) {
    return { opens: false, pdfaPart: null, hasOutputIntent: false, fontDescriptors: 0, embeddedFonts: 0, encrypted: false, hasJavaScript: false, needsAppearances: false, pageCount: 0, problems: [`文件无法读取：${(error as Error).message}`] };
  }
  const opens = size > 0 && counts.header > 0 && counts.eof > 0 && carry.trimEnd().endsWith('%%EOF');
  const r: PreflightResult = {
    opens,
    pdfaPart: part,
    hasOutputIntent: counts.outputIntent > 0,
    fontDescriptors: counts.fontDescriptor,
    embeddedFonts: counts.fontFile,
    encrypted: counts.encrypt > 0,
    hasJavaScript: counts.javascript > 0,
    needsAppearances: counts.needAppearances > 0,
    pageCount: counts.page,
    problems: [],
  };
  if (!opens) r.problems.push('文件不完整或不是 PDF');
  if (r.pdfaPart !== '2') r.problems.push('XMP 元数据未声明 PDF/A-2');
  if (!r.hasOutputIntent) r.problems.push('缺少输出意图（OutputIntent）');
  if (r.embeddedFonts < r.fontDescriptors) r.problems.push(`有 ${r.fontDescriptors - r.embeddedFonts} 个字体未嵌入`);
  if (r.encrypted) r.problems.push('文件已加密');
  if (r.hasJavaScript) r.problems.push('文件含 JavaScript');
  if (r.needsAppearances) r.problems.push('表单设置了 NeedAppearances');
  return r;
}
