import type { Classification, MediumKind } from '../../../contract';

export const IDENTITY_FORMAT = 'dossier-medium-identity/1' as const;

/** What the unit signs about a medium (DB3206/T 1060 §6.1.3 e): enough to tell it from any other. */
export interface IdentityRecord {
  format: typeof IDENTITY_FORMAT;
  tag: string;
  kind: MediumKind;
  classification: Classification;
  serial: string;
  capacityBytes: number | null;
  unit: string;
  /** Random per writing and kept in the register: an older or copied record carries another. */
  nonce: string;
  writtenAt: string;
  writtenBy: string;
}

/**
 * The frame on the medium, the same whether it is the file on a mounted medium or the trailer of a
 * disk image or block device (decision 0015): 16-byte magic, JSON length and signature length as
 * unsigned 32-bit big-endian, the JSON (UTF-8), the detached CMS signature (DER) over exactly those
 * JSON bytes. A trailer is zero-padded to IDENTITY_TRAILER_BYTES.
 */
export const IDENTITY_MAGIC = Buffer.from('DOSSIER-MEDIUMID', 'latin1');
const HEADER_BYTES = IDENTITY_MAGIC.length + 8;

/** The medium's last 64 KiB hold the record, so reading it needs no file system. */
export const IDENTITY_TRAILER_BYTES = 65536;

export function encodeFrame(json: Buffer, signature: Buffer): Buffer {
  const header = Buffer.alloc(HEADER_BYTES);
  IDENTITY_MAGIC.copy(header, 0);
  header.writeUInt32BE(json.length, IDENTITY_MAGIC.length);
  header.writeUInt32BE(signature.length, IDENTITY_MAGIC.length + 4);
  const frame = Buffer.concat([header, json, signature]);
  if (frame.length > IDENTITY_TRAILER_BYTES) throw new Error(`身份记录过大（${frame.length} 字节），超出 ${IDENTITY_TRAILER_BYTES} 字节的保留区。`);
  return frame;
}

export type DecodedFrame = { kind: 'none' } | { kind: 'damaged'; reason: string } | { kind: 'frame'; json: Buffer; signature: Buffer };

/** `none` when the bytes do not start with the magic (a blank or foreign medium); `damaged` when they do but do not hold together. */
export function decodeFrame(bytes: Buffer): DecodedFrame {
  if (bytes.length < HEADER_BYTES || !bytes.subarray(0, IDENTITY_MAGIC.length).equals(IDENTITY_MAGIC)) return { kind: 'none' };
  const jsonLength = bytes.readUInt32BE(IDENTITY_MAGIC.length);
  const signatureLength = bytes.readUInt32BE(IDENTITY_MAGIC.length + 4);
  const end = HEADER_BYTES + jsonLength + signatureLength;
  if (end > bytes.length || end > IDENTITY_TRAILER_BYTES) return { kind: 'damaged', reason: '身份记录的长度字段超出记录区。' };
  if (bytes.subarray(end).some((b) => b !== 0)) return { kind: 'damaged', reason: '身份记录之后有多余数据。' };
  return { kind: 'frame', json: bytes.subarray(HEADER_BYTES, HEADER_BYTES + jsonLength), signature: bytes.subarray(HEADER_BYTES + jsonLength, end) };
}

/** The record's fields, or null when the JSON is not a record of this format. */
export function parseRecord(json: Buffer): IdentityRecord | null {
  let value: unknown;
  try {
    value = JSON.parse(json.toString('utf8'));
  } catch {
    return null;
  }
  const r = value as Partial<IdentityRecord> | null;
  if (!r || typeof r !== 'object' || r.format !== IDENTITY_FORMAT) return null;
  if (typeof r.tag !== 'string' || typeof r.nonce !== 'string' || typeof r.unit !== 'string') return null;
  return r as IdentityRecord;
}
