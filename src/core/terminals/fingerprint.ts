import { createHash, type KeyObject } from 'node:crypto';

/**
 * A terminal is known by the SHA-256 of its public key in SPKI DER (the same bytes `openssl pkey
 * -pubin -outform DER` gives), in upper-case hex, so anyone can recompute it from the key.
 */
export function fingerprintOf(spkiDer: Buffer): string {
  return createHash('sha256').update(spkiDer).digest('hex').toUpperCase();
}

export function spkiOf(publicKey: KeyObject): Buffer {
  return publicKey.export({ format: 'der', type: 'spki' });
}

/**
 * The id a terminal carries in the audit log and on screen: `T-` and the fingerprint's first 12 hex
 * digits (48 bits). It keeps the shape of the ids older installations made at random, and the full
 * fingerprint stays beside it in the register, which refuses a second key with the same prefix.
 */
export function terminalIdOf(fingerprint: string): string {
  return `T-${fingerprint.slice(0, 12).toUpperCase()}`;
}

export const TERMINAL_ID_PATTERN = /^T-[0-9A-F]{12}$/;
