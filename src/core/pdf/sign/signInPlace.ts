import { verify as cryptoVerify } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { parseCertificate } from './certificate';
import { buildSignedData } from './cms';
import { findLast, readAt } from './fileIo';
import { BYTE_RANGE_PLACEHOLDER } from './placeholder';
import { hashOnThisThread, type RangeHasher } from './rangeHash';
import type { PdfSigner } from './signer';

export interface SignPdfResult {
  /** The signature dictionary's /M: the time the verifier will report. */
  signedAt: Date;
  signerSubject: string;
  signerFingerprint: string;
  /** SHA-256 of the signed file, lowercase hex: what the database records for fixity. */
  fileSha256: string;
  bytes: number;
  byteRange: [number, number, number, number];
  cmsBytes: number;
  contentsBytes: number;
}

export interface SignPdfOptions {
  /**
   * Make the file read-only once signed (DB3206/T 1060 §6.2.2 e). chmod 0444 also sets the
   * read-only attribute on Windows. Default true.
   */
  readOnly?: boolean;
  /**
   * The file was written without fsync (writeRecordPdf's `finish`): flush it on the thread pool while
   * the main thread hashes it, so the disk's write-back and SHA-256 overlap instead of following each
   * other. The final fsync after the patch then has only the patched pages left to write.
   */
  flushWhileHashing?: boolean;
  /**
   * Who hashes: by default this thread, reading the file once; the writer thread has hashed all but
   * the file's last objects while it wrote them (pdf/writer/writerThread.ts, decision 0018). The
   * signer closes it.
   */
  hasher?: RangeHasher;
}
const PLACEHOLDER = Buffer.from(BYTE_RANGE_PLACEHOLDER, 'latin1');

/**
 * Signs a PDF that carries addCertificationPlaceholder's placeholder, in place and by streaming
 * (PDF.md: @signpdf turned the whole file into a string and failed above ~512 MB; in place, 560 MB
 * took 1.4 s at 95 MB RSS). Nothing is written until the CMS is ready, then the ByteRange and the
 * signature go in with two positioned writes and an fsync.
 */
export async function signPdfInPlace(filePath: string, signer: PdfSigner, options: SignPdfOptions = {}): Promise<SignPdfResult> {
  const name = path.basename(filePath);
  const certificate = parseCertificate(signer.certificateDer);
  let fh: fs.FileHandle;
  try {
    fh = await fs.open(filePath, 'r+');
  } catch (error) {
    options.hasher?.close();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new Error(`文件不存在：${name}。`, { cause: error });
    if (code === 'EACCES' || code === 'EPERM') throw new Error(`文件只读或无权写入：${name}。已签章的文件不能再次签章。`, { cause: error });
    throw new Error(`无法打开文件 ${name}（${code ?? error}）。`, { cause: error });
  }
  const hasher = options.hasher ?? hashOnThisThread(fh);
  try {
    const { size } = await fh.stat();
    const at = await locatePlaceholder(fh, size, name);
    const byteRange: [number, number, number, number] = [0, at.contentsStart, at.contentsEnd, size - at.contentsEnd];
    const rangeText = `/ByteRange [${byteRange.join(' ')}]`;
    if (rangeText.length > PLACEHOLDER.length) throw new Error(`文件过大（${size} 字节），超出签章占位可表示的范围。`);
    const rangeBytes = Buffer.from(rangeText.padEnd(PLACEHOLDER.length, ' '), 'latin1');

    // The disk's write-back runs on the thread pool while the ranges are hashed, instead of after.
    const flushing = options.flushWhileHashing ? fh.sync() : null;
    // Never leave the flush unobserved if hashing fails: its rejection would go unhandled.
    flushing?.catch(() => undefined);
    const messageDigest = await hasher.ranges({ placeholderOffset: at.placeholderOffset, rangeBytes, contentsStart: at.contentsStart, contentsEnd: at.contentsEnd, size });

    const cms = await buildSignedData({ signer: certificate, chainDer: signer.chainDer ?? [], messageDigest, sign: (data) => checkedSign(signer, data, certificate.publicKey) });
    if (cms.length > at.contentsBytes) {
      throw new Error(`签名数据（${cms.length} 字节）超出预留空间（${at.contentsBytes} 字节），未写入任何内容。请增大签章占位的预留空间后重新生成文件。`);
    }
    const contents = Buffer.from(cms.toString('hex').toUpperCase().padEnd(at.contentsBytes * 2, '0'), 'latin1');

    await flushing;
    await writeAll(fh, rangeBytes, at.placeholderOffset);
    await writeAll(fh, contents, at.contentsStart + 1);
    await fh.sync();

    const fileSha256 = await hasher.file(contents);
    if (options.readOnly !== false) await fh.chmod(0o444);
    return {
      signedAt: at.signedAt,
      signerSubject: certificate.subject,
      signerFingerprint: certificate.fingerprint,
      fileSha256,
      bytes: size,
      byteRange,
      cmsBytes: cms.length,
      contentsBytes: at.contentsBytes,
    };
  } finally {
    hasher.close();
    await fh.close();
  }
}

