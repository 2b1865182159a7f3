import fs from 'node:fs';
import path from 'node:path';
import type { ArchiveApi, MediumKind, Classification } from '../../../../src/contract';
import { PASSWORD, setUpUnit, tempDir, value, type TestUnit } from '../../../helpers/core';
import { MiB } from '../unit';

/** 16 bytes, so it tiles an 8 MiB buffer exactly; its first 8 bytes are what the scans look for. */
export const MARKER = Buffer.from('MARKER-7F3A-DOSS', 'ascii');
export { MiB };

export interface WipeUnit {
  unit: TestUnit;
  /** 安全保密员: registers, asks for and performs wipes. */
  officer: ArchiveApi;
  /** 部门负责人: approves the wipe request (the default chain). */
  head: ArchiveApi;
  /** 信息中心: keeps media but may not wipe them. */
  custodian: ArchiveApi;
  /** 审计员, who also serves as the second person (witness). */
  auditor: ArchiveApi;
  /** The images' folder, outside the data folder. */
  images: string;
  close(): void;
}

export async function wipeUnit(): Promise<WipeUnit> {
  const unit = await setUpUnit(tempDir(), { signingKey: true });
  const officer = await unit.signIn('officer', ['security-officer'], '办公室');
  const head = await unit.signIn('head', ['department-head'], '办公室');
  const custodian = await unit.signIn('keeper', ['info-centre'], '信息中心');
  // The witness of NIST SP 800-88 App. G only needs to be another active person.
  const auditor = await unit.signIn('witness', ['auditor'], '办公室');
  const images = tempDir('wipe-images-');
  return {
    unit,
    officer,
    head,
    custodian,
    auditor,
    images,
    close() {
      unit.close();
      fs.rmSync(images, { recursive: true, force: true });
      fs.rmSync(unit.dir, { recursive: true, force: true });
    },
  };
}

/** A disk image filled with the marker from its first byte to its last. */
export function markerImage(dir: string, name: string, bytes: number): string {
  const file = path.join(dir, name);
  const tile = Buffer.alloc(8 * MiB);
  for (let i = 0; i < tile.length; i += MARKER.length) MARKER.copy(tile, i);
  const fd = fs.openSync(file, 'w');
  try {
    for (let pos = 0; pos < bytes; pos += tile.length) fs.writeSync(fd, tile, 0, Math.min(tile.length, bytes - pos), pos);
  } finally {
    fs.closeSync(fd);
  }
  return file;
}

/** The first offset where the marker's first 8 bytes occur, scanning the whole file; -1 when nowhere. */
export function findMarker(file: string): number {
  const needle = MARKER.subarray(0, 8);
  const fd = fs.openSync(file, 'r');
  const chunk = Buffer.alloc(8 * MiB);
  let tail = Buffer.alloc(0);
  try {
    for (let pos = 0; ; ) {
      const n = fs.readSync(fd, chunk, 0, chunk.length, pos);
      if (n === 0) return -1;
      // The last 7 bytes of the previous chunk lead, so a marker split across chunks is found too.
      const hay = Buffer.concat([tail, chunk.subarray(0, n)]);
      const hit = hay.indexOf(needle);
      if (hit >= 0) return pos - tail.length + hit;
      tail = Buffer.from(hay.subarray(Math.max(0, hay.length - (needle.length - 1))));
      pos += n;
    }
  } finally {
    fs.closeSync(fd);
  }
}

/** Registers the medium with its identity written onto the image, asks for a wipe and has it approved. */
export async function registeredForWipe(m: WipeUnit, tag: string, kind: MediumKind, device: string, classification: Classification = '非涉密', destination: 'reuse' | 'retire' | 'destruction' = 'reuse') {
  value(await m.officer.media.register({ tag, kind, classification, department: '办公室', brand: '希捷', model: 'ST1000', serial: `SN-${tag}`, device }));
  const request = value(await m.officer.media.wipeRequest({ tag, reason: '报废前清除', destination }));
  value(await m.head.media.approve({ requestId: request.id, confirmPassword: PASSWORD }));
  return request;
}

export const wipeRequest = (tag: string, device: string, over: Record<string, unknown> = {}) => ({
  tag,
  device,
  verification: 'full' as const,
  witness: 'witness',
  witnessPassword: PASSWORD,
  confirmPassword: PASSWORD,
  ...over,
});
