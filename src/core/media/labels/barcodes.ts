import { lazyModule } from '../../lazyModule';

const loadBwip = lazyModule(() => import('bwip-js/node').then((m) => (m as unknown as { default?: typeof m }).default ?? m));

/**
 * Code 128 of the bare asset tag, what a hand scanner at the custodian's desk types into the search
 * field; quiet zones of ten modules (ISO/IEC 15417 §4.4.2) so that any reader finds the edges.
 */
export async function code128Png(tag: string): Promise<Buffer> {
  const bwip = await loadBwip();
  return bwip.toBuffer({ bcid: 'code128', text: tag, scale: 3, height: 10, includetext: false, backgroundcolor: 'FFFFFF', paddingwidth: 10, paddingheight: 2 });
}

/** What the QR code carries: the tag and the unit's 全宗号, in ASCII so every phone reader decodes it alike. */
export function qrPayload(tag: string, fondsNumber: string): string {
  return `DOSSIER-MEDIUM;TAG=${tag};FONDS=${fondsNumber}`;
}

/** Error correction left at BWIPP's default for QR, level M (ISO/IEC 18004 §7.5.1: ~15 % of codewords restorable), enough for a scuffed label. */
export async function qrPng(text: string): Promise<Buffer> {
  const bwip = await loadBwip();
  return bwip.toBuffer({ bcid: 'qrcode', text, scale: 4, backgroundcolor: 'FFFFFF', paddingwidth: 4, paddingheight: 4 });
}
