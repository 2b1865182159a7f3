import type { Classification } from '../../../contract';
import { isStateSecret } from '../../../contract';
import { LABEL_MARGIN, type LabelSlot } from './layout';

export interface LabelContent {
  tag: string;
  classification: Classification;
  kind: string;
  department: string;
  unit: string;
  code128: Buffer;
  qr: Buffer;
}

type Doc = PDFKit.PDFDocument;

/**
 * One label (DB3206/T 1060 §6.1.3 b 标识): the 密级 boxed at the top, red for 涉密 levels so it cannot
 * be missed, the asset tag large beside the QR code, kind and department below, the unit, and the
 * Code 128 across the foot. Every text is the register's own.
 */
export function drawLabel(doc: Doc, slot: LabelSlot, c: LabelContent): void {
  const m = LABEL_MARGIN;
  const q = Math.min(slot.height * 0.52, slot.width * 0.36);
  const textWidth = slot.width - 3 * m - q;
  const x = slot.x + m;
  let y = slot.y + m;
  doc.save();
  doc.image(c.qr, slot.x + slot.width - m - q, slot.y + m, { width: q, height: q });

  const secret = isStateSecret(c.classification);
  const levelSize = fit(doc, c.classification, textWidth - 6, q * 0.24);
  // Noto Sans CJK's line box is about 1.45 em (ascender 1.16, descender 0.29): the box holds it whole.
  const levelBox = levelSize * 1.45 + 2;
  const color = secret ? '#c00000' : 'black';
  doc.lineWidth(secret ? 1.2 : 0.6).strokeColor(color).rect(x, y, Math.min(textWidth, doc.fontSize(levelSize).widthOfString(c.classification) + 8), levelBox).stroke();
  doc.fillColor(color).fontSize(levelSize).text(c.classification, x + 4, y + 1, { lineBreak: false });
  y += levelBox + 3;

  const tagSize = fit(doc, c.tag, textWidth, q * 0.22);
  doc.fillColor('black').lineWidth(0.25).strokeColor('black').fontSize(tagSize).text(c.tag, x, y, { lineBreak: false, fill: true, stroke: true });
  y += tagSize * 1.25;
  const small = Math.max(4.5, q * 0.11);
  for (const line of [c.kind, c.department]) {
    doc.fontSize(fit(doc, line, textWidth, small)).text(line, x, y, { lineBreak: false });
    y += small + 1.5;
  }

  const barTop = slot.y + m + q + 2;
  const unitSize = Math.max(4, small * 0.85);
  const barHeight = slot.y + slot.height - m - barTop - unitSize - 1.5;
  doc.image(c.code128, x, barTop, { width: slot.width - 2 * m, height: Math.max(barHeight, 6) });
  doc.fontSize(fit(doc, c.unit, slot.width - 2 * m, unitSize)).text(c.unit, x, barTop + Math.max(barHeight, 6) + 1, { width: slot.width - 2 * m, align: 'center', lineBreak: false });
  doc.restore();
}

/** The largest size up to `max` at which `text` fits `width` on one line. */
function fit(doc: Doc, text: string, width: number, max: number): number {
  let size = max;
  while (size > 4 && doc.fontSize(size).widthOfString(text) > width) size -= 0.25;
  return size;
}
