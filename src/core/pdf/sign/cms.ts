import { createHash } from 'node:crypto';
import type { CertificateInfo } from './certificate';
import { bytesOf, children, contentOf, decodeOid, explicit, expectTag, integer, octetString, oid, OID, readTlv, sequence, setOf, tlv, type Tlv } from './der';

/**
 * CMS SignedData for PAdES (SubFilter ETSI.CAdES.detached): detached, SHA-256, signed attributes
 * contentType, messageDigest and signing-certificate-v2 (PDF.md "Signing"). No signing-time
 * attribute: PAdES takes the time from the signature dictionary's /M (ETSI EN 319 142-1 §5.3).
 */
export interface BuildSignedDataInput {
  signer: CertificateInfo;
  chainDer: Buffer[];
  /** SHA-256 of the signed byte ranges. */
  messageDigest: Buffer;
  sign(data: Buffer): Buffer | Promise<Buffer>;
}

const sha256Algorithm = (): Buffer => sequence(oid(OID.sha256));

export async function buildSignedData(input: BuildSignedDataInput): Promise<Buffer> {
  const { signer } = input;
  const attribute = (type: string, value: Buffer) => sequence(oid(type), setOf(value));
  // issuer and serial are the certificate's own bytes, never re-encoded (PDF.md: forge double-encoded
  // a Chinese issuer and openssl then found no signer).
  const issuerSerial = sequence(sequence(tlv(0xa4, signer.issuerDer)), signer.serialDer);
  // ESSCertIDv2.hashAlgorithm DEFAULT sha256 is omitted, as DER requires for a default value.
  const essCertIdV2 = sequence(octetString(createHash('sha256').update(signer.der).digest()), issuerSerial);
  const signedAttributes = setOf(
    attribute(OID.contentType, oid(OID.data)),
    attribute(OID.messageDigest, octetString(input.messageDigest)),
    attribute(OID.signingCertificateV2, sequence(sequence(essCertIdV2))),
  );
  // The signature covers the attributes encoded as a universal SET (RFC 5652 §5.4); inside the
  // SignerInfo the same bytes carry the [0] IMPLICIT tag.
  const signature = await input.sign(signedAttributes);
  const signatureAlgorithm = signer.keyType === 'rsa' ? sequence(oid(OID.sha256WithRsa), Buffer.from([0x05, 0x00])) : sequence(oid(OID.ecdsaWithSha256));
  const signerInfo = sequence(
    integer(1),
    sequence(signer.issuerDer, signer.serialDer),
    sha256Algorithm(),
    Buffer.concat([Buffer.from([0xa0]), signedAttributes.subarray(1)]),
    signatureAlgorithm,
    octetString(Buffer.from(signature)),
  );
  const certificates = [signer.der, ...input.chainDer].sort(Buffer.compare);
  const signedData = sequence(
    integer(1),
    setOf(sha256Algorithm()),
    sequence(oid(OID.data)),
    tlv(0xa0, ...certificates),
    setOf(signerInfo),
  );
  return sequence(oid(OID.signedData), explicit(0, signedData));
}

export interface ParsedSignerInfo {
  issuerDer: Buffer;
  serialDer: Buffer;
  digestAlgorithm: string;
  /** The signed attributes re-tagged as a universal SET: the bytes the signature covers. */
  signedAttributesDer: Buffer;
  /** Attribute type → the DER of each value in its SET. */
  attributes: Map<string, Buffer[]>;
  signatureAlgorithm: string;
  signature: Buffer;
}

export interface ParsedSignedData {
  /** Length of the DER; the rest of /Contents must be zero padding. */
  length: number;
  eContentType: string;
  isDetached: boolean;
  certificatesDer: Buffer[];
  signerInfos: ParsedSignerInfo[];
}

