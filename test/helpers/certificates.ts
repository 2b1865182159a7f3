import type { KeyObject } from 'node:crypto';
import forge from 'node-forge';

/** A self-signed certificate with the given organisation name (O and CN), made with node-forge: an "other unit" for forgery tests. */
export function selfSigned(organization: string, privateKey: KeyObject, publicKey: KeyObject): Buffer {
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString());
  cert.serialNumber = '01';
  cert.validity.notBefore = new Date('2020-01-01T00:00:00Z');
  cert.validity.notAfter = new Date('2040-01-01T00:00:00Z');
  const attrs = [{ shortName: 'O', value: forge.util.encodeUtf8(organization) }, { shortName: 'CN', value: forge.util.encodeUtf8(organization) }];
  cert.setSubject(attrs);
  cert.setIssuer(attrs);
  cert.sign(forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()), forge.md.sha256.create());
  return Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary');
}
