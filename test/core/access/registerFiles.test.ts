import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { Role } from '../../../src/contract';
import { newCaller, PASSWORD, setUpUnit, value, type TestUnit } from '../../helpers/core';

/**
 * Files of the media register (labels, filed checkouts, certificates of sanitization) go to those who may
 * read the register — the security officer and the information centre hold no `cases.read` — and a filed
 * checkout to the person who asked for it; nobody else, and never through the case rules.
 */
let unit: TestUnit;
afterEach(() => unit?.close());

async function person(username: string, roles: Role[]) {
  value(await unit.admin.users.create({ username, displayName: username, department: '信息中心', roles, password: PASSWORD }));
  const caller = newCaller();
  value(await unit.core.client(caller).auth.login({ username, password: PASSWORD }));
  return (fileId: number, intent: 'view' | 'download' = 'view') => unit.core.openFile(String(fileId), caller, { intent });
}

/** Rows as the media features write them: a medium, a filed checkout by `asker`, a certificate and a label sheet. */
function mediaFiles(asker: string) {
  const db = new Database(path.join(unit.dir, 'archive.db'));
  const file = (name: string) => Number(db.prepare("INSERT INTO files (sha256, size, name, media_type, stored_at) VALUES (?, 1, ?, 'application/pdf', '2024-06-01T08:00:00Z')").run(name.padEnd(64, '0').slice(0, 64), name).lastInsertRowid);
  const medium = Number(db.prepare("INSERT INTO media (tag, kind, classification, department, registered_at, registered_by) VALUES ('NTYC-2024-0001', 'usb-flash', '非涉密', '信息中心', 'x', 'x')").run().lastInsertRowid);
  const filed = file('aaaa');
  db.prepare("INSERT INTO media_requests (medium_id, kind, requested_by, requested_at, purpose, status, filed_file_id) VALUES (?, 'checkout', ?, 'x', '外出检查', 'approved', ?)").run(medium, asker, filed);
  const pdf = file('bbbb');
  const json = file('cccc');
  db.prepare("INSERT INTO sanitization_certificates (number, medium_id, method, data, pdf_file_id, json_file_id, issued_at) VALUES ('QC-2024-0001', ?, 'overwrite-1', '{}', ?, ?, 'x')").run(medium, pdf, json);
  const label = file('dddd');
  db.prepare("INSERT INTO media_label_sheets (file_id, tags, size, made_by, made_at) VALUES (?, 'NTYC-2024-0001', '60x40', 'x', 'x')").run(label);
  db.close();
  return { filed, pdf, json, label };
}

describe('files of the media register', () => {
  it('go to holders of media.read and to the asker of a filed checkout, to nobody else', async () => {
    unit = await setUpUnit();
    const securityOfficer = await person('infosec', ['security-officer']);
    const asker = await person('chen', ['case-officer']);
    const stranger = await person('reader1', ['reader']);
    const files = mediaFiles('chen');

    for (const id of [files.filed, files.pdf, files.json, files.label]) {
      expect(securityOfficer(id)).toMatchObject({ ok: true });
      expect(securityOfficer(id, 'download')).toMatchObject({ ok: true });
      expect(stranger(id)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    // The case officer may read the register too; the asker's receipt is theirs in any case.
    expect(asker(files.filed)).toMatchObject({ ok: true });
  });

  it('still keeps case files from a role without cases.read', async () => {
    unit = await setUpUnit();
    const securityOfficer = await person('infosec', ['security-officer']);
    const db = new Database(path.join(unit.dir, 'archive.db'));
    const id = Number(db.prepare("INSERT INTO files (sha256, size, name, media_type, stored_at) VALUES (?, 1, 'x.pdf', 'application/pdf', 'x')").run('e'.repeat(64)).lastInsertRowid);
    db.close();
    expect(securityOfficer(id)).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('查看案件') } });
  });
});

describe('files of the electronic records', () => {
  it('go to holders of erecords.read, not to roles without it', async () => {
    unit = await setUpUnit();
    const archivist = await person('dang', ['archivist']);
    const securityOfficer = await person('infosec', ['security-officer']);
    const reader = await person('reader1', ['reader']);
    const db = new Database(path.join(unit.dir, 'archive.db'));
    const id = Number(db.prepare("INSERT INTO files (sha256, size, name, media_type, stored_at) VALUES (?, 1, 'rec.mp4', 'video/mp4', 'x')").run('f'.repeat(64)).lastInsertRowid);
    const record = Number(
      db
        .prepare(
          `INSERT INTO electronic_records (name, base_name, name_seq, retention_class, activity_type, unit_name, squad, party, recorder, classification,
             ended_at, uploaded_at, upload_deadline, is_late, party_confirmed, registered_by, registered_at)
           VALUES ('n', 'n', 1, 'market-undisputed', '市场检查', '南通市烟草专卖局', '一中队', '张三', '李四', '非涉密', 'x', 'x', 'x', 0, 0, 'x', 'x')`,
        )
        .run().lastInsertRowid,
    );
    db.prepare("INSERT INTO electronic_record_files (record_id, position, file_id, name, sha256, size, media_type) VALUES (?, 1, ?, 'rec.mp4', ?, 1, 'video/mp4')").run(record, id, 'f'.repeat(64));
    db.close();
    expect(archivist(id)).toMatchObject({ ok: true });
    expect(securityOfficer(id)).toMatchObject({ ok: true });
    expect(reader(id)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
