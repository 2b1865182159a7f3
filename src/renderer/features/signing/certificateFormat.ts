/** Pure helpers of the 签章证书 card; tested in test/renderer/pdf.test.ts. */

export const CERTIFICATE_FILE_NAME = '单位签章证书.pem';

/** One cache entry for signing.status: the 签章证书 page and the unlock banner show the same state. */
export const SIGNING_STATUS_KEY = ['signing.status'] as const;

/** The base64 part of a `data:…;base64,` URL, as FileReader.readAsDataURL gives a chosen file. */
export function base64OfDataUrl(dataUrl: string): string {
  const comma = dataUrl.indexOf(',');
  return comma < 0 ? '' : dataUrl.slice(comma + 1);
}

/** A SHA-256 fingerprint shortened for a table cell: `AB:CD:EF:01…`, the full one in the tooltip. */
export function shortFingerprint(hex: string, bytes = 8): string {
  const clean = hex.replace(/[^0-9a-f]/gi, '').toUpperCase();
  const pairs = clean.slice(0, bytes * 2).match(/.{1,2}/g) ?? [];
  return `${pairs.join(':')}${clean.length > bytes * 2 ? '…' : ''}`;
}

export const PROTECTION_LABELS: Record<'passphrase' | 'os', string> = {
  os: '系统密钥库',
  passphrase: '口令',
};

/** Saved through the browser's download, so the renderer needs no file-system access. */
export function downloadText(fileName: string, text: string, type = 'application/x-pem-file'): void {
  const blob = new Blob([text], { type });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
