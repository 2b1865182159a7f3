import { X509Certificate, createHash, type KeyObject } from 'node:crypto';
import { bytesOf, children, contentOf, decodeOid, expectTag, OID, readTlv, type Tlv } from './der';

/** What the signer and verifier need from a certificate, taken from its own DER bytes. */
export interface CertificateInfo {
  der: Buffer;
  /** The issuer Name exactly as encoded in the certificate (PDF.md: never re-encode it). */
  issuerDer: Buffer;
  /** The serialNumber INTEGER TLV exactly as encoded. */
  serialDer: Buffer;
  subject: string;
  issuer: string;
  notBefore: Date;
  notAfter: Date;
  /** SHA-256 of the DER, lowercase hex. */
  fingerprint: string;
  publicKey: KeyObject;
  keyType: 'rsa' | 'ec';
  /** keyUsage bits (0 digitalSignature, 1 nonRepudiation, 5 keyCertSign …); null when absent. */
  keyUsage: Set<number> | null;
  x509: X509Certificate;
}

export function parseCertificate(der: Buffer): CertificateInfo {
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(der);
  } catch (error) {
    throw new Error('证书无法解析：不是有效的 X.509 证书（DER 编码）。', { cause: error });
  }
  const cert = expectTag(readTlv(der, 0), 0x30, '证书');
  if (cert.end !== der.length) throw new Error('证书无法解析：证书数据后有多余字节。');
  const tbs = expectTag(children(der, cert)[0], 0x30, 'TBSCertificate');
  const fields = children(der, tbs);
  const offset = fields[0]?.tag === 0xa0 ? 1 : 0;
  const serial = expectTag(fields[offset], 0x02, 'serialNumber');
  const issuer = expectTag(fields[offset + 2], 0x30, 'issuer');
  const spki = expectTag(fields[offset + 5], 0x30, 'subjectPublicKeyInfo');
  const algorithm = expectTag(children(der, expectTag(children(der, spki)[0], 0x30, 'algorithm'))[0], 0x06, 'algorithm');
  const keyOid = decodeOid(contentOf(der, algorithm));
  if (keyOid !== OID.rsaEncryption && keyOid !== OID.ecPublicKey) {
    throw new Error(`证书的公钥算法（${keyOid}）不受支持，仅支持 RSA 和 ECDSA。`);
  }
  const keyType = keyOid === OID.rsaEncryption ? 'rsa' : 'ec';
  // SM2 (GM/T 0003) keys also say id-ecPublicKey; Node does not sign with them and PDF readers do
  // not verify them, so refuse them by name rather than fail later.
  if (keyType === 'ec' && x509.publicKey.asymmetricKeyType !== 'ec') {
    throw new Error('暂不支持国密 SM2 证书：常用 PDF 阅读器无法验证 SM2 签名。请使用 RSA 或 ECDSA (P-256) 证书。');
  }
  return {
    der,
    issuerDer: Buffer.from(bytesOf(der, issuer)),
    serialDer: Buffer.from(bytesOf(der, serial)),
    subject: formatName(x509.subject),
    issuer: formatName(x509.issuer),
    notBefore: new Date(x509.validFrom),
    notAfter: new Date(x509.validTo),
    fingerprint: sha256Hex(der),
    publicKey: x509.publicKey,
    keyType,
    keyUsage: readKeyUsage(der, fields),
    x509,
  };
}

function readKeyUsage(der: Buffer, tbsFields: Tlv[]): Set<number> | null {
  const wrapper = tbsFields.find((field) => field.tag === 0xa3);
  if (!wrapper) return null;
  for (const extension of children(der, expectTag(children(der, wrapper)[0], 0x30, 'extensions'))) {
    const parts = children(der, extension);
    if (decodeOid(contentOf(der, expectTag(parts[0], 0x06, 'extnID'))) !== OID.keyUsage) continue;
    const value = contentOf(der, expectTag(parts[parts.length - 1], 0x04, 'extnValue'));
    const bits = contentOf(value, expectTag(readTlv(value, 0), 0x03, 'keyUsage'));
    const set = new Set<number>();
    for (let i = 1; i < bits.length; i++) for (let b = 0; b < 8; b++) if (bits[i]! & (0x80 >> b)) set.add((i - 1) * 8 + b);
    return set;
  }
  return null;
}

/** Node prints one attribute a line; show them as one line, in certificate order (C=CN, O=…, CN=…). */
function formatName(name: string): string {
  return name.split('\n').filter(Boolean).join(', ');
}

export function sha256Hex(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function certificateToPem(der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}

/** Accepts PEM or DER; returns DER. */
export function certificateToDer(input: Buffer | string): Buffer {
  const text = typeof input === 'string' ? input : input.subarray(0, 64).toString('latin1');
  if (text.includes('-----BEGIN CERTIFICATE-----')) {
    const pem = typeof input === 'string' ? input : input.toString('latin1');
    const body = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/.exec(pem)?.[1];
    if (!body) throw new Error('证书文件格式不正确：PEM 缺少结束标记。');
    return Buffer.from(body.replace(/\s+/g, ''), 'base64');
  }
  if (typeof input === 'string') throw new Error('证书文件格式不正确：既不是 PEM 也不是 DER。');
  return input;
}
