import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore } from '../../../../src/core/createCore';
import { IDENTITY_TRAILER_BYTES } from '../../../../src/core/media/identity';
import { setAfterCheckpoint } from '../../../../src/core/media/sanitize/overwrite';
import { verifyDetached } from '../../../../src/core/signing/detachedCms';
import { unitTrustAnchors } from '../../../../src/core/signing/store';
import { passphraseProtector } from '../../../../src/core/pdf/sign';
import { newCaller, PASSWORD, value } from '../../../helpers/core';
import { findMarker, markerImage, wipeUnit, MiB, registeredForWipe, wipeRequest, type WipeUnit } from './fixture';

let m: WipeUnit | undefined;
afterEach(() => {
  setAfterCheckpoint(null);
  m?.close();
  m = undefined;
});

const IMAGE_BYTES = 256 * MiB;
const stored = (dir: string, sha256: string) => path.join(dir, 'files', sha256.slice(0, 2), sha256);

/** Every byte of [from, end) of the file equals `byte`. */
function allBytes(file: string, byte: number, from: number, end: number): boolean {
  const fd = fs.openSync(file, 'r');
  const buf = Buffer.alloc(8 * MiB);
  const want = Buffer.alloc(8 * MiB, byte);
  try {
    for (let pos = from; pos < end; pos += buf.length) {
      const n = fs.readSync(fd, buf, 0, Math.min(buf.length, end - pos), pos);
      if (!buf.subarray(0, n).equals(want.subarray(0, n))) return false;
    }
    return true;
  } finally {
    fs.closeSync(fd);
  }
}

