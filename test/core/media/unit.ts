import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { ArchiveApi, ParsedRequestOf } from '../../../src/contract';
import { newCaller, PASSWORD, setUpUnit, tempDir, value, type TestUnit } from '../../helpers/core';

export const MiB = 1024 * 1024;

/**
 * A unit with a signing key and the people of a checkout (DB3206/T 1060 §6.1.3 c): an officer who
 * asks, the head of his department, the head of another, the information centre (custodian and
 * filing step), the security officer who wipes.
 */
export interface MediaUnit extends TestUnit {
  centre: ArchiveApi;
  officer: ArchiveApi;
  head: ArchiveApi;
  otherHead: ArchiveApi;
  security: ArchiveApi;
  auditor: ArchiveApi;
  work: string;
  /** A fresh client signed in as an existing user. */
  as(username: string): Promise<ArchiveApi>;
  /** After the clock moved past the idle limit: everyone signs in again. */
  relogin(): Promise<void>;
}

const PEOPLE = { centre: 'baoguan', officer: 'chen', head: 'zhang', otherHead: 'li', security: 'anquan', auditor: 'shenji' } as const;

export async function mediaUnit(): Promise<MediaUnit> {
  const unit = await setUpUnit(tempDir(), { signingKey: true });
  const centre = await unit.signIn('baoguan', ['info-centre'], '信息中心');
  const officer = await unit.signIn('chen', ['case-officer'], '专卖监督管理科');
  const head = await unit.signIn('zhang', ['department-head'], '专卖监督管理科');
  const otherHead = await unit.signIn('li', ['department-head'], '办公室');
  const security = await unit.signIn('anquan', ['security-officer'], '信息中心');
  const auditor = await unit.signIn('shenji', ['auditor'], '办公室');
  const work = path.join(unit.dir, 'work');
  fs.mkdirSync(work);
  const as = async (username: string) => {
    const client = unit.core.client(newCaller());
    value(await client.auth.login({ username, password: PASSWORD }));
    return client;
  };
  const m: MediaUnit = {
    ...unit,
    centre,
    officer,
    head,
    otherHead,
    security,
    auditor,
    work,
    as,
    async relogin() {
      for (const [key, username] of Object.entries(PEOPLE)) m[key as keyof typeof PEOPLE] = await as(username);
    },
  };
  return m;
}

export const usb = (tag: string, extra: Partial<ParsedRequestOf<'media.register'>> = {}) => ({
  tag,
  kind: 'usb-flash' as const,
  classification: '非涉密' as const,
  brand: '金士顿',
  model: 'DT50',
  serial: `SN-${tag}`,
  capacityBytes: null,
  department: '专卖监督管理科',
  note: '',
  ...extra,
});

/** A blank disk image of `bytes`, sparse so that tests stay cheap. */
export function blankImage(file: string, bytes = 8 * MiB): string {
  const fd = fs.openSync(file, 'w');
  fs.ftruncateSync(fd, bytes);
  fs.closeSync(fd);
  return file;
}

export async function register(api: ArchiveApi, tag: string, extra: Partial<ParsedRequestOf<'media.register'>> = {}) {
  return value(await api.media.register(usb(tag, extra)));
}

/**
 * One media unit for a test file: made before its tests (and handed to `ready`, which may add media),
 * closed and removed after them.
 */
export function useMediaUnit(ready: (unit: MediaUnit) => void | Promise<void>): void {
  let unit: MediaUnit | undefined;
  beforeAll(async () => {
    unit = await mediaUnit();
    await ready(unit);
  }, 60_000);
  afterAll(() => {
    unit?.close();
    if (unit) fs.rmSync(unit.dir, { recursive: true, force: true });
  });
}
