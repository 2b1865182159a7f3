import { spawnSync } from 'node:child_process';
import { createPrivateKey } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { openSigner, signPdfInPlace, type KeyProtector } from '../../../src/core/pdf/sign';
import { currentStoredIdentity } from '../../../src/core/signing/store';
import { openDatabase } from '../../../src/core/store/db';
import { tempDir } from '../../helpers/core';
import { writePlaceholderPdf } from '../pdf/sign/fixtures';

export const PFX_PASSWORD = '证书口令-2024';

export interface TestPfx {
  file: string;
  /** The private key as PKCS#8 DER, to look for in the database. */
  keyDer: Buffer;
  caPem: string;
}

function openssl(args: string[]): void {
  const r = spawnSync('openssl', args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`openssl ${args.join(' ')}:\n${r.stdout}${r.stderr}`);
}

/**
 * A PKCS#12 as a provincial CA would hand it out (Chinese CA and subject, AES, chain included),
 * made by openssl, not by the code under test.
 */
export function makePfx(options: { days?: number; keyUsage?: string; withKey?: boolean; cn?: string } = {}): TestPfx {
  const dir = tempDir('dossier-pfx-');
  const file = (name: string) => path.join(dir, name);
  fs.writeFileSync(file('ext.cnf'), `[leaf]\nbasicConstraints=critical,CA:FALSE\nkeyUsage=critical,${options.keyUsage ?? 'digitalSignature,nonRepudiation'}\n`);
  openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', file('ca.key'), '-out', file('ca.pem'), '-days', '3650', '-utf8', '-subj', '/C=CN/O=江苏省数字证书认证中心/CN=江苏CA测试根', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
  openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', file('leaf.key'), '-out', file('leaf.csr'), '-utf8', '-subj', `/C=CN/O=南通市烟草专卖局/CN=${options.cn ?? '南通市烟草专卖局 电子签章'}`]);
  openssl(['x509', '-req', '-in', file('leaf.csr'), '-CA', file('ca.pem'), '-CAkey', file('ca.key'), '-CAcreateserial', '-out', file('leaf.pem'), '-days', String(options.days ?? 365), '-extfile', file('ext.cnf'), '-extensions', 'leaf']);
  const keys = options.withKey === false ? ['-nokeys'] : ['-inkey', file('leaf.key')];
  openssl(['pkcs12', '-export', ...keys, '-in', file('leaf.pem'), '-certfile', file('ca.pem'), '-out', file('unit.pfx'), '-passout', `pass:${PFX_PASSWORD}`]);
  return {
    file: file('unit.pfx'),
    keyDer: createPrivateKey(fs.readFileSync(file('leaf.key'))).export({ format: 'der', type: 'pkcs8' }),
    caPem: fs.readFileSync(file('ca.pem'), 'utf8'),
  };
}

/** One A4 page scanned at 100 dpi: enough for scans.convert to make and sign a PDF. */
export async function writeScan(file: string): Promise<string> {
  const width = 827;
  const height = 1169;
  const pixels = Buffer.alloc(width * height, 235);
  for (let y = 200; y < 240; y++) pixels.fill(40, y * width + 100, y * width + 700);
  await sharp(pixels, { raw: { width, height, channels: 1 } }).withMetadata({ density: 100 }).jpeg({ quality: 85 }).toFile(file);
  return file;
}

/** Every byte the database keeps on disk: the main file and its write-ahead log. */
export function databaseBytes(dataDir: string): Buffer {
  return Buffer.concat(['archive.db', 'archive.db-wal'].map((name) => path.join(dataDir, name)).filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f)));
}

/** Whether the key appears in the bytes in the clear: as PKCS#8 or PKCS#1 DER, or as any line of its PEM. */
export function holdsKeyInClear(bytes: Buffer, pkcs8Der: Buffer): boolean {
  const key = createPrivateKey({ key: pkcs8Der, format: 'der', type: 'pkcs8' });
  const pkcs1 = key.export({ format: 'der', type: 'pkcs1' });
  const pemLines = [key.export({ format: 'pem', type: 'pkcs8' }), key.export({ format: 'pem', type: 'pkcs1' })].flatMap((pem) => pem.toString().split('\n').filter((line) => line.length === 64));
  return bytes.includes(pkcs8Der) || bytes.includes(pkcs1) || bytes.includes(Buffer.from('PRIVATE KEY')) || pemLines.some((line) => bytes.includes(Buffer.from(line)));
}

/** A certified PDF signed with the unit's current stored key, as the scan job signs records. */
export async function signedWithStoredKey(dataDir: string, protector: KeyProtector, name = '立案报告表.pdf'): Promise<string> {
  const file = path.join(tempDir('dossier-signed-'), name);
  await writePlaceholderPdf(file);
  const db = openDatabase(path.join(dataDir, 'archive.db'));
  const identity = currentStoredIdentity(db)!;
  db.close();
  await signPdfInPlace(file, openSigner(identity, protector));
  return file;
}
