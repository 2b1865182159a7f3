import Database from 'better-sqlite3';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import { newCaller, sampleCase, setUpUnit, tempDir, value, type TestUnit } from '../../helpers/core';
import { selfSigned } from '../../helpers/certificates';

let unit: TestUnit;
afterEach(() => unit?.close());

/** A second connection, as someone with a SQLite tool and the database file would have. */
function tamper(u: TestUnit, sql: string) {
  const raw = new Database(path.join(u.dir, 'archive.db'));
  raw.exec('DROP TRIGGER IF EXISTS audit_no_update; DROP TRIGGER IF EXISTS audit_no_delete;');
  raw.exec(sql);
  raw.close();
}

async function unitWithEntries() {
  unit = await setUpUnit(undefined, { signingKey: true });
  const officer = await unit.signIn('chen', ['case-officer']);
  for (let i = 1; i <= 3; i++) value(await officer.cases.create(sampleCase(`通烟立〔2024〕第${i}号`)));
  const auditor = await unit.signIn('shen', ['auditor']);
  return auditor;
}

describe('audit log', () => {
  it('records who, what, on what, when, where and the outcome of each change', async () => {
    const auditor = await unitWithEntries();
    const page = value(await auditor.audit.list({ action: 'cases.create' }));
    expect(page.total).toBe(3);
    expect(page.items[0]).toMatchObject({ actor: 'chen', action: 'cases.create', target: 'case:通烟立〔2024〕第3号', terminalId: unit.core.terminalId, channel: 'cli', outcome: 'ok' });
    expect(page.items[0]!.at).toBe('2024-06-01T08:00:00.000Z');
  });

  it('refuses UPDATE and DELETE in the database itself', async () => {
    await unitWithEntries();
    const raw = new Database(path.join(unit.dir, 'archive.db'));
    expect(() => raw.prepare("UPDATE audit_log SET actor = 'x' WHERE seq = 1").run()).toThrow(/不能修改/);
    expect(() => raw.prepare('DELETE FROM audit_log WHERE seq = 1').run()).toThrow(/不能删除/);
    raw.close();
  });

  it('verifies an intact chain', async () => {
    const auditor = await unitWithEntries();
    const result = value(await auditor.audit.verify({}));
    expect(result).toMatchObject({ isIntact: true, broken: null });
    expect(result.count).toBeGreaterThanOrEqual(6);
  });

  it.each([
    ['edited', "UPDATE audit_log SET actor = 'mallory' WHERE seq = 4", 4, '被修改'],
    ['deleted', 'DELETE FROM audit_log WHERE seq = 3', 3, '删除'],
    ['reordered', "UPDATE audit_log SET seq = -1 WHERE seq = 3; UPDATE audit_log SET seq = 3 WHERE seq = 4; UPDATE audit_log SET seq = 4 WHERE seq = -1", 3, '调换'],
    [
      'inserted',
      "UPDATE audit_log SET seq = seq + 1000 WHERE seq >= 3; UPDATE audit_log SET seq = seq - 999 WHERE seq >= 1003; INSERT INTO audit_log SELECT 3, at, actor, action, target, terminal_id, channel, outcome, 'forged', prev_hash, hash FROM audit_log WHERE seq = 2",
      3,
      '',
    ],
  ])('finds an %s entry after the triggers were dropped', async (_kind, sql, seq, words) => {
    const auditor = await unitWithEntries();
    tamper(unit, sql);
    const result = value(await auditor.audit.verify({}));
    expect(result.isIntact).toBe(false);
    expect(result.broken?.seq).toBe(seq);
    expect(result.broken?.reason).toContain(words);
  });

  it('exports a checkpoint and detects a log cut back before it', async () => {
    const auditor = await unitWithEntries();
    const cp = value(await auditor.audit.checkpoint());
    expect(cp).toMatchObject({ format: 'dossier-audit-checkpoint/2', fondsNumber: 'J032', terminalId: unit.core.terminalId, signer: { subject: expect.stringContaining('南通市烟草专卖局') } });
    // The log keeps growing after the checkpoint; that is fine.
    expect(value(await auditor.audit.verify({ checkpoint: cp })).checkpoint).toMatchObject({ matches: true });
    tamper(unit, `DELETE FROM audit_log WHERE seq >= ${cp.count - 1}`);
    const result = value(await auditor.audit.verify({ checkpoint: cp }));
    expect(result.isIntact).toBe(false);
    expect(result.checkpoint).toMatchObject({ matches: false, reason: expect.stringContaining('截短') });
  });

  it('detects a chain rewritten consistently before the checkpoint', async () => {
    const auditor = await unitWithEntries();
    const cp = value(await auditor.audit.checkpoint());
    // Rebuild the whole chain with an altered entry, as a tamperer who knows the algorithm would.
    const raw = new Database(path.join(unit.dir, 'archive.db'));
    raw.exec('DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;');
    const { entryHash, GENESIS_HASH } = await import('../../../src/core/audit/chain');
    const rows = raw.prepare('SELECT * FROM audit_log ORDER BY seq').all() as {
      seq: number; at: string; actor: string; action: string; target: string; terminal_id: string; channel: string; outcome: string; detail: string;
    }[];
    let prev = GENESIS_HASH;
    for (const r of rows) {
      const f = { seq: r.seq, at: r.at, actor: r.seq === 2 ? 'mallory' : r.actor, action: r.action, target: r.target, terminalId: r.terminal_id, channel: r.channel, outcome: r.outcome, detail: r.detail, prevHash: prev };
      prev = entryHash(f);
      raw.prepare('UPDATE audit_log SET actor = ?, prev_hash = ?, hash = ? WHERE seq = ?').run(f.actor, f.prevHash, prev, r.seq);
    }
    raw.close();
    const result = value(await auditor.audit.verify({ checkpoint: cp }));
    expect(result.broken).toBeNull();
    expect(result.checkpoint).toMatchObject({ matches: false, reason: expect.stringContaining('改写') });
    expect(result.isIntact).toBe(false);
  });

  describe('the checkpoint is signed with the unit certificate', () => {
    it('verifies its signature, also with openssl, and after the certificate was rotated', async () => {
      const auditor = await unitWithEntries();
      const cp = value(await auditor.audit.checkpoint());
      if (cp.format !== 'dossier-audit-checkpoint/2') throw new Error(cp.format);
      expect(value(await auditor.audit.verify({ checkpoint: cp })).checkpoint).toMatchObject({ matches: true, signature: { isValid: true, signer: expect.stringContaining('南通市烟草专卖局') } });

      // Independently: openssl checks the CMS over the same payload bytes against the unit certificate.
      const dir = tempDir();
      const { checkpointPayload } = await import('../../../src/core/audit/checkpoint');
      fs.writeFileSync(path.join(dir, 'payload'), checkpointPayload(cp));
      fs.writeFileSync(path.join(dir, 'sig.der'), Buffer.from(cp.signature, 'base64'));
      fs.writeFileSync(path.join(dir, 'unit.pem'), value(await unit.admin.signing.exportCertificate()).pem);
      const openssl = spawnSync('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', path.join(dir, 'sig.der'), '-content', path.join(dir, 'payload'), '-CAfile', path.join(dir, 'unit.pem'), '-purpose', 'any', '-out', '/dev/null'], { encoding: 'utf8' });
      expect(openssl.stderr).toContain('Verification successful');

      value(await unit.admin.signing.rotate({}));
      expect(value(await auditor.audit.verify({ checkpoint: cp })).checkpoint?.signature.isValid).toBe(true);
    });

    it.each([
      ['a changed count', (cp: Record<string, unknown>) => ({ ...cp, count: (cp.count as number) - 1 }), '摘要与内容不符'],
      ['a changed hash', (cp: Record<string, unknown>) => ({ ...cp, headHash: 'f'.repeat(64) }), '摘要与内容不符'],
      ['a cut signature', (cp: Record<string, unknown>) => ({ ...cp, signature: (cp.signature as string).slice(0, 200) }), '无法解析'],
      ['no signature (old format)', (cp: Record<string, unknown>) => ({ format: 'dossier-audit-checkpoint/1', fondsNumber: cp.fondsNumber, terminalId: cp.terminalId, count: cp.count, headHash: cp.headHash, at: cp.at }), '未签名'],
    ])('refuses a checkpoint with %s, even when the log is intact', async (_what, edit, words) => {
      const auditor = await unitWithEntries();
      const cp = value(await auditor.audit.checkpoint());
      const result = value(await auditor.audit.verify({ checkpoint: edit(cp as unknown as Record<string, unknown>) as unknown as typeof cp }));
      expect(result.broken).toBeNull();
      expect(result.isIntact).toBe(false);
      expect(result.checkpoint?.signature).toMatchObject({ isValid: false, reason: expect.stringContaining(words) });
    });

    it('refuses a checkpoint signed by a certificate that is not the unit\'s, with the same name', async () => {
      const auditor = await unitWithEntries();
      const cp = value(await auditor.audit.checkpoint());
      if (cp.format !== 'dossier-audit-checkpoint/2') throw new Error(cp.format);
      // A forger makes a certificate with our unit's name and signs our very values with it.
      const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      const forgedCert = selfSigned('南通市烟草专卖局', privateKey, publicKey);
      const { checkpointPayload } = await import('../../../src/core/audit/checkpoint');
      const { signDetached } = await import('../../../src/core/signing/detachedCms');
      const { signerFromKey } = await import('../../../src/core/pdf/sign');
      const signature = await signDetached(checkpointPayload(cp), signerFromKey(forgedCert, privateKey));
      const result = value(await auditor.audit.verify({ checkpoint: { ...cp, signature: signature.toString('base64') } }));
      expect(result.isIntact).toBe(false);
      expect(result.checkpoint?.signature).toMatchObject({ isValid: false, reason: expect.stringContaining('不是本单位受信任的签章证书') });
    });

    it('cannot be made without the unit certificate', async () => {
      unit = await setUpUnit();
      const auditor = await unit.signIn('shen', ['auditor']);
      expect(await auditor.audit.checkpoint()).toMatchObject({ ok: false, error: { message: expect.stringContaining('本单位还没有签章证书，不能签署审计检查点') } });
    });
  });

  it('logs refusals, with the caller and the reason', async () => {
    const auditor = await unitWithEntries();
    const anonymous = unit.core.client(newCaller('web'));
    expect((await anonymous.cases.list({})).ok).toBe(false);
    expect(await auditor.cases.list({})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const denied = value(await auditor.audit.list({ action: 'cases.list' })).items;
    expect(denied.map((e) => [e.actor, e.outcome, e.channel])).toEqual([
      ['shen', 'denied', 'cli'],
      ['（未登录）', 'denied', 'web'],
    ]);
    expect(denied[0]!.detail).toContain('查看案件');
  });
});
