import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { inflateInto } from '../../../../src/core/pdf/writer/pdfkitDependencies';

const root = path.resolve(import.meta.dirname, '../../../..');
const child = (mode: string) =>
  JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'pdfkitDependenciesChild.ts'), mode], { encoding: 'utf8', cwd: root })) as {
    properties: string;
    breaks: string;
    layout: string;
    tinyInflate: string[];
    brotliDecoder: number;
    brotliRoundTrip: boolean;
    aesStandInBefore: boolean;
    aesStandInAfter: boolean;
    encrypted: string;
    loadedWhenAsked: boolean;
    loadedAfter: boolean;
  };

/** The text of an encrypted PDF as qpdf opens it with its user password and pdftotext reads it. */
function decryptedText(base64: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pdfkit-aes-'));
  try {
    const file = path.join(dir, 'encrypted.pdf');
    fs.writeFileSync(file, Buffer.from(base64, 'base64'));
    expect(() => execFileSync('qpdf', ['--check', file], { stdio: 'pipe' })).toThrow();
    execFileSync('qpdf', ['--password=reader-2024', '--decrypt', file, path.join(dir, 'plain.pdf')]);
    return execFileSync('pdftotext', [path.join(dir, 'plain.pdf'), '-'], { encoding: 'utf8' });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('pdfkit’s and fontkit’s slow dependencies replaced before pdfkit loads (decisions 0020, 0021)', () => {
  it('inflates as tiny-inflate does: into dest, a copy of the part written when shorter, the rest dropped when longer', () => {
    const data = Buffer.from('本卷共有文件材料30件300页。'.repeat(50));
    const source = zlib.deflateRawSync(data);
    const exact = new Uint8Array(data.length);
    expect(inflateInto(source, exact)).toBe(exact);
    expect(Buffer.from(exact).equals(data)).toBe(true);
    const larger = new Uint8Array(data.length + 10);
    const shorter = inflateInto(source, larger);
    expect(shorter).not.toBe(larger);
    expect(Buffer.from(shorter).equals(data)).toBe(true);
    const smaller = new Uint8Array(10);
    expect(inflateInto(source, smaller)).toBe(smaller);
    expect(Buffer.from(smaller).equals(data.subarray(0, 10))).toBe(true);
    expect(() => inflateInto(Buffer.from('not deflate data'), new Uint8Array(10))).toThrow();
  });

  it('gives the same Unicode properties, line breaks and shaping as the packages’ own code, leaves brotli and AES unloaded, and still encrypts', () => {
    const writer = child('writer');
    const plain = child('plain');
    expect(plain.tinyInflate).toEqual(['tinf_uncompress']);
    expect(plain.brotliDecoder).toBeGreaterThan(0);
    expect(writer.tinyInflate).toEqual(['inflateInto']);
    expect(writer.brotliDecoder).toBe(0);
    expect(writer.brotliRoundTrip).toBe(true);
    expect(plain.brotliRoundTrip).toBe(true);
    expect(writer.properties).toBe(plain.properties);
    expect(writer.breaks).toBe(plain.breaks);
    expect(writer.layout).toBe(plain.layout);
    // AES is loaded by pdfkit's first encryption, not before; the document opens with its password.
    expect(plain.aesStandInBefore).toBe(false);
    expect(writer.aesStandInBefore).toBe(true);
    expect(writer.aesStandInAfter).toBe(false);
    expect(decryptedText(writer.encrypted)).toContain('encrypted page');
    expect(decryptedText(plain.encrypted)).toContain('encrypted page');
    // Asked for, pdfkit is required a turn later (a caller's scrypt starts first), as CommonJS.
    expect(writer.loadedWhenAsked).toBe(false);
    expect(writer.loadedAfter).toBe(true);
  }, 120_000);
});
