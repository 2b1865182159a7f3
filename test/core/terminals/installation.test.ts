import { createHash, createPublicKey, createPrivateKey } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { groupFingerprint } from '../../../src/contract';
import { fingerprintOf, terminalIdOf } from '../../../src/core/terminals/fingerprint';
import { loadInstallationTerminal } from '../../../src/core/terminals/installation';
import { tempDir } from '../../helpers/core';

const AT = '2024-06-01T08:00:00.000Z';

describe('fingerprints and ids', () => {
  it('is the SHA-256 of the SPKI DER in upper-case hex, and the id its first 12 digits', () => {
    const der = Buffer.from('not really a key, but bytes are bytes');
    const expected = createHash('sha256').update(der).digest('hex').toUpperCase();
    expect(fingerprintOf(der)).toBe(expected);
    expect(terminalIdOf(expected)).toBe(`T-${expected.slice(0, 12)}`);
  });

  it('groups the first 20 digits in fours for people, marking that more follow', () => {
    const fp = '3F2A91C0B4D2E5F60718293A4B5C6D7E8F9001122334455667788990AABBCCDD';
    expect(groupFingerprint(fp)).toBe('3F2A 91C0 B4D2 E5F6 0718 …');
    expect(groupFingerprint('abcd1234', 20)).toBe('ABCD 1234');
  });
});

describe('the installation terminal', () => {
  it('makes an Ed25519 key at first start (mode 0600) and is the same terminal at the next', () => {
    const dir = tempDir();
    const first = loadInstallationTerminal(dir, AT);
    const keyFile = path.join(dir, 'terminal-key.pem');
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    const publicKey = createPublicKey(createPrivateKey(fs.readFileSync(keyFile)));
    expect(publicKey.asymmetricKeyType).toBe('ed25519');
    const spki = publicKey.export({ format: 'der', type: 'spki' });
    expect(first.fingerprint).toBe(createHash('sha256').update(spki).digest('hex').toUpperCase());
    expect(first.id).toMatch(/^T-[0-9A-F]{12}$/);
    expect(first.id).toBe(`T-${first.fingerprint.slice(0, 12)}`);
    expect(first.legacyId).toBeNull();
    expect(loadInstallationTerminal(dir, '2025-01-01T00:00:00.000Z')).toEqual(first);
  });

  it('keeps the random id of an older data folder as its legacy id', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'terminal.json'), JSON.stringify({ id: 'T-0A1B2C3D4E5F', createdAt: AT }));
    const t = loadInstallationTerminal(dir, AT);
    expect(t.legacyId).toBe('T-0A1B2C3D4E5F');
    expect(t.id).not.toBe('T-0A1B2C3D4E5F');
    expect(loadInstallationTerminal(dir, AT)).toEqual(t);
  });

  it('refuses to start with a replaced or missing key rather than become another terminal unnoticed', () => {
    const dir = tempDir();
    loadInstallationTerminal(dir, AT);
    const other = tempDir();
    loadInstallationTerminal(other, AT);
    fs.copyFileSync(path.join(other, 'terminal-key.pem'), path.join(dir, 'terminal-key.pem'));
    expect(() => loadInstallationTerminal(dir, AT)).toThrow(/不相符/);
    fs.rmSync(path.join(dir, 'terminal-key.pem'));
    expect(() => loadInstallationTerminal(dir, AT)).toThrow(/缺失/);
  });

  it('refuses a damaged terminal.json', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'terminal.json'), '{"id": "not an id"}');
    expect(() => loadInstallationTerminal(dir, AT)).toThrow(/已损坏/);
  });
});
