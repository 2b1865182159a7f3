import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { certificateToDer } from '../../../src/core/pdf/sign';
import { verifyCertificateJson } from '../../../src/core/erecords/certificate';
import { PASSWORD, value } from '../../helpers/core';
import { erecordsUnit, inspection, type ErecordsUnit } from './unit';

let unit: ErecordsUnit | undefined;
afterEach(() => unit?.close());

const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

/** Every content in the file store and every content a `files` row names: equal when nothing is half done. */
function storeAndRows(dir: string): { stored: string[]; rows: string[] } {
  const root = path.join(dir, 'files');
  const stored = fs
    .readdirSync(root)
    .filter((d) => /^[0-9a-f]{2}$/.test(d))
    .flatMap((d) => fs.readdirSync(path.join(root, d)))
    .sort();
  const db = new Database(path.join(dir, 'archive.db'), { readonly: true });
  try {
    const rows = (db.prepare('SELECT DISTINCT sha256 FROM files ORDER BY sha256').all() as { sha256: string }[]).map((r) => r.sha256);
    return { stored, rows };
  } finally {
    db.close();
  }
}

/**
 * Now is 2024-06-01T08:00Z. A market inspection (6 months, due 2024-12-01) with its own recording; a
 * second one whose recording is also registered under a kept 36-month record; a 长期 record.
 */
async function registered(u: ErecordsUnit) {
  const own = u.stage('own.mp4', 'own recording');
  const shared = u.stage('shared.mp4', 'shared recording');
  const a = value(await u.archivist.erecords.register(inspection('2024-06-01T01:00:00Z', { party: '甲店', paths: [own] })));
  const d = value(await u.archivist.erecords.register(inspection('2024-06-01T02:00:00Z', { party: '乙店', paths: [shared] })));
  const kept = value(await u.archivist.erecords.register(inspection('2024-06-01T03:00:00Z', { retentionClass: 'other-ordinary', activityType: '实地核查', party: '丙店', paths: [shared] })));
  const forever = value(await u.archivist.erecords.register(inspection('2024-06-01T04:00:00Z', { retentionClass: 'other-significant', activityType: '案件查办', party: '丁店' })));
  return { a, d, kept, forever };
}

