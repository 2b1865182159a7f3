import { afterEach, describe, expect, it } from 'vitest';
import { createCore } from '../../../src/core/createCore';
import { passphraseProtector } from '../../../src/core/pdf/sign';
import type { Core } from '../../../src/core/types';
import { FIXTURE_FOLDER, newCaller, PASSWORD, tempDir, value } from '../../helpers/core';

let core: Core | undefined;
afterEach(() => core?.close());

/** pdf.verify by fileId: the viewer's signature panel, which knows a stored version only by its id. */
describe('pdf.verify of a stored file', () => {
  it('verifies a record’s signed version by file id, needs cases.read, and wants exactly one of path and fileId', async () => {
    core = createCore({ dataDir: tempDir(), scryptCost: 1024, keyProtector: passphraseProtector('单位签章口令-2024', { logN: 14 }), signingKeyBits: 2048 });
    const admin = core.client(newCaller());
    value(await admin.setup.initialize({ compilingUnit: '南通市烟草专卖局', fondsNumber: 'J032', admin: { username: 'admin', displayName: '管理员', department: '办公室', password: PASSWORD } }));
    value(await admin.users.create({ username: 'liu', displayName: '刘芳', department: '档案室', roles: ['archivist'], password: PASSWORD }));
    const archivist = core.client(newCaller());
    value(await archivist.auth.login({ username: 'liu', password: PASSWORD }));
    const imported = value(await archivist.cases.importFolder({ folder: FIXTURE_FOLDER }));
    const record = value(await archivist.cases.get({ caseId: imported.case.id })).records[0]!;
    const version = value(await archivist.records.convert({ recordId: record.id }));

    const result = value(await archivist.pdf.verify({ fileId: version.file.id }));
    expect(result).toMatchObject({ status: 'valid', isValid: true, isSignerTrusted: true, fileSha256: version.file.sha256 });
    expect(result.signer?.subject).toContain('南通市烟草专卖局');

    expect(await archivist.pdf.verify({ fileId: '999999' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await archivist.pdf.verify({})).toMatchObject({ ok: false, error: { code: 'bad-request', field: 'path' } });
    expect(await archivist.pdf.verify({ path: '/tmp/a.pdf', fileId: version.file.id })).toMatchObject({ ok: false, error: { code: 'bad-request' } });

    // The system administrator may verify files on disk but may not read case material from the store.
    expect(await admin.pdf.verify({ fileId: version.file.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // Nor may a case officer who is not one of the people of the case (the one access policy, §4.10.1).
    value(await admin.users.create({ username: 'zhou', displayName: '周敏', department: '专卖监督管理科', roles: ['case-officer'], password: PASSWORD }));
    const stranger = core.client(newCaller());
    value(await stranger.auth.login({ username: 'zhou', password: PASSWORD }));
    expect(await stranger.pdf.verify({ fileId: version.file.id })).toMatchObject({ ok: false, error: { code: 'forbidden', field: 'fileId' } });
  }, 60_000);
});
