import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import { afterEach, describe, expect, it, vi } from 'vitest';

// Decision 0019: the core asks V8 to optimize later, once per process, through createCore.

afterEach(() => vi.restoreAllMocks());

describe('tierUpLater', () => {
  it('raises the interrupt budget tenfold, once per process', async () => {
    vi.resetModules();
    const setFlags = vi.spyOn(v8, 'setFlagsFromString').mockImplementation(() => undefined);
    const { tierUpLater, INTERRUPT_BUDGET } = await import('../../src/core/tiering');
    tierUpLater();
    tierUpLater();
    expect(INTERRUPT_BUDGET).toBe(675_840);
    expect(setFlags.mock.calls).toEqual([['--interrupt-budget=675840']]);
  });

  it('is applied by createCore, the start of every host (app, CLI, web host)', async () => {
    vi.resetModules();
    const setFlags = vi.spyOn(v8, 'setFlagsFromString').mockImplementation(() => undefined);
    const { createCore } = await import('../../src/core/createCore');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-tiering-'));
    try {
      createCore({ dataDir: dir, scryptCost: 1024 }).close();
      expect(setFlags).toHaveBeenCalledWith('--interrupt-budget=675840');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
