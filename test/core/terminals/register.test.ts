import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/core/store/db';
import { isDesignatedTerminal, registerSeen, setDesignation } from '../../../src/core/terminals/register';
import { tempDir } from '../../helpers/core';

const FP = 'ABCDEF012345'.padEnd(64, '0');
const OTHER = 'ABCDEF012345'.padEnd(64, '1');
const AT = '2024-06-01T08:00:00.000Z';
const seen = (fingerprint: string) => ({ id: 'T-ABCDEF012345', fingerprint, publicKey: 'AA==', kind: 'browser' as const, label: '', legacyId: null });

describe('the terminals table (migration 0010)', () => {
  it('ties an id to its fingerprint; a second key with the same id prefix never borrows a designation', () => {
    const db = openDatabase(path.join(tempDir(), 'a.db'));
    const insert = "INSERT INTO terminals (id, fingerprint, public_key, kind, first_seen_at, last_seen_at) VALUES (?, ?, 'AA==', 'browser', '', '')";
    expect(() => db.prepare(insert).run('T-000000000000', FP)).toThrow(/CHECK/);
    expect(() => db.prepare(insert).run('T-ABCDEF012345', FP.toLowerCase())).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO terminals (id, fingerprint, public_key, kind, first_seen_at, last_seen_at) VALUES ('T-ABCDEF012345', ?, 'AA==', 'phone', '', '')").run(FP)).toThrow(/CHECK/);

    expect(registerSeen(db, seen(FP), AT)).toBe(true);
    setDesignation(db, 'T-ABCDEF012345', true, 'anquan', AT, '');
    expect(isDesignatedTerminal(db, 'T-ABCDEF012345', FP)).toBe(true);
    expect(registerSeen(db, seen(OTHER), AT)).toBe(false);
    expect(isDesignatedTerminal(db, 'T-ABCDEF012345', OTHER)).toBe(false);
    expect(isDesignatedTerminal(db, 'T-ABCDEF012345', null)).toBe(false);
    db.close();
  });
});
