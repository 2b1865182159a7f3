import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { preflightPdf } from '../../../src/core/dossier/preflight';
import { tempDir } from '../../helpers/core';

const dir = tempDir('preflight-');
/** A PDF-like text; the preflight is structural, so the tokens are what matter. */
function pdf(name: string, body: string): string {
  const file = path.join(dir, name);
  // Padding puts tokens across the 1 MiB chunk boundary too.
  fs.writeFileSync(file, `%PDF-1.7\n${'%'.repeat((1 << 20) - 20)}\n${body}\n%%EOF\n`, 'latin1');
  return file;
}
const GOOD = '<x:xmpmeta><pdfaid:part>2</pdfaid:part></x:xmpmeta> /OutputIntents [1 0 R] /Type /FontDescriptor /FontFile2 9 0 R /Type /Page /Type /Pages /Type /Page';

describe('PDF/A structural preflight (DA/T 70 usability)', () => {
  it('passes a file that declares PDF/A-2, has an output intent and embeds its fonts', async () => {
    const r = await preflightPdf(pdf('good.pdf', GOOD));
    expect(r).toMatchObject({ opens: true, pdfaPart: '2', hasOutputIntent: true, fontDescriptors: 1, embeddedFonts: 1, pageCount: 2, problems: [] });
  });

  it.each([
    ['encrypted', `${GOOD} /Encrypt 5 0 R`, '文件已加密'],
    ['javascript', `${GOOD} /JavaScript << >>`, '文件含 JavaScript'],
    ['font not embedded', `${GOOD} /Type /FontDescriptor /FontName /Helvetica`, '有 1 个字体未嵌入'],
    ['no output intent', GOOD.replace('/OutputIntents', ''), '缺少输出意图（OutputIntent）'],
    ['not PDF-A', GOOD.replace('<pdfaid:part>2', '<pdfaid:part>1'), 'XMP 元数据未声明 PDF/A-2'],
    ['need appearances', `${GOOD} /NeedAppearances true`, '表单设置了 NeedAppearances'],
  ])('finds %s', async (name, body, problem) => {
    expect((await preflightPdf(pdf(`${name}.pdf`, body))).problems).toContain(problem);
  });

  it('finds a truncated file', async () => {
    const file = pdf('cut.pdf', GOOD);
    fs.truncateSync(file, fs.statSync(file).size - 8);
    expect((await preflightPdf(file)).problems).toContain('文件不完整或不是 PDF');
  });
});
