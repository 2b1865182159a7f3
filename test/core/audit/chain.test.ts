import { describe, expect, it } from 'vitest';
import { GENESIS_HASH, canonicalEncoding, entryHash, findChainBreak, type AuditFields } from '../../../src/core/audit/chain';

function chain(n: number): (AuditFields & { hash: string })[] {
  const out: (AuditFields & { hash: string })[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const f: AuditFields = { seq, at: `2024-01-0${seq}T00:00:00Z`, actor: 'a', action: 'cases.create', target: `case:${seq}`, terminalId: 'T-1', channel: 'cli', outcome: 'ok', detail: '', prevHash: prev };
    prev = entryHash(f);
    out.push({ ...f, hash: prev });
  }
  return out;
}

describe('audit chain', () => {
  it('encodes canonically as a JSON array in fixed field order', () => {
    const f = chain(1)[0]!;
    expect(canonicalEncoding(f)).toBe(JSON.stringify([1, f.at, 'a', 'cases.create', 'case:1', 'T-1', 'cli', 'ok', '', GENESIS_HASH]));
  });

  it('accepts an intact chain and reports its head', () => {
    const c = chain(4);
    expect(findChainBreak(c)).toEqual({ count: 4, headHash: c[3]!.hash, broken: null });
    expect(findChainBreak([])).toEqual({ count: 0, headHash: GENESIS_HASH, broken: null });
  });

  it('finds an edited entry', () => {
    const c = chain(4);
    c[2] = { ...c[2]!, actor: 'mallory' };
    expect(findChainBreak(c).broken).toMatchObject({ seq: 3, reason: expect.stringContaining('被修改') });
  });

  it('finds a deleted entry', () => {
    const c = chain(4);
    c.splice(1, 1);
    expect(findChainBreak(c).broken).toMatchObject({ seq: 2, reason: expect.stringContaining('删除') });
  });

  it('finds an inserted entry even with a consistent own hash', () => {
    const c = chain(3);
    const forged: AuditFields = { ...c[1]!, seq: 2, detail: 'forged', prevHash: c[0]!.hash };
    const renumbered = [c[0]!, { ...forged, hash: entryHash(forged) }, { ...c[1]!, seq: 3 }, { ...c[2]!, seq: 4 }];
    expect(findChainBreak(renumbered).broken?.seq).toBe(3);
  });

  it('finds reordered entries', () => {
    const c = chain(4);
    const swapped = [c[0]!, { ...c[2]!, seq: 2 }, { ...c[1]!, seq: 3 }, c[3]!];
    expect(findChainBreak(swapped).broken?.seq).toBe(2);
  });
});
