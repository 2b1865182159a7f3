import { PDFName, type PDFContext, type PDFDocument, type PDFObject, type PDFRawStream } from 'pdf-lib';
import { printedAppearances } from './annotations';
import { activeContentIn } from './activeContent';
import { contentStreamsOf, decodeStream } from './contentStreams';
import { isDeviceCmykName, nestedContentStreams, streamUsesDeviceCmyk } from './deviceCmyk';
import { fontsIn, unembeddedFontName } from './fontEmbedding';
import { firstLine, loadSource, SourceUnreadable, type LoadedSource, type SourcePage } from './loadSource';
import { walkGraph } from './walk';

export interface BornDigitalPageInfo {
  /** Size as shown (CropBox, after /Rotate), in points. */
  widthPt: number;
  heightPt: number;
  /** The source page's /Rotate, 0, 90, 180 or 270. */
  rotate: number;
}

export interface BornDigitalCheck {
  ok: boolean;
  pageCount: number;
  pages: BornDigitalPageInfo[];
  /** Chinese reasons, each naming the file and saying what to do; empty when ok. */
  problems: string[];
}

/**
 * Decides whether a PDF made on a computer may become a record as it is (issue 4 item 6; PDF.md
 * "Merging born-digital PDFs"): it must be readable, not encrypted (PDF/A-2 §6.1.3, DA/T 70),
 * without scripts, launch actions or attachments (ISO 19005-2 §6.6.1, §6.8), every font its pages
 * use must be embedded (§6.2.11.4), and it must not paint in DeviceCMYK, which our sRGB output intent
 * does not cover (§6.2.4.3; decision 0006 turns CMYK JPEGs into RGB for the same reason). A signed PDF is fine: its signature is simply not carried over.
 */
export async function checkBornDigitalPdf(file: string, name?: string): Promise<BornDigitalCheck> {
  let source: LoadedSource;
  try {
    source = await loadSource(file, name);
  } catch (error) {
    if (error instanceof SourceUnreadable) return { ok: false, pageCount: 0, pages: [], problems: [error.message] };
    throw error;
  }
  return inspectSource(source);
}

export function inspectSource(source: LoadedSource): BornDigitalCheck {
  const pages = source.pages.map((p) => ({ widthPt: p.widthPt, heightPt: p.heightPt, rotate: p.rotate ?? 0 }));
  const problems = findProblems(source);
  return { ok: problems.length === 0, pageCount: pages.length, pages, problems };
}

function findProblems({ doc, name, pages }: LoadedSource): string[] {
  const { context } = doc;
  if (context.trailerInfo.Encrypt) {
    // Nothing further can be read: strings and streams are ciphertext.
    return [`「${name}」已加密（设有密码或权限限制）。归档文件不得加密；请用原软件另存为未加密的 PDF 后再导入。`];
  }
  const problems = new Set<string>();
  const missing = new Set<string>();
  const active = new Set<string>();
  walkGraph(context, [context.trailerInfo.Root], {
    onDict: (dict) => activeContentIn(context, dict).forEach((reason) => active.add(reason)),
    onMissing: (ref) => missing.add(ref.toString()),
  });
  for (const reason of active) problems.add(`「${name}」${reason}，不能作为归档文件。请用原软件去除后另存为 PDF，或打印后按扫描件导入。`);

  const unembedded = new Set<string>();
  let cmyk = false;
  pages.forEach((page, index) => {
    const contentStreams: PDFRawStream[] = [];
    walkGraph(context, pageContentRoots(context, page), {
      stayInContent: true,
      onDict: (dict, stream) => {
        for (const font of fontsIn(context, dict)) {
          const fontName = unembeddedFontName(context, font);
          if (fontName) unembedded.add(fontName);
        }
        contentStreams.push(...nestedContentStreams(context, dict, stream));
      },
      // An ICC profile's /Alternate is for readers without colour management; the ICC space is
      // what PDF/A judges (ISO 19005-2 §6.2.4.2), so only other uses of DeviceCMYK count.
      onName: (value, key) => (cmyk ||= key !== 'Alternate' && isDeviceCmykName(value)),
      onMissing: (ref) => missing.add(ref.toString()),
    });
    const pageProblem = contentProblem(doc, page, index, name);
    if (pageProblem) problems.add(pageProblem);
    else if (!cmyk) cmyk = [...contentStreamsOf(context, page.leaf), ...contentStreams].some(streamUsesDeviceCmyk);
  });
  if (cmyk) {
    problems.add(`「${name}」使用了 CMYK 印刷色（DeviceCMYK），与归档 PDF/A 文件的 sRGB 色彩不符。请在原软件导出时选择 RGB 颜色（或导出为 PDF/A），再导入。`);
  }
  if (unembedded.size) {
    problems.add(`「${name}」使用了未嵌入的字体：${[...unembedded].join('、')}。归档文件必须嵌入全部字体；请在原软件导出 PDF 时选择“嵌入字体”（或导出为 PDF/A），再导入。`);
  }
  if (missing.size) {
    problems.add(`「${name}」已损坏：缺少 ${missing.size} 个被引用的对象（${[...missing].slice(0, 5).join('，')}）。请重新导出该文件。`);
  }
  return [...problems];
}

/** What the copier takes from a page: its (inherited) resources, its content, printed annotations. */
export function pageContentRoots(context: PDFContext, page: SourcePage): PDFObject[] {
  const roots = [page.leaf.getInheritableAttribute(PDFName.of('Resources')), page.leaf.get(PDFName.of('Contents'))];
  roots.push(...printedAppearances(context, page.leaf).map((a) => a.appearance));
  return roots.filter((value): value is PDFObject => value !== undefined);
}

function contentProblem(doc: PDFDocument, page: SourcePage, index: number, name: string): string | null {
  if (page.rotate === null) return `「${name}」第 ${index + 1} 页的旋转角度不是 90 度的整数倍，无法确定页面方向。请重新导出该文件。`;
  try {
    for (const stream of contentStreamsOf(doc.context, page.leaf)) decodeStream(stream);
    return null;
  } catch (error) {
    return `「${name}」第 ${index + 1} 页的内容无法读取（${firstLine(error)}），文件可能已损坏。请重新导出该文件。`;
  }
}
