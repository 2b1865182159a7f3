import { createPrivateKey, sign as cryptoSign, type KeyObject } from 'node:crypto';
import type Forge from 'node-forge';
import { parseCertificate } from './certificate';
import { forge } from './forge';

/**
 * Whatever holds the unit's key. `sign` receives the DER of the CMS signed attributes and returns
 * the signature made with SHA-256 and the certificate's key (RSA PKCS#1 v1.5, or ECDSA as DER), so
 * that a key in a token or in the OS can stand behind the same interface later.
 */
export interface PdfSigner {
  certificateDer: Buffer;
  /** Certificates between the signer and its root (a CA-issued .pfx); embedded in the CMS. */
  chainDer?: Buffer[];
  sign(data: Buffer): Buffer | Promise<Buffer>;
}

export type PrivateKeyInput = KeyObject | string | Buffer | Forge.pki.rsa.PrivateKey;

/** A signer over a key in memory: a KeyObject, PEM text, PKCS#8 DER or a node-forge RSA key. */
export function signerFromKey(certificateDer: Buffer, key: PrivateKeyInput, chainDer: Buffer[] = []): PdfSigner {
  const privateKey = toKeyObject(key);
  const certificate = parseCertificate(certificateDer);
  if (!certificate.x509.checkPrivateKey(privateKey)) {
    throw new Error(`私钥与证书（${certificate.subject}）不匹配，无法签章。`);
  }
  return {
    certificateDer,
    chainDer,
    sign: (data) => cryptoSign('sha256', data, privateKey),
  };
}

function toKeyObject(key: PrivateKeyInput): KeyObject {
  if (typeof key === 'string') return createPrivateKey(key);
  if (Buffer.isBuffer(key)) return createPrivateKey({ key, format: 'der', type: 'pkcs8' });
  if ('asymmetricKeyType' in key) return key as KeyObject;
  return createPrivateKey(forge().pki.privateKeyToPem(key as Forge.pki.rsa.PrivateKey));
}
