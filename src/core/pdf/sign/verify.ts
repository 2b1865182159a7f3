import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import { checkDetachedCms } from './cmsChecks';
import { hashRange, readAt } from './fileIo';
import { decodeTextString, isDict, isRef, isString, nameOf, parsePdfDate, type PdfDict, type PdfRef, type PdfValue } from './pdfSyntax';
import { readObject, readStructure, resolve, type PdfStructure } from './pdfStructure';

/**
 * Verifies a certified record (issue 3 item 6; DB3206/T 1060 §6.2.2 d: a signed record must not
 * change). pdfsig alone is not enough: it called a file with an appended incremental update
 * "Signature is Valid" (PDF.md), so this checks that the signature covers the whole file, that
 * there is one revision and one signature, and that the signer is one of the unit's certificates.
 */
export interface VerifyResult {
  /** 'unreadable': missing, unreadable or not a PDF at all (the CLI exits 2). */
  status: 'valid' | 'invalid' | 'unreadable';
  isValid: boolean;
  /** Why not valid, in Chinese; empty when valid. */
  reasons: string[];
  signer: { subject: string; issuer: string; fingerprint: string; notBefore: string; notAfter: string } | null;
  isSignerTrusted: boolean;
  /** The signature dictionary's /M, ISO 8601. */
  signedAt: string | null;
  reason: string | null;
  location: string | null;
  subFilter: string | null;
  byteRange: number[] | null;
  coversWholeFile: boolean;
  isDigestValid: boolean;
  isSignatureValid: boolean;
  hasSigningCertificateV2: boolean;
  hasDocMdpP1: boolean;
  /** Signature dictionaries seen in the bytes (/ByteRange keys). */
  signatureCount: number;
  /** `startxref` keywords seen in the bytes: 1 for a file nobody appended to. */
  revisionCount: number;
  bytes: number;
  /** SHA-256 of the whole file as read, lowercase hex (what fixity compares). */
  fileSha256: string | null;
}

export const TRUNCATED = '文件不完整（可能被截断）';

const BYTE_RANGE = Buffer.from('/ByteRange', 'latin1');
const STARTXREF = Buffer.from('startxref', 'latin1');
/** /Contents larger than this is not a signature this system made or can check sensibly. */
const MAX_CONTENTS_BYTES = 8 << 20;

