import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

const modulePath = '../../../src/core/scan/listInputs';

describe('listInputs and compareNatural', () => {
  const RealCollator = Intl.Collator;
  afterEach(() => {
    (Intl as { Collator: typeof Intl.Collator }).Collator = RealCollator;
  });

  it('orders names naturally and the same way on every machine', async () => {
    const { compareNatural } = await import(modulePath);
    const names = ['第10页.jpg', '第2页.jpg', 'page-10.jpg', 'page-2.jpg', '第1页.jpg'];
    expect([...names].sort(compareNatural)).toEqual(['第1页.jpg', '第2页.jpg', '第10页.jpg', 'page-2.jpg', 'page-10.jpg']);
    // Names the collation holds equal still get one order.
    expect(compareNatural('A.jpg', 'a.jpg')).not.toBe(0);
    expect(compareNatural('A.jpg', 'a.jpg')).toBe(-compareNatural('a.jpg', 'A.jpg'));
  });

  it('builds the zh-CN collation on the first comparison, not when the core loads (decision 0021)', async () => {
    let made = 0;
    (Intl as { Collator: unknown }).Collator = function Collator(...args: ConstructorParameters<typeof Intl.Collator>) {
      made++;
      return new RealCollator(...args);
    };
    vi.resetModules();
    const { compareNatural } = await import(modulePath);
    expect(made).toBe(0);
    compareNatural('第2页', '第10页');
    compareNatural('第3页', '第1页');
    expect(made).toBe(1);
  });

  it('lists a folder’s files in natural order, skipping hidden files and reporting subfolders', async () => {
    const { listInputs } = await import(modulePath);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'list-inputs-'));
    try {
      for (const name of ['第10页.jpg', '第2页.jpg', '.DS_Store']) fs.writeFileSync(path.join(dir, name), 'x');
      fs.mkdirSync(path.join(dir, '附件'));
      const { files, problems } = await listInputs([dir]);
      expect(files.map((f: string) => path.basename(f))).toEqual(['第2页.jpg', '第10页.jpg']);
      expect(problems).toHaveLength(1);
      expect(problems[0].message).toContain('子文件夹未读取');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
