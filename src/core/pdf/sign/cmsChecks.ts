import { X509Certificate, createHash, verify as cryptoVerify } from 'node:crypto';
import { parseCertificate, type CertificateInfo } from './certificate';
import { essCertIdsV2, parseSignedData, type ParsedSignerInfo } from './cms';
import { contentOf, decodeOid, OID, readTlv } from './der';

/**
 * Checks of a detached CMS signature, shared by the PDF verifier and by detached signatures over
 * other documents (audit checkpoints), so that both check and trust the same way.
 */

export interface CmsCheck {
  /** Length of the DER; what follows it is the caller's to judge (a PDF's /Contents pads with zeros). */
  length: number;
  signer: CertificateInfo | null;
  isDigestValid: boolean;
  isSignatureValid: boolean;
  hasSigningCertificateV2: boolean;
  isSignerTrusted: boolean;
  /** Every reason it is not valid, in Chinese. */
  reasons: string[];
}

/**
 * One signer over `digest` (SHA-256 of the signed content, which `content` names in messages):
 * detached, digest, contentType, signature value, signing-certificate-v2, key usage, trust.
 */
export function checkDetachedCms(cmsDer: Buffer, digest: Buffer, trustedDer: readonly Buffer[], content = '文件内容'): CmsCheck {
  const result: CmsCheck = { length: 0, signer: null, isDigestValid: false, isSignatureValid: false, hasSigningCertificateV2: false, isSignerTrusted: false, reasons: [] };
  const reasons = result.reasons;
  let cms;
  try {
    cms = parseSignedData(cmsDer);
  } catch (error) {
    reasons.push(`签名数据无法解析：${(error as Error).message}`);
    return result;
  }
  result.length = cms.length;
  if (!cms.isDetached || cms.eContentType !== OID.data) reasons.push(`签名不是对${content}的分离式签名（detached）。`);
  if (cms.signerInfos.length !== 1) {
    reasons.push(`签名包含 ${cms.signerInfos.length} 个签名者，应恰好为 1 个。`);
    if (!cms.signerInfos.length) return result;
  }
  const info = cms.signerInfos[0]!;
  const certificates = cms.certificatesDer.flatMap((der) => {
    try {
      return [parseCertificate(der)];
    } catch {
      return [];
    }
  });
  const signer = certificates.find((c) => c.issuerDer.equals(info.issuerDer) && c.serialDer.equals(info.serialDer));
  if (!signer) {
    reasons.push('签名中找不到签名者证书（颁发者和序列号不匹配）。');
    return result;
  }
  result.signer = signer;

  if (info.digestAlgorithm !== OID.sha256) reasons.push(`签名使用了不受支持的摘要算法（${info.digestAlgorithm}），应为 SHA-256。`);
  const contentType = info.attributes.get(OID.contentType);
  if (contentType?.length !== 1 || decodeOid(contentOf(contentType[0]!, readTlv(contentType[0]!, 0))) !== OID.data) {
    reasons.push('签名属性 contentType 缺失或不正确。');
  }
  const messageDigest = info.attributes.get(OID.messageDigest);
  result.isDigestValid = messageDigest?.length === 1 && contentOf(messageDigest[0]!, readTlv(messageDigest[0]!, 0)).equals(digest);
  if (!result.isDigestValid) reasons.push(`${content}已被修改：签名中的摘要与${content}不符。`);

  result.isSignatureValid = verifySignerInfo(info, signer);
  if (!result.isSignatureValid) reasons.push('签名值无法用签名者证书验证。');

  const signingCertificate = info.attributes.get(OID.signingCertificateV2);
  result.hasSigningCertificateV2 = signingCertificate?.length === 1;
  try {
    const first = signingCertificate?.length === 1 ? essCertIdsV2(signingCertificate[0]!)[0] : undefined;
    const expected = first && first.hashAlgorithm === OID.sha256 ? createHash('sha256').update(signer.der).digest() : null;
    if (!first || !expected || !first.certHash.equals(expected)) reasons.push('签名属性 signing-certificate-v2 缺失或与签名者证书不符。');
  } catch {
    reasons.push('签名属性 signing-certificate-v2 无法解析。');
  }

  // RFC 5280 §4.2.1.3: a certificate limited to other uses (e.g. keyEncipherment only) must not sign documents.
  if (signer.keyUsage && !signer.keyUsage.has(0) && !signer.keyUsage.has(1)) reasons.push('签名者证书的密钥用途不允许数字签名。');
  result.isSignerTrusted = chainsToTrusted(signer, certificates, trustedDer);
  if (!result.isSignerTrusted) reasons.push(`签名者证书（${signer.subject}）不是本单位受信任的签章证书。`);
  return result;
}

/** The signature value over the signed attributes, with the algorithm the certificate's key allows. */
export function verifySignerInfo(info: ParsedSignerInfo, signer: CertificateInfo): boolean {
  const rsa = info.signatureAlgorithm === OID.sha256WithRsa || info.signatureAlgorithm === OID.rsaEncryption;
  const ec = info.signatureAlgorithm === OID.ecdsaWithSha256;
  if (!(rsa && signer.keyType === 'rsa') && !(ec && signer.keyType === 'ec')) return false;
  try {
    return cryptoVerify('sha256', info.signedAttributesDer, signer.publicKey, info.signature);
  } catch {
    return false;
  }
}

/**
 * The signer is trusted if it is one of the unit's certificates (all of them, current and retired:
 * rotation must leave old signatures verifiable), or chains to one through certificates in the CMS.
 */
export function chainsToTrusted(signer: CertificateInfo, embedded: readonly CertificateInfo[], trustedDer: readonly Buffer[]): boolean {
  const trusted = trustedDer.map((der) => new X509Certificate(der));
  const trustedPrints = new Set(trusted.map((t) => t.fingerprint256));
  const pool = [...embedded.map((c) => c.x509), ...trusted];
  let current = signer.x509;
  for (let depth = 0; depth < 8; depth++) {
    if (trustedPrints.has(current.fingerprint256)) return true;
    const issuer = pool.find((candidate) => candidate.fingerprint256 !== current.fingerprint256 && candidate.ca && current.checkIssued(candidate) && current.verify(candidate.publicKey));
    if (!issuer) return false;
    current = issuer;
  }
  return false;
}
