import { PDFArray, PDFDict, PDFName, PDFNumber, PDFRawStream, PDFRef, type PDFContext, type PDFPageLeaf } from 'pdf-lib';
import { dictIn, lookupIn, nameIn } from './walk';

export type Matrix = [number, number, number, number, number, number];

/** An annotation's printed look: its normal appearance stream and where it goes on the page. */
export interface PrintedAppearance {
  appearance: PDFRef;
  /** Maps the appearance's form space (after its own /Matrix) onto the annotation's /Rect. */
  placement: Matrix;
}

const HIDDEN = 1 << 1;
const PRINT = 1 << 2;

/**
 * The annotations a printout of the page would show, so that they become part of the page's look
 * (decision 0009): a seal or signature drawn as a widget, a stamp, filled-in form fields. Printed
 * means /F has Print and not Hidden (ISO 32000-1 §12.5.3); the look is the normal appearance /AP /N,
 * picked by /AS when it has states (§12.5.5). Annotations without an appearance (links, a bare note)
 * print nothing and are dropped with the rest of the interactive layer.
 */
export function printedAppearances(context: PDFContext, leaf: PDFPageLeaf): PrintedAppearance[] {
  const annots = lookupIn(context, leaf, 'Annots');
  if (!(annots instanceof PDFArray)) return [];
  const found: PrintedAppearance[] = [];
  for (const item of annots.asArray()) {
    const annot = item instanceof PDFRef ? context.lookup(item) : item;
    if (!(annot instanceof PDFDict)) continue;
    const flagsValue = lookupIn(context, annot, 'F');
    const flags = flagsValue instanceof PDFNumber ? flagsValue.asNumber() : 0;
    if (flags & HIDDEN || !(flags & PRINT) || nameIn(context, annot, 'Subtype') === 'Popup') continue;
    const appearance = normalAppearance(context, annot);
    const rect = numbers(lookupIn(context, annot, 'Rect'), 4);
    if (!appearance || !rect) continue;
    const stream = context.lookup(appearance);
    if (!(stream instanceof PDFRawStream)) continue;
    const placement = placementOf(numbers(stream.dict.lookup(PDFName.of('BBox')), 4), numbers(stream.dict.lookup(PDFName.of('Matrix')), 6), rect);
    if (placement) found.push({ appearance, placement });
  }
  return found;
}

function normalAppearance(context: PDFContext, annot: PDFDict): PDFRef | undefined {
  const ap = dictIn(context, annot, 'AP');
  const normal = ap?.get(PDFName.of('N'));
  if (!(normal instanceof PDFRef)) return undefined;
  const target = context.lookup(normal);
  if (target instanceof PDFRawStream) return normal;
  if (!(target instanceof PDFDict)) return undefined;
  // A check box or radio button: one appearance per state, the current one named by /AS.
  const state = nameIn(context, annot, 'AS');
  const chosen = state ? target.get(PDFName.of(state)) : undefined;
  return chosen instanceof PDFRef ? chosen : undefined;
}

/**
 * §12.5.5, algorithm steps a–b: the appearance's BBox, transformed by its /Matrix, is mapped onto
 * /Rect by a scale and a translation. Null for an empty box or rectangle (an invisible signature
 * has a zero /Rect).
 */
export function placementOf(bbox: number[] | null, formMatrix: number[] | null, rect: number[]): Matrix | null {
  if (!bbox) return null;
  const [a, b, c, d, e, f] = formMatrix ?? [1, 0, 0, 1, 0, 0];
  const corners = [
    [bbox[0]!, bbox[1]!],
    [bbox[2]!, bbox[1]!],
    [bbox[0]!, bbox[3]!],
    [bbox[2]!, bbox[3]!],
  ].map(([x, y]) => [a! * x! + c! * y! + e!, b! * x! + d! * y! + f!] as const);
  const xs = corners.map((p) => p[0]);
  const ys = corners.map((p) => p[1]);
  const [tx0, tx1, ty0, ty1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const [rx0, rx1, ry0, ry1] = [Math.min(rect[0]!, rect[2]!), Math.max(rect[0]!, rect[2]!), Math.min(rect[1]!, rect[3]!), Math.max(rect[1]!, rect[3]!)];
  if (tx1 - tx0 <= 0 || ty1 - ty0 <= 0 || rx1 - rx0 <= 0 || ry1 - ry0 <= 0) return null;
  const sx = (rx1 - rx0) / (tx1 - tx0);
  const sy = (ry1 - ry0) / (ty1 - ty0);
  return [sx, 0, 0, sy, rx0 - sx * tx0, ry0 - sy * ty0];
}

function numbers(value: unknown, count: number): number[] | null {
  if (!(value instanceof PDFArray) || value.size() !== count) return null;
  const n = value.asArray().map((item) => (item instanceof PDFNumber ? item.asNumber() : NaN));
  return n.every(Number.isFinite) ? n : null;
}
