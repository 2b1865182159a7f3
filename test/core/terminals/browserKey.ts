import { webcrypto } from 'node:crypto';
import { TERMINAL_PROOF_CONTEXT } from '../../../src/contract';

/** A browser's terminal key as the web bridge makes it: WebCrypto ECDSA P-256, private half non-extractable. */
export async function browserKey() {
  const pair = await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
  const publicKey = Buffer.from(await webcrypto.subtle.exportKey('spki', pair.publicKey)).toString('base64');
  return {
    publicKey,
    async sign(origin: string, challenge: string): Promise<string> {
      const message = new TextEncoder().encode(`${TERMINAL_PROOF_CONTEXT}\n${origin}\n${challenge}`);
      return Buffer.from(await webcrypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, pair.privateKey, message)).toString('base64');
    },
  };
}