/** Reads a ContentInfo holding SignedData; throws (Chinese) on anything it cannot follow. */
export function parseSignedData(der: Buffer): ParsedSignedData {
  const contentInfo = expectTag(readTlv(der, 0), 0x30, 'ContentInfo');
  const [typeTlv, wrapped] = children(der, contentInfo);
  if (decodeOid(contentOf(der, expectTag(typeTlv, 0x06, 'contentType'))) !== OID.signedData) {
    throw new Error('签名数据不是 CMS SignedData。');
  }
  const signedData = expectTag(children(der, expectTag(wrapped, 0xa0, 'content'))[0], 0x30, 'SignedData');
  const parts = children(der, signedData);
  const encap = children(der, expectTag(parts[2], 0x30, 'encapContentInfo'));
  let index = 3;
  const certificatesDer: Buffer[] = [];
  if (parts[index]?.tag === 0xa0) {
    for (const cert of children(der, parts[index]!)) if (cert.tag === 0x30) certificatesDer.push(Buffer.from(bytesOf(der, cert)));
    index++;
  }
  if (parts[index]?.tag === 0xa1) index++; // crls
  const signerInfos = children(der, expectTag(parts[index], 0x31, 'signerInfos')).map((info) => parseSignerInfo(der, info));
  return {
    length: contentInfo.end,
    eContentType: decodeOid(contentOf(der, expectTag(encap[0], 0x06, 'eContentType'))),
    isDetached: encap.length === 1,
    certificatesDer,
    signerInfos,
  };
}

function parseSignerInfo(der: Buffer, info: Tlv): ParsedSignerInfo {
  const fields = children(der, expectTag(info, 0x30, 'SignerInfo'));
  const sid = expectTag(fields[1], 0x30, '签名者标识（须为 issuerAndSerialNumber）');
  const [issuer, serial] = children(der, sid);
  const algorithmOf = (tlvAlg: Tlv | undefined, what: string) => decodeOid(contentOf(der, expectTag(children(der, expectTag(tlvAlg, 0x30, what))[0], 0x06, what)));
  const signedAttributes = expectTag(fields[3], 0xa0, '签名属性');
  const attributes = new Map<string, Buffer[]>();
  for (const attribute of children(der, signedAttributes)) {
    const [type, values] = children(der, expectTag(attribute, 0x30, 'Attribute'));
    const key = decodeOid(contentOf(der, expectTag(type, 0x06, 'attrType')));
    const list = children(der, expectTag(values, 0x31, 'attrValues')).map((value) => Buffer.from(bytesOf(der, value)));
    attributes.set(key, [...(attributes.get(key) ?? []), ...list]);
  }
  const signedAttributesDer = Buffer.from(bytesOf(der, signedAttributes));
  signedAttributesDer[0] = 0x31;
  return {
    issuerDer: Buffer.from(bytesOf(der, expectTag(issuer, 0x30, 'issuer'))),
    serialDer: Buffer.from(bytesOf(der, expectTag(serial, 0x02, 'serialNumber'))),
    digestAlgorithm: algorithmOf(fields[2], 'digestAlgorithm'),
    signedAttributesDer,
    attributes,
    signatureAlgorithm: algorithmOf(fields[4], 'signatureAlgorithm'),
    signature: Buffer.from(contentOf(der, expectTag(fields[5], 0x04, 'signature'))),
  };
}

/** The certHash values of a signing-certificate-v2 attribute value, with their hash algorithm. */
export function essCertIdsV2(value: Buffer): { hashAlgorithm: string; certHash: Buffer }[] {
  const certs = expectTag(children(value, readTlv(value, 0))[0], 0x30, 'SigningCertificateV2.certs');
  return children(value, certs).map((id) => {
    const parts = children(value, expectTag(id, 0x30, 'ESSCertIDv2'));
    let hashAlgorithm: string = OID.sha256;
    let i = 0;
    if (parts[0]?.tag === 0x30) {
      hashAlgorithm = decodeOid(contentOf(value, expectTag(children(value, parts[0])[0], 0x06, 'hashAlgorithm')));
      i = 1;
    }
    return { hashAlgorithm, certHash: Buffer.from(contentOf(value, expectTag(parts[i], 0x04, 'certHash'))) };
  });
}