describe('disposal of electronic records past their Table 2 retention', () => {
  it('lists records as due only from the day retention ends, and refuses earlier requests by name', async () => {
    unit = await erecordsUnit();
    const { a, d, forever } = await registered(unit);
    const due = async () => value(await unit!.archivist.erecords.list({ view: 'due' })).map((r) => r.name);
    expect(await due()).toEqual([]);
    const early = await unit.archivist.erecords.requestDisposal({ recordIds: [a.id, forever.id], reason: '保存期满' });
    expect(early).toMatchObject({ ok: false, error: { code: 'bad-request', field: 'recordIds' } });
    if (!early.ok) {
      expect(early.error.message).toContain(`“${a.name}”的保存期限至 2024-12-01 届满，尚未到期`);
      expect(early.error.message).toContain(`“${forever.name}”保存期限为长期，不能销毁`);
    }
    await unit.at('2024-11-30T15:59:00Z'); // 23:59 on 30 November in China
    expect(await due()).toEqual([]);
    await unit.at('2024-11-30T16:00:00Z'); // 00:00 on 1 December in China
    expect(await due()).toEqual([a.name, d.name]);
    expect(value(await unit.archivist.erecords.get({ recordId: a.id })).isDue).toBe(true);
    expect(value(await unit.archivist.erecords.disposals({}))).toEqual([]);
  });

  it('approval by another person, with the password asked again, removes the files, keeps the rows and leaves a signed certificate', async () => {
    unit = await erecordsUnit({ signingKey: true });
    const { a, d, kept } = await registered(unit);
    await unit.at('2024-12-02T01:00:00Z');
    const both = await unit.signIn('both', ['info-centre', 'leader'], '信息中心');

    expect(await unit.head.erecords.requestDisposal({ recordIds: [a.id], reason: '保存期满' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const asked = value(await both.erecords.requestDisposal({ recordIds: [a.id, d.id], reason: '保存期满，依表 2 销毁' }));
    expect(asked).toMatchObject({ status: 'pending', requestedBy: 'both', records: [{ id: a.id }, { id: d.id }], certificate: null });
    expect(value(await unit.archivist.erecords.get({ recordId: a.id })).status).toBe('disposal-requested');
    expect(await unit.archivist.erecords.requestDisposal({ recordIds: [a.id], reason: '再次' })).toMatchObject({ ok: false, error: { field: 'recordIds' } });

    // Not by the requester, not without approve permission, not with a wrong password.
    expect(await both.erecords.approveDisposal({ disposalId: asked.id, confirmPassword: PASSWORD })).toMatchObject({ ok: false, error: { code: 'forbidden', field: 'disposalId' } });
    expect(await unit.archivist.erecords.approveDisposal({ disposalId: asked.id, confirmPassword: PASSWORD })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await unit.head.erecords.approveDisposal({ disposalId: asked.id, confirmPassword: 'wrong-password' })).toMatchObject({ ok: false, error: { code: 'forbidden', field: 'confirmPassword' } });
    expect(fs.existsSync(unit.storedPath(sha('own recording')))).toBe(true);
    expect(value(await unit.archivist.erecords.disposals({}))[0]!.status).toBe('pending');

    const done = value(await unit.head.erecords.approveDisposal({ disposalId: asked.id, note: '同意销毁', confirmPassword: PASSWORD }));
    expect(done).toMatchObject({ status: 'approved', decidedBy: 'wang', decisionNote: '同意销毁', certificate: { number: `DZJL-XH-2024-${asked.id.padStart(4, '0')}` } });

    // The own recording's bytes are gone; the shared one stays for the kept record.
    expect(fs.existsSync(unit.storedPath(sha('own recording')))).toBe(false);
    expect(fs.existsSync(unit.storedPath(sha('shared recording')))).toBe(true);
    const disposedA = value(await unit.archivist.erecords.get({ recordId: a.id }));
    expect(disposedA).toMatchObject({ name: a.name, status: 'disposed', isDue: false, disposalDueOn: '2024-12-01', endedAt: a.endedAt });
    expect(disposedA.files).toEqual([{ ...a.files[0]!, id: '' }]);
    expect(value(await unit.archivist.erecords.get({ recordId: kept.id })).files[0]!.id).not.toBe('');
    expect(value(await unit.archivist.erecords.list({ view: 'disposed' })).map((r) => r.id).sort()).toEqual([a.id, d.id].sort());
    expect(value(await unit.archivist.erecords.list({ view: 'due' }))).toEqual([]);
    // Fixity no longer expects the destroyed bytes.
    expect(value(await unit.archivist.fixity.run({})).findings).toEqual([]);

    // The certificate: signed PDF/A (pdfsig and our verifier) listing the records, and signed JSON.
    const pdf = unit.storedPath(done.certificate!.pdf.sha256);
    expect(value(await unit.archivist.pdf.verify({ path: pdf }))).toMatchObject({ status: 'valid', coversWholeFile: true });
    expect(spawnSync('pdfsig', [pdf], { encoding: 'utf8' }).stdout).toMatch(/Signature is Valid/);
    const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    for (const s of ['电子记录销毁证明', done.certificate!.number, '甲店', '乙店', '2024-12-01', sha('own recording'), '申请人：both', '批准人：wang', '6月']) expect(text).toContain(s.replace(/\s+/g, ''));
    const json = fs.readFileSync(unit.storedPath(done.certificate!.json.sha256), 'utf8');
    const { pem } = value(await unit.archivist.signing.exportCertificate({}));
    const trusted = [certificateToDer(pem)];
    expect(verifyCertificateJson(json, trusted)).toMatchObject({ isValid: true, reasons: [] });
    expect(JSON.parse(json)).toMatchObject({ requestedBy: 'both', approvedBy: 'wang', records: [{ name: a.name, files: [{ sha256: sha('own recording') }] }, { name: d.name }] });
    expect(verifyCertificateJson(json.replace('甲店', '戊店'), trusted).isValid).toBe(false);

    // Decided once only.
    expect(await both.erecords.rejectDisposal({ disposalId: asked.id, reason: '晚了' })).toMatchObject({ ok: false, error: { code: 'conflict' } });

    const log = value(await unit.auditor.audit.list({ action: 'erecords.approveDisposal' })).items;
    expect(log.map((e) => [e.actor, e.outcome])).toEqual([
      ['wang', 'ok'],
      ['wang', 'denied'],
      ['liu', 'denied'],
      ['both', 'denied'],
    ]);
    expect(log[0]).toMatchObject({ target: `erecord-disposal:${asked.id}` });
    expect(log[0]!.detail).toContain('删除 1 个存储文件（1 个另有登记引用，保留）');
    expect(value(await unit.auditor.audit.list({ action: 'erecords.requestDisposal' })).items.map((e) => [e.actor, e.outcome])).toEqual([
      ['liu', 'failed'],
      ['both', 'ok'],
      ['wang', 'denied'],
    ]);
  });

  it('a rejection keeps the records, which may be asked for again', async () => {
    unit = await erecordsUnit();
    const { a } = await registered(unit);
    await unit.at('2024-12-02T01:00:00Z');
    const asked = value(await unit.archivist.erecords.requestDisposal({ recordIds: [a.id], reason: '保存期满' }));
    expect(await unit.head.erecords.rejectDisposal({ disposalId: asked.id, reason: '' })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(value(await unit.head.erecords.rejectDisposal({ disposalId: asked.id, reason: '涉及投诉，暂缓' }))).toMatchObject({ status: 'rejected', decidedBy: 'wang', decisionNote: '涉及投诉，暂缓' });
    expect(value(await unit.archivist.erecords.get({ recordId: a.id }))).toMatchObject({ status: 'kept', isDue: true });
    expect(fs.existsSync(unit.storedPath(sha('own recording')))).toBe(true);
    expect(value(await unit.archivist.erecords.requestDisposal({ recordIds: [a.id], reason: '投诉已办结' })).status).toBe('pending');
  });

  it('without the unit’s signing key nothing is disposed', async () => {
    unit = await erecordsUnit();
    const { a } = await registered(unit);
    await unit.at('2024-12-02T01:00:00Z');
    const asked = value(await unit.archivist.erecords.requestDisposal({ recordIds: [a.id], reason: '保存期满' }));
    expect(await unit.head.erecords.approveDisposal({ disposalId: asked.id, confirmPassword: PASSWORD })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(value(await unit.archivist.erecords.get({ recordId: a.id })).status).toBe('disposal-requested');
    expect(fs.existsSync(unit.storedPath(sha('own recording')))).toBe(true);
  });

  it('two approvals at once: one carries it out, the other leaves nothing behind', async () => {
    unit = await erecordsUnit({ signingKey: true });
    const { a } = await registered(unit);
    const leader = await unit.signIn('zhao', ['leader']);
    await unit.at('2024-12-02T01:00:00Z');
    const asked = value(await unit.archivist.erecords.requestDisposal({ recordIds: [a.id], reason: '保存期满' }));
    const outcomes = await Promise.all([
      unit.head.erecords.approveDisposal({ disposalId: asked.id, confirmPassword: PASSWORD }),
      leader.erecords.approveDisposal({ disposalId: asked.id, confirmPassword: PASSWORD }),
    ]);
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    expect(outcomes.filter((o) => !o.ok)).toMatchObject([{ error: { code: 'conflict' } }]);
    const { stored, rows } = storeAndRows(unit.dir);
    expect(stored).toEqual(rows);
    expect(value(await unit.archivist.erecords.disposals({}))).toMatchObject([{ status: 'approved' }]);
  });

  it('bytes left by a crash between the commit and their removal are removed by the next disposal', async () => {
    unit = await erecordsUnit({ signingKey: true });
    const { a, d } = await registered(unit);
    await unit.at('2024-12-02T01:00:00Z');
    const first = value(await unit.archivist.erecords.requestDisposal({ recordIds: [a.id], reason: '保存期满' }));
    value(await unit.head.erecords.approveDisposal({ disposalId: first.id, confirmPassword: PASSWORD }));
    // As if the process had died after the commit: the disposed bytes are still in the store.
    const leftover = unit.storedPath(sha('own recording'));
    fs.writeFileSync(leftover, 'own recording', { mode: 0o444 });
    const second = value(await unit.archivist.erecords.requestDisposal({ recordIds: [d.id], reason: '保存期满' }));
    value(await unit.head.erecords.approveDisposal({ disposalId: second.id, confirmPassword: PASSWORD }));
    expect(fs.existsSync(leftover)).toBe(false);
    const { stored, rows } = storeAndRows(unit.dir);
    expect(stored).toEqual(rows);
  });
});
