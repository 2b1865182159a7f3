import { execFileSync } from 'node:child_process';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { inflateInto } from '../../../../src/core/pdf/writer/fontkitDependencies';

const root = path.resolve(import.meta.dirname, '../../../..');
const child = (mode: string) =>
  JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'fontkitDependenciesChild.ts'), mode], { encoding: 'utf8', cwd: root })) as {
    properties: string;
    breaks: string;
    layout: string;
    tinyInflate: string[];
    brotliDecoder: number;
    brotliRoundTrip: boolean;
  };

describe('fontkit’s dependencies replaced before pdfkit loads (decision 0020)', () => {
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

  it('gives the same Unicode properties, line breaks and shaping as the packages’ own code, and leaves brotli unloaded', () => {
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
  }, 120_000);
});
