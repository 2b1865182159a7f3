import { createHash } from 'node:crypto';
import { parseCertificate } from '../pdf/sign/certificate';
import { buildSignedData } from '../pdf/sign/cms';
import { checkDetachedCms } from '../pdf/sign/cmsChecks';
import type { PdfSigner } from '../pdf/sign/signer';

/**
 * A detached CMS signature over a small document that is not a PDF (an audit checkpoint, a
 * certificate's JSON), made with the unit's key and checked against the unit's certificates, so that
 * `openssl cms -verify -binary -content <file>` accepts it as well as we do. Same profile as the PDF
 * signatures (SHA-256, signing-certificate-v2; PDF.md "Signing").
 */
export async function signDetached(data: Buffer, signer: PdfSigner): Promise<Buffer> {
  return buildSignedData({
    signer: parseCertificate(signer.certificateDer),
    chainDer: signer.chainDer ?? [],
    messageDigest: createHash('sha256').update(data).digest(),
    sign: (attributes) => signer.sign(attributes),
  });
}

export interface DetachedVerification {
  isValid: boolean;
  signer: { subject: string; fingerprint: string } | null;
  /** Every reason it is not valid, in Chinese; empty when valid. */
  reasons: string[];
}

/** Checks a detached signature over `data`: digest, signature value, signing certificate, trust. */
export function verifyDetached(data: Buffer, cmsDer: Buffer, trustedDer: readonly Buffer[]): DetachedVerification {
  const check = checkDetachedCms(cmsDer, createHash('sha256').update(data).digest(), trustedDer, '内容');
  // Not inside a padded PDF field: nothing may follow the signature.
  if (check.length && check.length !== cmsDer.length) check.reasons.unshift('签名数据之后有多余字节。');
  return { isValid: check.reasons.length === 0, signer: check.signer ? { subject: check.signer.subject, fingerprint: check.signer.fingerprint } : null, reasons: check.reasons };
}
