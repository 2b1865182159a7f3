import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { IDENTITY_FILE_NAME, IDENTITY_TRAILER_BYTES } from '../../../src/core/media/identity';
import { encodeFrame, IDENTITY_MAGIC } from '../../../src/core/media/identity/record';
import { signerFromKey } from '../../../src/core/pdf/sign';
import { signDetached } from '../../../src/core/signing/detachedCms';
import { PASSWORD, value } from '../../helpers/core';
import { selfSigned } from '../../helpers/certificates';
import { blankImage, type MediaUnit, MiB, register, useMediaUnit } from './unit';

/**
 * The signed identity record on a medium (DB3206/T 1060 §6.1.3 e): written at registration onto an
 * 8 MiB disk image (trailer) or a mounted medium's folder (file), and every kind of wrong medium
 * refused with its own verdict, each check in the log.
 */
let u: MediaUnit;
useMediaUnit((unit) => void (u = unit));

const trailerOf = (image: string) => {
  const bytes = fs.readFileSync(image);
  return bytes.subarray(bytes.length - IDENTITY_TRAILER_BYTES);
};
const writeTrailer = (image: string, trailer: Buffer) => {
  const fd = fs.openSync(image, 'r+');
  fs.writeSync(fd, trailer, 0, trailer.length, fs.statSync(image).size - IDENTITY_TRAILER_BYTES);
  fs.closeSync(fd);
};
const check = async (device: string, api = u.centre) => value(await api.media.check({ device }));

describe('identity on a disk image (trailer in the last 64 KiB)', () => {
  let imageA: string;
  beforeAll(async () => {
    imageA = blankImage(path.join(u.work, 'a.img'));
    await register(u.centre, 'NTYC-2026-0101', { device: imageA, capacityBytes: 8 * MiB });
  });

  it('is written at registration, in the trailer only, and recognized', async () => {
    const bytes = fs.readFileSync(imageA);
    expect(bytes.subarray(0, bytes.length - IDENTITY_TRAILER_BYTES).every((b) => b === 0)).toBe(true);
    const trailer = trailerOf(imageA);
    expect(trailer.subarray(0, IDENTITY_MAGIC.length).equals(IDENTITY_MAGIC)).toBe(true);
    expect(trailer.toString('latin1')).toContain('"tag":"NTYC-2026-0101"');
    expect(value(await u.centre.media.get({ tag: 'NTYC-2026-0101' })).identityWrittenAt).not.toBeNull();
    expect(await check(imageA)).toMatchObject({ verdict: 'ok', tag: 'NTYC-2026-0101' });
  });

  it('refuses a blank medium as unregistered', async () => {
    expect(await check(blankImage(path.join(u.work, 'blank.img')))).toMatchObject({ verdict: 'unregistered', tag: null });
  });

  it('refuses a record whose signature bytes were changed as forged', async () => {
    const copy = path.join(u.work, 'flipped.img');
    fs.copyFileSync(imageA, copy);
    const trailer = trailerOf(copy);
    const jsonLength = trailer.readUInt32BE(IDENTITY_MAGIC.length);
    const signatureLength = trailer.readUInt32BE(IDENTITY_MAGIC.length + 4);
    const at = IDENTITY_MAGIC.length + 8 + jsonLength + signatureLength - 20; // inside the signature value
    trailer[at] = trailer[at]! ^ 0xff;
    writeTrailer(copy, trailer);
    expect(await check(copy)).toMatchObject({ verdict: 'forged' });
  });

  it('refuses a record signed with another key under the unit’s name as forged', async () => {
    const json = Buffer.from(trailerOf(imageA).subarray(IDENTITY_MAGIC.length + 8, IDENTITY_MAGIC.length + 8 + trailerOf(imageA).readUInt32BE(IDENTITY_MAGIC.length)));
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const signature = await signDetached(json, signerFromKey(selfSigned('南通市烟草专卖局', privateKey, publicKey), privateKey));
    const forgedImage = blankImage(path.join(u.work, 'forged.img'));
    writeTrailer(forgedImage, padded(encodeFrame(json, signature)));
    const verdict = await check(forgedImage);
    expect(verdict).toMatchObject({ verdict: 'forged', tag: 'NTYC-2026-0101' });
    expect(verdict.message).toMatch(/不是本单位签发的或已被改动/);
  });

  it('refuses the record of medium A copied onto medium B as mismatched', async () => {
    const imageB = blankImage(path.join(u.work, 'b.img'), 16 * MiB);
    await register(u.centre, 'NTYC-2026-0102', { device: imageB, capacityBytes: 16 * MiB });
    writeTrailer(imageB, trailerOf(imageA));
    const verdict = await check(imageB);
    expect(verdict).toMatchObject({ verdict: 'mismatch', tag: 'NTYC-2026-0101' });
    expect(verdict.message).toMatch(/容量/);
    // Where the caller names the medium it means, the tag alone is enough to refuse it.
    const sameSize = blankImage(path.join(u.work, 'c.img'));
    await register(u.centre, 'NTYC-2026-0103', { device: sameSize, capacityBytes: 8 * MiB });
    writeTrailer(sameSize, trailerOf(imageA));
    const asked = value(await u.officer.media.checkout({ tag: 'NTYC-2026-0103', purpose: '取证', days: 2 }));
    value(await u.head.media.approve({ requestId: asked.id, note: '', confirmPassword: PASSWORD }));
    value(await u.centre.media.approve({ requestId: asked.id, note: '', confirmPassword: PASSWORD }));
    const handover = await u.centre.media.handover({ requestId: asked.id, device: sameSize });
    expect(handover).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('插入的是 NTYC-2026-0101，不是要操作的 NTYC-2026-0103') } });
    expect(value(await u.centre.media.get({ tag: 'NTYC-2026-0103' })).status).toBe('requested');
  });

  it('refuses an older record after the medium was identified again', async () => {
    const old = Buffer.from(trailerOf(imageA));
    value(await u.centre.media.identify({ tag: 'NTYC-2026-0101', device: imageA }));
    expect(trailerOf(imageA).equals(old)).toBe(false);
    expect(await check(imageA)).toMatchObject({ verdict: 'ok' });
    const stale = path.join(u.work, 'stale.img');
    fs.copyFileSync(imageA, stale);
    writeTrailer(stale, old);
    const verdict = await check(stale);
    expect(verdict).toMatchObject({ verdict: 'mismatch', tag: 'NTYC-2026-0101' });
    expect(verdict.message).toMatch(/复制的或旧的记录/);
  });

  it('refuses a medium not checked out to the person about to use it, until it is', async () => {
    const image = blankImage(path.join(u.work, 'd.img'));
    await register(u.centre, 'NTYC-2026-0104', { device: image });
    expect(await check(image, u.officer)).toMatchObject({ verdict: 'not-checked-out' });
    const asked = value(await u.officer.media.checkout({ tag: 'NTYC-2026-0104', purpose: '取证', days: 2 }));
    value(await u.head.media.approve({ requestId: asked.id, note: '', confirmPassword: PASSWORD }));
    value(await u.centre.media.approve({ requestId: asked.id, note: '', confirmPassword: PASSWORD }));
    expect(value(await u.centre.media.handover({ requestId: asked.id, device: image }))).toMatchObject({ status: 'checked-out', holder: 'chen' });
    expect(await check(image, u.officer)).toMatchObject({ verdict: 'ok' });
    const colleague = await u.signIn('wang', ['case-officer'], '专卖监督管理科');
    expect(await check(image, colleague)).toMatchObject({ verdict: 'not-checked-out' });
    expect(value(await u.officer.media.return({ tag: 'NTYC-2026-0104', device: image, note: '' })).status).toBe('in-stock');
  });

  it('refuses a medium out of circulation as not usable', async () => {
    const image = blankImage(path.join(u.work, 'e.img'));
    await register(u.centre, 'NTYC-2026-0105', { device: image });
    value(await u.centre.media.setStatus({ tag: 'NTYC-2026-0105', status: 'lost', reason: '外出检查时遗失' }));
    expect(await check(image)).toMatchObject({ verdict: 'not-usable' });
  });

  it('logs every check, the refused ones as denied', async () => {
    const entries = value(await u.auditor.audit.list({ action: 'media.check', actor: '', target: '', limit: 500, offset: 0 })).items;
    const verdicts = entries.map((e) => [e.outcome, e.detail.split('：')[0]]);
    expect(verdicts).toEqual(expect.arrayContaining([['ok', 'ok'], ['denied', 'unregistered'], ['denied', 'forged'], ['denied', 'mismatch'], ['denied', 'not-checked-out'], ['denied', 'not-usable']]));
    expect(entries.filter((e) => e.outcome === 'denied').every((e) => e.detail.split('：')[0] !== 'ok')).toBe(true);
    expect(entries.find((e) => e.detail.startsWith('unregistered'))!.target).toMatch(/^device:/);
  });
});

