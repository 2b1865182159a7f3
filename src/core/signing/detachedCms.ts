import { createHash } from 'node:crypto';
import { parseCertificate, type CertificateInfo } from '../pdf/sign/certificate';
import { buildSignedData, essCertIdsV2, parseSignedData, type ParsedSignerInfo } from '../pdf/sign/cms';
import { chainsToTrusted, verifySignerInfo } from '../pdf/sign/cmsChecks';
import { contentOf, decodeOid, OID, readTlv } from '../pdf/sign/der';
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
  const reasons: string[] = [];
  let cms;
  try {
    cms = parseSignedData(cmsDer);
  } catch (error) {
    return { isValid: false, signer: null, reasons: [`签名数据无法解析：${(error as Error).message}`] };
  }
  if (cms.length !== cmsDer.length) reasons.push('签名数据之后有多余字节。');
  if (!cms.isDetached || cms.eContentType !== OID.data) reasons.push('签名不是分离式签名（detached）。');
  if (cms.signerInfos.length !== 1) return { isValid: false, signer: null, reasons: [...reasons, `签名包含 ${cms.signerInfos.length} 个签名者，应恰好为 1 个。`] };
  const info = cms.signerInfos[0]!;
  const certificates = cms.certificatesDer.flatMap((der) => {
    try {
      return [parseCertificate(der)];
    } catch {
      return [];
    }
  });
  const signer = certificates.find((c) => c.issuerDer.equals(info.issuerDer) && c.serialDer.equals(info.serialDer));
  if (!signer) return { isValid: false, signer: null, reasons: [...reasons, '签名中找不到签名者证书（颁发者和序列号不匹配）。'] };

  if (info.digestAlgorithm !== OID.sha256) reasons.push(`签名使用了不受支持的摘要算法（${info.digestAlgorithm}），应为 SHA-256。`);
  const digest = info.attributes.get(OID.messageDigest);
  const expected = createHash('sha256').update(data).digest();
  if (digest?.length !== 1 || !contentOf(digest[0]!, readTlv(digest[0]!, 0)).equals(expected)) reasons.push('内容已被修改：签名中的摘要与内容不符。');
  const contentType = info.attributes.get(OID.contentType);
  if (contentType?.length !== 1 || decodeOid(contentOf(contentType[0]!, readTlv(contentType[0]!, 0))) !== OID.data) reasons.push('签名属性 contentType 缺失或不正确。');
  if (!verifySignerInfo(info, signer)) reasons.push('签名值无法用签名者证书验证。');
  if (!hasSigningCertificateV2(info, signer)) reasons.push('签名属性 signing-certificate-v2 缺失或与签名者证书不符。');
  if (!chainsToTrusted(signer, certificates, trustedDer)) reasons.push(`签名者证书（${signer.subject}）不是本单位受信任的签章证书。`);
  return { isValid: reasons.length === 0, signer: { subject: signer.subject, fingerprint: signer.fingerprint }, reasons };
}

function hasSigningCertificateV2(info: ParsedSignerInfo, signer: CertificateInfo): boolean {
  const values = info.attributes.get(OID.signingCertificateV2);
  if (values?.length !== 1) return false;
  try {
    const first = essCertIdsV2(values[0]!)[0];
    return Boolean(first && first.hashAlgorithm === OID.sha256 && first.certHash.equals(createHash('sha256').update(signer.der).digest()));
  } catch {
    return false;
  }
}