export async function verifyCertifiedPdf(filePath: string, trustedCertificatesDer: Buffer[]): Promise<VerifyResult> {
  const result: VerifyResult = {
    status: 'invalid',
    isValid: false,
    reasons: [],
    signer: null,
    isSignerTrusted: false,
    signedAt: null,
    reason: null,
    location: null,
    subFilter: null,
    byteRange: null,
    coversWholeFile: false,
    isDigestValid: false,
    isSignatureValid: false,
    hasSigningCertificateV2: false,
    hasDocMdpP1: false,
    signatureCount: 0,
    revisionCount: 0,
    bytes: 0,
    fileSha256: null,
  };
  const reasons = result.reasons;
  let fh: fs.FileHandle;
  try {
    fh = await fs.open(filePath, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return unreadable(result, code === 'ENOENT' ? '文件不存在。' : code === 'EACCES' || code === 'EPERM' ? '没有读取该文件的权限。' : code === 'EISDIR' ? '所选路径是文件夹，不是文件。' : `文件无法读取（${code ?? error}）。`);
  }
  try {
    const { size } = await fh.stat();
    result.bytes = size;
    if (size === 0) return unreadable(result, '文件为空（0 字节），不是 PDF 文件。');
    const head = await readAt(fh, 0, Math.min(size, 1024));
    if (!head.subarray(0, 5).equals(Buffer.from('%PDF-'))) return unreadable(result, '不是 PDF 文件（缺少 %PDF- 文件头）。');
    const last = (await readAt(fh, Math.max(0, size - 1024), Math.min(size, 1024))).toString('latin1');
    const endsWithEof = /%%EOF\s*$/.test(last);

    let structure: PdfStructure | null = null;
    try {
      structure = await readStructure(fh, size);
    } catch (error) {
      reasons.push(endsWithEof ? `文件结构无法解析：${(error as Error).message}。` : TRUNCATED);
    }

    const signature = structure ? await findCertification(fh, structure, result) : null;
    // The gap must be exactly the /Contents hex string, and the two ranges must be the whole file.
    let ranges: [number, number, number, number] | null = null;
    if (signature) {
      const br = signature.dict.entries.get('ByteRange');
      const contents = signature.dict.entries.get('Contents');
      if (Array.isArray(br) && br.length === 4 && br.every((n) => typeof n === 'number' && Number.isInteger(n) && n >= 0)) {
        ranges = br as [number, number, number, number];
        result.byteRange = [...ranges];
      } else if (Array.isArray(br) && br.some((n) => nameOf(n) === '**********')) {
        reasons.push('文件尚未签章：只有签章占位，签名未写入。');
      } else reasons.push('签名的 ByteRange 缺失或格式错误。');
      if (ranges) {
        const [a, b, c, d] = ranges;
        const contentsAt = isString(contents) && contents.isHex ? [signature.offset + contents.start, signature.offset + contents.end] : null;
        if (a !== 0 || b <= 0 || c < b) {
          reasons.push('签名的 ByteRange 不从文件开头开始或范围无效。');
          ranges = null;
        } else if (!contentsAt || contentsAt[0] !== b || contentsAt[1] !== c) {
          reasons.push('签名范围之间的空隙不是签名数据（/Contents），可能有未签名的内容。');
          ranges = null;
        } else if (c + d > size) {
          if (!reasons.includes(TRUNCATED)) reasons.push(TRUNCATED);
          ranges = null;
        } else if (c + d < size) {
          reasons.push(`签章之后文件末尾被追加了 ${size - c - d} 字节，签名未覆盖整个文件。`);
        } else {
          result.coversWholeFile = true;
        }
        if (c - b > MAX_CONTENTS_BYTES * 2 + 2) {
          reasons.push('签名数据过大，不是本系统生成的签名。');
          ranges = null;
        }
      }
    } else if (structure && !reasons.length) {
      reasons.push('文件没有认证签名。');
    }

    // One streaming pass: the digest of the signed ranges, the hash of the whole file, and a count
    // of signature dictionaries and revisions in the bytes themselves.
    const rangesHash = createHash('sha256');
    let fileHash = createHash('sha256');
    const counter = markerCounter([BYTE_RANGE, STARTXREF]);
    if (ranges) {
      const [, b, c, d] = ranges;
      // The bulk is hashed once: the whole-file hash forks from the ranges hash after the first
      // range (the second range is the short tail after the signature dictionary).
      await hashRange(fh, 0, b, [rangesHash], { onChunk: counter.feed });
      fileHash = rangesHash.copy();
      await hashRange(fh, b, c, [fileHash], { onChunk: counter.feed });
      await hashRange(fh, c, c + d, [rangesHash, fileHash], { onChunk: counter.feed });
      // Anything appended after the signed ranges counts toward the file hash and the markers only.
      await hashRange(fh, c + d, size, [fileHash], { onChunk: counter.feed });
    } else {
      await hashRange(fh, 0, size, [fileHash], { onChunk: counter.feed });
    }
    result.fileSha256 = fileHash.digest('hex');
    const [signatureCount = 0, revisionCount = 0] = counter.counts();
    result.signatureCount = signatureCount;
    result.revisionCount = revisionCount;
    if (result.signatureCount > 1) reasons.push(`文件包含 ${result.signatureCount} 个签名，归档文件只应有一个认证签名。`);
    if (result.revisionCount > 1 || (structure && structure.sectionCount > 1)) {
      reasons.push('文件在签章后被追加了修订（增量更新），内容可能已被更改。');
    }
    if (!endsWithEof && !reasons.includes(TRUNCATED) && result.coversWholeFile) reasons.push('文件结尾缺少 %%EOF 标记。');

    if (signature && ranges) {
      const contents = signature.dict.entries.get('Contents');
      const digest = rangesHash.digest();
      await checkCms(isString(contents) ? contents.bytes : Buffer.alloc(0), digest, trustedCertificatesDer, result);
    }
    if (signature && !result.hasDocMdpP1) reasons.push('缺少 DocMDP P=1 认证（签名引用与文档目录 /Perms 都须声明禁止任何修改）。');

    result.isValid = reasons.length === 0;
    result.status = result.isValid ? 'valid' : 'invalid';
    return result;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EISDIR') return unreadable(result, '所选路径是文件夹，不是文件。');
    reasons.push(`验证时出错：${(error as Error).message}`);
    result.status = 'invalid';
    return result;
  } finally {
    await fh.close();
  }
}

interface FoundSignature {
  ref: PdfRef;
  dict: PdfDict;
  /** File offset of the object, to which the parser's string offsets are relative. */
  offset: number;
}

/** The certification signature as a viewer finds it: catalog /Perms /DocMDP, else the signature field. */
async function findCertification(fh: fs.FileHandle, structure: PdfStructure, result: VerifyResult): Promise<FoundSignature | null> {
  const reasons = result.reasons;
  try {
    const catalog = await resolve(fh, structure, structure.trailer.entries.get('Root'));
    if (!isDict(catalog)) throw new Error('找不到文档目录（/Root）');
    const perms = await resolve(fh, structure, catalog.entries.get('Perms'));
    const docMdp = isDict(perms) ? perms.entries.get('DocMDP') : undefined;

    const fieldSignatures: PdfRef[] = [];
    const acroForm = await resolve(fh, structure, catalog.entries.get('AcroForm'));
    const fields = isDict(acroForm) ? await resolve(fh, structure, acroForm.entries.get('Fields')) : undefined;
    for (const field of Array.isArray(fields) ? fields.slice(0, 1000) : []) {
      const dict = await resolve(fh, structure, field);
      const value = isDict(dict) && nameOf(dict.entries.get('FT')) === 'Sig' ? dict.entries.get('V') : undefined;
      if (isRef(value)) fieldSignatures.push(value);
    }
    if (fieldSignatures.length > 1) reasons.push(`文件有 ${fieldSignatures.length} 个签名域已签名，归档文件只应有一个认证签名。`);

    const ref = isRef(docMdp) ? docMdp : fieldSignatures[0];
    if (!ref) return null;
    const { value, offset } = await readObject(fh, structure, ref);
    if (!isDict(value)) throw new Error('签名字典格式错误');
    const dict = value;
    result.subFilter = nameOf(dict.entries.get('SubFilter')) ?? null;
    result.reason = decodeTextString(dict.entries.get('Reason'));
    result.location = decodeTextString(dict.entries.get('Location'));
    result.signedAt = parsePdfDate(decodeTextString(dict.entries.get('M')))?.toISOString() ?? null;
    if (result.subFilter !== 'ETSI.CAdES.detached' && result.subFilter !== 'adbe.pkcs7.detached') {
      reasons.push(`签名类型（SubFilter ${result.subFilter ?? '缺失'}）不受支持，应为 ETSI.CAdES.detached。`);
    }
    const isCatalogP1 = isRef(docMdp) && docMdp.num === ref.num;
    result.hasDocMdpP1 = isCatalogP1 && (await referencesDocMdpP1(fh, structure, dict.entries.get('Reference')));
    return { ref, dict, offset };
  } catch (error) {
    reasons.push(`文件结构无法解析：${(error as Error).message}。`);
    return null;
  }
}

async function referencesDocMdpP1(fh: fs.FileHandle, structure: PdfStructure, reference: PdfValue | undefined): Promise<boolean> {
  const list = await resolve(fh, structure, reference);
  for (const item of Array.isArray(list) ? list : []) {
    const sigRef = await resolve(fh, structure, item);
    if (!isDict(sigRef) || nameOf(sigRef.entries.get('TransformMethod')) !== 'DocMDP') continue;
    const params = await resolve(fh, structure, sigRef.entries.get('TransformParams'));
    // §12.8.2.2: P defaults to 2, so only an explicit 1 forbids every change.
    if (isDict(params) && params.entries.get('P') === 1) return true;
  }
  return false;
}

async function checkCms(contents: Buffer, digest: Buffer, trustedDer: Buffer[], result: VerifyResult): Promise<void> {
  const check = checkDetachedCms(contents, digest, trustedDer);
  if (check.length && contents.subarray(check.length).some((byte) => byte !== 0)) check.reasons.unshift('签名数据之后有非零的多余字节。');
  result.reasons.push(...check.reasons);
  const { signer } = check;
  if (!signer) return;
  result.signer = { subject: signer.subject, issuer: signer.issuer, fingerprint: signer.fingerprint, notBefore: signer.notBefore.toISOString(), notAfter: signer.notAfter.toISOString() };
  result.isDigestValid = check.isDigestValid;
  result.isSignatureValid = check.isSignatureValid;
  result.hasSigningCertificateV2 = check.hasSigningCertificateV2;
  result.isSignerTrusted = check.isSignerTrusted;
  const reasons = result.reasons;
  const signedAt = result.signedAt ? new Date(result.signedAt) : null;
  if (!signedAt) reasons.push('签名缺少签章时间（/M）。');
  else if (signedAt < signer.notBefore || signedAt > signer.notAfter) reasons.push('签章时间不在签名者证书的有效期内。');
}

/** Counts byte markers as the file streams past, including those split across two chunks. */
function markerCounter(markers: Buffer[]) {
  const counts = markers.map(() => 0);
  const keep = Math.max(...markers.map((m) => m.length)) - 1;
  let carry = Buffer.alloc(0);
  const count = (haystack: Buffer, marker: Buffer, accept: (at: number) => boolean) => {
    let n = 0;
    for (let at = haystack.indexOf(marker); at >= 0; at = haystack.indexOf(marker, at + 1)) if (accept(at)) n++;
    return n;
  };
  return {
    feed: (chunk: Buffer) => {
      const seam = Buffer.concat([carry, chunk.subarray(0, keep)]);
      markers.forEach((marker, i) => {
        counts[i]! += count(chunk, marker, () => true);
        // In the seam, only matches that start in the carried bytes and end in this chunk are new.
        counts[i]! += count(seam, marker, (at) => at < carry.length && at + marker.length > carry.length);
      });
      carry = Buffer.from(chunk.length >= keep ? chunk.subarray(chunk.length - keep) : Buffer.concat([carry, chunk]).subarray(-keep));
    },
    counts: () => counts,
  };
}

function unreadable(result: VerifyResult, reason: string): VerifyResult {
  result.status = 'unreadable';
  result.isValid = false;
  result.reasons.push(reason);
  return result;
}
