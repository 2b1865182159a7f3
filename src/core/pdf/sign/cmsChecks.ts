import { X509Certificate, verify as cryptoVerify } from 'node:crypto';
import type { CertificateInfo } from './certificate';
import type { ParsedSignerInfo } from './cms';
import { OID } from './der';

/**
 * Checks of a CMS SignerInfo shared by the PDF verifier and by detached signatures over other
 * documents (audit checkpoints), so that both trust the same certificates the same way.
 */

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
