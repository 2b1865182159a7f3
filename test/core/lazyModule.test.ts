import { describe, expect, it } from 'vitest';
import { lazyModule } from '../../src/core/lazyModule';

describe('lazyModule', () => {
  it('loads once on first use, shares the load, and tries again after a failure', async () => {
    let calls = 0;
    let fail = true;
    const load = lazyModule(async () => {
      calls++;
      if (fail) throw new Error('ENOENT');
      return { name: 'module' };
    });
    expect(calls).toBe(0);
    await expect(load()).rejects.toThrow('ENOENT');
    fail = false;
    const [a, b] = await Promise.all([load(), load()]);
    expect(a).toBe(b);
    expect(calls).toBe(2);
  });
});