describe('media.wipe on disk images (issue 6 items 5, 6, 8)', () => {
  it('hdd: one overwrite pass and full read-back; no marker left anywhere; identity written back; signed certificate as PDF/A and JSON', async () => {
    m = await wipeUnit();
    const image = markerImage(m.images, 'hdd.img', IMAGE_BYTES);
    await registeredForWipe(m, 'NTYC-2026-0001', 'hdd', image, '非涉密', 'retire');
    const plan = value(await m.officer.media.wipePlan({ tag: 'NTYC-2026-0001' }));
    expect(plan).toMatchObject({ method: 'overwrite-1', isSoftwareSufficient: true, resumable: null });
    expect(plan.approvedRequestId).not.toBeNull();

    const labels = new Set<string>();
    const stop = m.unit.core.onEvent((e) => e.type === 'job.progress' && labels.add(e.label));
    const result = value(await m.officer.media.wipe(wipeRequest('NTYC-2026-0001', image)));
    stop();
    // Progress is reported for the pass and for the read-back (the wizard shows both).
    expect([...labels]).toEqual(expect.arrayContaining(['第 1 遍：全 0x00', '全盘回读校验']));
    expect(result).toMatchObject({ method: 'overwrite-1', bytes: IMAGE_BYTES, passes: 1, verification: 'full', isVerified: true, resumedFromBytes: null });
    expect(result.verificationDetail).toContain('全盘回读');
    expect(findMarker(image)).toBe(-1);
    expect(allBytes(image, 0x00, 0, IMAGE_BYTES - IDENTITY_TRAILER_BYTES)).toBe(true);
    // Still recognisable as the register's medium, by a fresh identity record.
    expect(value(await m.officer.media.check({ device: image })).tag).toBe('NTYC-2026-0001');

    const medium = value(await m.officer.media.get({ tag: 'NTYC-2026-0001' }));
    expect(medium.status).toBe('wiped');
    expect(medium.history.map((e) => e.action)).toContain('清除');
    expect(medium.certificates).toHaveLength(1);

    const c = result.certificate;
    expect(c).toMatchObject({
      number: `QC-${new Date().getUTCFullYear()}-0001`,
      tag: 'NTYC-2026-0001',
      mediumKind: 'hdd',
      manufacturer: '希捷',
      model: 'ST1000',
      serial: 'SN-NTYC-2026-0001',
      category: 'clear',
      method: 'overwrite-1',
      tool: '执法案卷归档工作站',
      performedBy: 'officer',
      witness: 'witness',
      destination: 'retire',
      attachment: null,
    });
    expect(c.toolVersion).toMatch(/^\d+\.\d+\.\d+/);
    const pdf = stored(m.unit.dir, c.pdf.sha256);
    expect(value(await m.officer.pdf.verify({ path: pdf }))).toMatchObject({ status: 'valid', isSignerTrusted: true, coversWholeFile: true });
    const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    for (const field of ['存储介质清除证明', c.number, 'NTYC-2026-0001', '希捷', 'SN-NTYC-2026-0001', '清除（Clear）', '执法案卷归档工作站', '全盘回读', '复核人', '清除后报废']) expect(text).toContain(field);
    expect(execFileSync('pdffonts', [pdf], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean).every((l) => / yes\s+yes\s+yes /.test(l))).toBe(true);

    const envelope = JSON.parse(fs.readFileSync(stored(m.unit.dir, c.json.sha256), 'utf8')) as { certificate: string; signature: string };
    const db = new Database(path.join(m.unit.dir, 'archive.db'), { readonly: true });
    try {
      const check = verifyDetached(Buffer.from(envelope.certificate, 'utf8'), Buffer.from(envelope.signature, 'base64'), unitTrustAnchors(db));
      expect(check.reasons).toEqual([]);
      expect(JSON.parse(envelope.certificate)).toMatchObject({ number: c.number, performedBy: 'officer', witness: 'witness', method: 'overwrite-1' });
      const tampered = envelope.certificate.replace('"witness":"witness"', '"witness":"someone"');
      expect(verifyDetached(Buffer.from(tampered, 'utf8'), Buffer.from(envelope.signature, 'base64'), unitTrustAnchors(db)).isValid).toBe(false);
      const run = db.prepare('SELECT status, pass, bytes_done, verification FROM wipe_runs').get();
      expect(run).toEqual({ status: 'done', pass: 1, bytes_done: 0, verification: 'full' });
    } finally {
      db.close();
    }
    expect(value(await m.officer.media.certificates({ tag: 'NTYC-2026-0001' }))).toEqual([c]);
    const logged = value(await m.auditor.audit.list({ action: 'media.wipe' })).items;
    expect(logged).toEqual(expect.arrayContaining([expect.objectContaining({ outcome: 'ok', actor: 'officer', target: 'medium:NTYC-2026-0001', detail: expect.stringContaining(c.number) })]));
    // The request is completed: the same medium cannot be wiped again without a new approval.
    expect(await m.officer.media.wipe(wipeRequest('NTYC-2026-0001', image))).toMatchObject({ ok: false });
  });

  it('usb flash: a pattern and its complement, sampled read-back (NIST SP 800-88 §4.7.3); no marker left', async () => {
    m = await wipeUnit();
    const image = markerImage(m.images, 'usb.img', IMAGE_BYTES);
    await registeredForWipe(m, 'NTYC-2026-0002', 'usb-flash', image);
    const result = value(await m.officer.media.wipe(wipeRequest('NTYC-2026-0002', image, { verification: 'sample' })));
    expect(result).toMatchObject({ method: 'overwrite-pattern-complement', passes: 2, verification: 'sample', isVerified: true });
    expect(result.verificationDetail).toMatch(/抽样回读.*256 个 1 MiB 区段.*共 26 个区段/);
    expect(findMarker(image)).toBe(-1);
    expect(allBytes(image, 0xaa, 0, IMAGE_BYTES - IDENTITY_TRAILER_BYTES)).toBe(true);
  });

  it('a crash after 128 MiB: a new core resumes from the checkpoint in wipe_runs and completes', async () => {
    m = await wipeUnit();
    const image = markerImage(m.images, 'card.img', IMAGE_BYTES);
    await registeredForWipe(m, 'NTYC-2026-0003', 'memory-card', image);
    setAfterCheckpoint(() => {
      throw new Error('injected crash');
    });
    expect(await m.officer.media.wipe(wipeRequest('NTYC-2026-0003', image))).toMatchObject({ ok: false });
    setAfterCheckpoint(null);
    // What was not yet reached still holds the marker.
    expect(findMarker(image)).toBeGreaterThanOrEqual(128 * MiB);
    m.unit.core.close();

    const core = createCore({ dataDir: m.unit.dir, scryptCost: 1024, keyProtector: passphraseProtector('单位签章口令-2024', { logN: 14 }), signingKeyBits: 2048 });
    m.unit.core = core;
    const officer = core.client(newCaller());
    value(await officer.auth.login({ username: 'officer', password: PASSWORD }));
    const plan = value(await officer.media.wipePlan({ tag: 'NTYC-2026-0003' }));
    expect(plan.resumable).toMatchObject({ pass: 1, bytesDone: 128 * MiB, bytesTotal: IMAGE_BYTES });
    const result = value(await officer.media.wipe(wipeRequest('NTYC-2026-0003', image)));
    expect(result).toMatchObject({ resumedFromBytes: 128 * MiB, isVerified: true, passes: 2 });
    expect(result.wipeId).toBe(plan.resumable!.wipeId);
    expect(findMarker(image)).toBe(-1);
  });

  it('a process killed (SIGKILL) after its first checkpoint: the wipe resumes from wipe_runs and completes', async () => {
    m = await wipeUnit();
    const image = markerImage(m.images, 'killed.img', IMAGE_BYTES);
    await registeredForWipe(m, 'NTYC-2026-0005', 'hdd', image);
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'wipeChild.ts'), m.unit.dir, 'NTYC-2026-0005', image], {
      cwd: path.resolve(import.meta.dirname, '../../../..'),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('checkpoint')) resolve();
      });
      child.on('exit', () => reject(new Error(`child ended before its first checkpoint: ${out} ${err}`)));
    });
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    expect(findMarker(image)).toBeGreaterThanOrEqual(128 * MiB);

    const plan = value(await m.officer.media.wipePlan({ tag: 'NTYC-2026-0005' }));
    expect(plan.resumable).toMatchObject({ pass: 1, bytesDone: 128 * MiB });
    const result = value(await m.officer.media.wipe(wipeRequest('NTYC-2026-0005', image)));
    expect(result).toMatchObject({ resumedFromBytes: 128 * MiB, isVerified: true });
    expect(findMarker(image)).toBe(-1);
  });

  it('a cancel through the job leaves the run resumable, and the next wipe finishes it', async () => {
    m = await wipeUnit();
    const image = markerImage(m.images, 'hdd2.img', IMAGE_BYTES);
    await registeredForWipe(m, 'NTYC-2026-0004', 'hdd', image);
    const jobId = '5b0c1f8e-3f1a-4c2e-9d7a-0a1b2c3d4e5f';
    const officer = m.officer;
    setAfterCheckpoint(async () => {
      value(await officer.jobs.cancel({ jobId }));
    });
    const cancelled = await officer.media.wipe(wipeRequest('NTYC-2026-0004', image, { jobId }));
    expect(cancelled).toMatchObject({ ok: false });
    setAfterCheckpoint(null);
    const plan = value(await officer.media.wipePlan({ tag: 'NTYC-2026-0004' }));
    expect(plan.resumable).toMatchObject({ pass: 1, bytesTotal: IMAGE_BYTES });
    expect(plan.resumable!.bytesDone).toBeGreaterThanOrEqual(128 * MiB);
    const result = value(await officer.media.wipe(wipeRequest('NTYC-2026-0004', image)));
    expect(result.resumedFromBytes).toBe(plan.resumable!.bytesDone);
    expect(findMarker(image)).toBe(-1);
  });
});