interface PlaceholderLocation {
  placeholderOffset: number;
  /** Offset of '<' of /Contents. */
  contentsStart: number;
  /** Offset just past '>'. */
  contentsEnd: number;
  contentsBytes: number;
  signedAt: Date;
}

async function locatePlaceholder(fh: fs.FileHandle, size: number, name: string): Promise<PlaceholderLocation> {
  const head = await readAt(fh, 0, Math.min(size, 8));
  if (!head.subarray(0, 5).equals(Buffer.from('%PDF-'))) throw new Error(`${name} 不是 PDF 文件，无法签章。`);
  const placeholderOffset = await findLast(fh, size, PLACEHOLDER);
  if (placeholderOffset < 0) throw new Error(`${name} 中没有签章占位：文件可能已经签章，或不是由本系统生成的。`);
  // The dictionary: the placeholder, /Contents <zeros> (at most 1 MiB of CMS), then /M.
  const window = await readAt(fh, placeholderOffset, Math.min(size - placeholderOffset, PLACEHOLDER.length + 64 + (2 << 20) + 2 + 4096));
  const text = window.toString('latin1');
  const contentsKey = /^\s*\/Contents\s*</.exec(text.slice(PLACEHOLDER.length, PLACEHOLDER.length + 64));
  if (!contentsKey) throw new Error(`${name} 的签章占位结构不正确，无法签章。`);
  const lt = PLACEHOLDER.length + contentsKey[0].length - 1;
  const gt = text.indexOf('>', lt);
  const hex = gt > 0 ? text.slice(lt + 1, gt) : '';
  if (!hex || !/^0+$/.test(hex) || hex.length % 2) throw new Error(`${name} 的签章占位已被占用或已损坏：文件可能已经签章。`);
  const m = /\/M\s*\(D:(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})/.exec(text.slice(gt, gt + 4096));
  const signedAt = m ? new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!)) : new Date();
  return { placeholderOffset, contentsStart: placeholderOffset + lt, contentsEnd: placeholderOffset + gt + 1, contentsBytes: hex.length / 2, signedAt };
}

/** A signer behind an interface may be wrong; a bad signature must never reach the file. */
async function checkedSign(signer: PdfSigner, data: Buffer, publicKey: import('node:crypto').KeyObject): Promise<Buffer> {
  const signature = Buffer.from(await signer.sign(data));
  if (!cryptoVerify('sha256', data, publicKey, signature)) throw new Error('签名结果无法用证书公钥验证：私钥与证书不匹配，未写入任何内容。');
  return signature;
}

async function writeAll(fh: fs.FileHandle, bytes: Buffer, position: number): Promise<void> {
  let done = 0;
  while (done < bytes.length) {
    const { bytesWritten } = await fh.write(bytes, done, bytes.length - done, position + done);
    done += bytesWritten;
  }
}
