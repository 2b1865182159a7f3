import { describe, expect, expectTypeOf, it } from 'vitest';
import { buildClient, METHOD_NAMES, REQUEST_SCHEMAS, type ArchiveApi, type MethodName, type ResponseMap } from '../../src/contract';
import { HANDLERS } from '../../src/core/createCore';

type Flatten<A> = { [N in keyof A & string]: { [V in keyof A[N] & string]: `${N}.${V}` }[keyof A[N] & string] }[keyof A & string];

describe('the contract', () => {
  it('has one method list that the interface, the responses and the core all agree with', () => {
    expectTypeOf<Flatten<ArchiveApi>>().toEqualTypeOf<MethodName>();
    expectTypeOf<keyof ResponseMap>().toEqualTypeOf<MethodName>();
    expect(Object.keys(HANDLERS).sort()).toEqual([...METHOD_NAMES].sort());
    expect(Object.keys(REQUEST_SCHEMAS)).toEqual(METHOD_NAMES);
  });

  it('builds a client whose every method reaches invoke with its own name', async () => {
    const seen: string[] = [];
    const client = buildClient(async (method) => {
      seen.push(method);
      return { ok: true, value: null };
    });
    for (const m of METHOD_NAMES) {
      const [ns, verb] = m.split('.') as [string, string];
      await (client as unknown as Record<string, Record<string, () => Promise<unknown>>>)[ns]![verb]!();
    }
    expect(seen).toEqual(METHOD_NAMES);
    expect(Object.keys(client).sort()).toEqual([...new Set(METHOD_NAMES.map((m) => m.split('.')[0]))].sort());
  });

  it('names methods namespace.verb', () => {
    for (const m of METHOD_NAMES) expect(m).toMatch(/^[a-z]+\.[a-z][A-Za-z0-9]+$/);
  });
});
