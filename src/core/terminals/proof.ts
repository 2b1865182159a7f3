import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { TERMINAL_PROOF_CONTEXT } from '../../contract';
import { fingerprintOf } from './fingerprint';

/**
 * What a browser signs: a fixed context, the host's origin and the challenge, so a signature made
 * for this purpose on this host is good for nothing else.
 */
export function proofMessage(origin: string, challenge: string): Buffer {
  return Buffer.from(`${TERMINAL_PROOF_CONTEXT}\n${origin}\n${challenge}`, 'utf8');
}

export type PossessionResult = { ok: true; fingerprint: string; spki: Buffer } | { ok: false; reason: string };

/**
 * Checks that whoever sent `publicKey` (SPKI DER, base64) holds its private key: an ECDSA P-256
 * signature with SHA-256 over `message`, in the IEEE P1363 form WebCrypto produces (r ‖ s).
 */
export function verifyPossession(publicKey: string, signature: string, message: Buffer): PossessionResult {
  const spki = Buffer.from(publicKey, 'base64');
  let key: KeyObject;
  try {
    key = createPublicKey({ key: spki, format: 'der', type: 'spki' });
  } catch {
    return { ok: false, reason: '公钥无法识别' };
  }
  if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    return { ok: false, reason: '公钥应为 ECDSA P-256' };
  }
  const sig = Buffer.from(signature, 'base64');
  if (sig.length !== 64) return { ok: false, reason: '签名长度不正确' };
  if (!verify('sha256', message, { key, dsaEncoding: 'ieee-p1363' }, sig)) return { ok: false, reason: '签名与公钥不符' };
  // The fingerprint is over the key's canonical encoding, not whatever bytes the browser sent.
  const canonical = key.export({ format: 'der', type: 'spki' });
  return { ok: true, fingerprint: fingerprintOf(canonical), spki: canonical };
}
