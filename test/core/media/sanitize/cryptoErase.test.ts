import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { ArchiveApi } from '../../../../src/contract';
import { passphraseProtector } from '../../../../src/core/pdf/sign';
import { decryptFile, keyIdOf } from '../../../../src/core/media/sanitize/contentCipher';
import { newCaller, PASSWORD, tempDir, value } from '../../../helpers/core';
import { dossierUnit, signedFixtureCase, type DossierUnit } from '../../dossier/unit';

let unit: DossierUnit | undefined;
const dirs: string[] = [];
afterEach(() => {
  unit?.core.close();
  if (unit) fs.rmSync(unit.dir, { recursive: true, force: true });
  unit = undefined;
  dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true }));
});

/** The same sealing the test unit uses for its signing key (dossierUnit), so the test can unseal what the app sealed. */
const protector = passphraseProtector('单位签章口令-2024', { logN: 14 });

async function person(u: DossierUnit, username: string, roles: Parameters<ArchiveApi['users']['create']>[0]['roles'], department: string): Promise<ArchiveApi> {
  value(await u.admin.users.create({ username, displayName: username, department, roles, password: PASSWORD }));
  const client = u.core.client(newCaller());
  value(await client.auth.login({ username, password: PASSWORD }));
  return client;
}

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

describe('media.writeRecords and media.cryptoErase (issue 6 items 5, 8)', () => {
  it('writes the case’s signed records encrypted with the medium key; after the erase nothing the app or the database holds can decrypt them', async () => {
    unit = await dossierUnit();
    const u = unit;
    const { caseId } = await signedFixtureCase(u, { withService: false });
    const officer = await person(u, 'officer', ['security-officer'], '办公室');
    const head = await person(u, 'head', ['department-head'], '档案室');
    const keeper = await person(u, 'keeper', ['info-centre'], '信息中心');
    await person(u, 'witness', ['auditor'], '办公室');
    const medium = tempDir('medium-folder-');
    dirs.push(medium);

    value(await officer.media.register({ tag: 'NTYC-2026-0101', kind: 'ssd', classification: '内部', department: '档案室', device: medium }));
    // Not checked out to the archivist yet: refused before anything is written.
    const early = await u.archivist.media.writeRecords({ device: medium, caseId, classification: '非涉密' });
    expect(early).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const checkout = value(await u.archivist.media.checkout({ tag: 'NTYC-2026-0101', purpose: '移交案卷材料', days: 7 }));
    value(await head.media.approve({ requestId: checkout.id, confirmPassword: PASSWORD }));
    value(await keeper.media.approve({ requestId: checkout.id, confirmPassword: PASSWORD }));
    value(await keeper.media.handover({ requestId: checkout.id }));

    // §6.1.3 f: a 内部 medium never receives 秘密 records.
    expect(await u.archivist.media.writeRecords({ device: medium, caseId, classification: '秘密' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const written = value(await u.archivist.media.writeRecords({ device: medium, caseId, classification: '内部' }));
    expect(written.isEncrypted).toBe(true);
    expect(written.files.length).toBe(4);
    const files = walk(medium).filter((f) => f.endsWith('.dwenc'));
    expect(files).toHaveLength(4);
    expect(value(await officer.media.get({ tag: 'NTYC-2026-0101' })).hasContentKey).toBe(true);
    expect(value(await officer.media.wipePlan({ tag: 'NTYC-2026-0101' })).method).toBe('crypto-erase');

    const db = new Database(path.join(u.dir, 'archive.db'), { readonly: true });
    const keyRow = db.prepare('SELECT key_id, sealed_key FROM media_keys').get() as { key_id: string; sealed_key: Buffer };
    db.close();
    const key = protector.unprotect(keyRow.sealed_key);
    // Positive control: the key in the database decrypts every file to the signed PDF in the store, and
    // the ciphertext holds no piece of that plaintext.
    for (const f of files) {
      expect(keyIdOf(f)).toBe(keyRow.key_id);
      const plain = decryptFile(f, key);
      expect(plain.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const cipher = fs.readFileSync(f);
      for (const at of [0, 100, Math.floor(plain.length / 2), plain.length - 32]) expect(cipher.indexOf(plain.subarray(at, at + 16))).toBe(-1);
    }
    // A flipped byte anywhere is refused, not decrypted to something else.
    const tampered = path.join(medium, 'tampered.dwenc');
    const bytes = fs.readFileSync(files[0]!);
    bytes[bytes.length - 40]! ^= 1;
    fs.writeFileSync(tampered, bytes);
    expect(() => decryptFile(tampered, key)).toThrow(/密钥不对|改动/);
    fs.rmSync(tampered);

    // Positive control for the scan below: before the erase, the sealed key is in the database or its WAL.
    const probe = keyRow.sealed_key.subarray(keyRow.sealed_key.length - 32);
    const holders = () => ['archive.db', 'archive.db-wal'].map((f) => path.join(u.dir, f)).filter((p) => fs.existsSync(p) && fs.readFileSync(p).indexOf(probe) >= 0);
    expect(holders().length).toBeGreaterThan(0);

    const wipe = value(await officer.media.wipeRequest({ tag: 'NTYC-2026-0101', reason: '移交完毕，销毁介质密钥', destination: 'reuse' }));
    value(await head.media.approve({ requestId: wipe.id, confirmPassword: PASSWORD }));
    expect(await officer.media.cryptoErase({ tag: 'NTYC-2026-0101', witness: 'witness', witnessPassword: 'wrong', confirmPassword: PASSWORD })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const erased = value(await officer.media.cryptoErase({ tag: 'NTYC-2026-0101', witness: 'witness', witnessPassword: PASSWORD, confirmPassword: PASSWORD }));
    expect(erased).toMatchObject({ method: 'crypto-erase', isVerified: true, certificate: { method: 'crypto-erase', category: 'purge', witness: 'witness' } });
    expect(erased.verificationDetail).toContain(keyRow.key_id);

    // No key is left in the database that could decrypt the medium's files.
    const after = new Database(path.join(u.dir, 'archive.db'), { readonly: true });
    const keys = after.prepare('SELECT sealed_key FROM media_keys').all() as { sealed_key: Buffer }[];
    after.close();
    expect(keys).toEqual([]);
    // The sealed key's bytes are nowhere in the database file or its WAL (secure_delete, WAL truncated).
    expect(holders()).toEqual([]);
    const status = value(await officer.media.get({ tag: 'NTYC-2026-0101' }));
    expect(status).toMatchObject({ status: 'wiped', hasContentKey: false });
    // A second erase has nothing to destroy.
    expect(await officer.media.cryptoErase({ tag: 'NTYC-2026-0101', witness: 'witness', witnessPassword: PASSWORD, confirmPassword: PASSWORD })).toMatchObject({ ok: false });
  });
});