describe('identity on a mounted medium (a file at its root)', () => {
  it('is written as DOSSIER-MEDIUM.ID and checked like a trailer', async () => {
    const folder = path.join(u.work, 'usb');
    fs.mkdirSync(folder);
    await register(u.centre, 'NTYC-2026-0201', { device: folder });
    const file = path.join(folder, IDENTITY_FILE_NAME);
    expect(fs.readdirSync(folder)).toEqual([IDENTITY_FILE_NAME]);
    expect(await check(folder)).toMatchObject({ verdict: 'ok', tag: 'NTYC-2026-0201' });

    const record = fs.readFileSync(file);
    // Change one character of the JSON (the serial), keeping the length: the signature no longer covers it.
    const at = record.indexOf(Buffer.from('SN-NTYC'));
    const tampered = Buffer.from(record);
    tampered[at] = 'X'.charCodeAt(0);
    fs.writeFileSync(file, tampered);
    expect(await check(folder)).toMatchObject({ verdict: 'forged' });

    fs.rmSync(file);
    expect(await check(folder)).toMatchObject({ verdict: 'unregistered' });
  });
});

describe('registration that cannot write the record', () => {
  it('leaves no row when the device is missing or is other hardware', async () => {
    const missing = await u.centre.media.register({ ...usbFields('NTYC-2026-0301'), device: path.join(u.work, 'nowhere.img') });
    expect(missing).toMatchObject({ ok: false, error: { code: 'bad-request', message: expect.stringContaining('找不到介质设备') } });
    const image = blankImage(path.join(u.work, 'f.img'));
    const wrongSize = await u.centre.media.register({ ...usbFields('NTYC-2026-0302'), capacityBytes: 32 * MiB, device: image });
    expect(wrongSize).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('容量') } });
    expect(trailerOf(image).every((b) => b === 0)).toBe(true);
    for (const tag of ['NTYC-2026-0301', 'NTYC-2026-0302']) expect(await u.centre.media.get({ tag })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });
});

function usbFields(tag: string) {
  return { tag, kind: 'usb-flash' as const, classification: '非涉密' as const, brand: '', model: '', serial: '', capacityBytes: null, department: '信息中心', note: '' };
}

function padded(frame: Buffer): Buffer {
  const trailer = Buffer.alloc(IDENTITY_TRAILER_BYTES);
  frame.copy(trailer);
  return trailer;
}
