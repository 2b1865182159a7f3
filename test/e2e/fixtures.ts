import { test as base, expect, type Locator, type Page } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The built renderer; DOSSIER_E2E_RENDERER points at another build (e.g. a development build, whose React and antd warnings then fail the tests). */
export const RENDERER_DIR = path.resolve(process.env.DOSSIER_E2E_RENDERER ?? path.join(REPO_ROOT, 'out', 'renderer'));
export const SCREENSHOT_DIR = path.join(REPO_ROOT, 'test-results', 'screenshots');

interface Workstation {
  url: string;
  dataDir: string;
}

/**
 * Starts `src/web/main.ts` under tsx, exactly as `npm run web` does, and waits for the URL it prints.
 * A child process rather than an import: the core is loaded by tsx as in development, not by the
 * test runner's own module loader.
 */
export async function startHost(dataDir: string, keyPassphrase: string | null): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/web/main.ts', '--data', dataDir, '--port', '0', '--renderer', RENDERER_DIR], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    // With a passphrase the host seals the unit's signing key with it, so set-up creates the certificate.
    env: keyPassphrase ? { ...process.env, DOSSIER_KEY_PASSPHRASE: keyPassphrase } : withoutPassphrase(process.env),
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`网页测试宿主 30 秒内未启动：\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /http:\/\/127\.0\.0\.1:\d+/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[0]);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`网页测试宿主已退出（${code}）：\n${output}`));
    });
  });
  // Server-side errors belong in the test log, where a failing step can be explained.
  child.stderr!.on('data', (chunk: Buffer) => process.stderr.write(`[web host] ${chunk.toString('utf8')}`));
  return { url, child };
}

function withoutPassphrase(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const copy = { ...env };
  delete copy.DOSSIER_KEY_PASSPHRASE;
  return copy;
}

/** One web host per test over its own data folder and a free port, so that nothing leaks between tests. */
export const test = base.extend<{ failOnPageErrors: void; workstation: Workstation; seededCases: number | null; keyPassphrase: string | null }>({
  /**
   * null: a fresh data folder (the first-run screen). A number: a set-up unit with the people of
   * test/e2e/seedCases.ts and that many cases.
   */
  seededCases: [null, { option: true }],
  /** DOSSIER_KEY_PASSPHRASE for the host: set, the unit gets its signing certificate at set-up. */
  keyPassphrase: [null, { option: true }],
  workstation: [
    async ({ seededCases, keyPassphrase }, use) => {
      if (!fs.existsSync(path.join(RENDERER_DIR, 'index.html'))) {
        throw new Error(`找不到 ${RENDERER_DIR}/index.html：请先运行 npx electron-vite build`);
      }
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-e2e-'));
      if (seededCases !== null) {
        const seeded = spawnSync(process.execPath, ['--import', 'tsx', 'test/e2e/seedCases.ts', dataDir, String(seededCases)], {
          cwd: REPO_ROOT,
          encoding: 'utf8',
        });
        if (seeded.status !== 0) throw new Error(`准备案件数据失败：\n${seeded.stdout}\n${seeded.stderr}`);
      }
      const host = await startHost(dataDir, keyPassphrase);
      await use({ url: host.url, dataDir });
      const exited = new Promise((resolve) => host.child.once('exit', resolve));
      host.child.kill('SIGTERM');
      await exited;
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
    { timeout: 120_000 },
  ],
  // A React error, an antd warning (development builds) or a failed request is a failure even when
  // the screen looks fine.
  failOnPageErrors: [
    async ({ page }, use) => {
      const problems = watchForProblems(page);
      await use();
      expect(problems, problems.join('\n')).toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** Collects page errors, console errors and HTTP failures of a page; the `page` fixture is watched already. */
export function watchForProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    // A failed load is reported below with its URL; the console line alone does not say which.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      problems.push(`console: ${message.text()}`);
    }
  });
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  return problems;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`) });
}

/** The password test/e2e/seedCases.ts gives the unit's people. */
export const SEEDED_PASSWORD = 'Archive-2024!';

export async function signIn(page: Page, username: string, password: string = SEEDED_PASSWORD): Promise<void> {
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByLabel('密码').press('Enter');
}

/**
 * A seeded unit (`seededCases`) made ready for the archive room, through the API as its administrator
 * would: the unit's signing certificate (sealed with the host's `keyPassphrase`, so that records and
 * volumes can be signed) and an archivist, 刘芳 (`liufang`). Leaves the page at the login screen.
 * The seed's case officer is 陈立 (`chenli`); both use SEEDED_PASSWORD. With `designated`, this
 * browser is also made a designated reading terminal, where the archive room works on archived
 * dossiers (DB3206/T 1060 §4.10.2).
 */
export async function prepareArchiveRoom(page: Page, url: string, options: { designated?: boolean } = {}): Promise<{ archivist: string; caseOfficer: string }> {
  await page.goto(url);
  await signIn(page, 'admin');
  await expect(page.getByTestId('current-user')).toHaveText('张伟');
  const failures = await page.evaluate(async (password) => {
    const api = (window as unknown as { archive: Record<string, Record<string, (r: unknown) => Promise<{ ok: boolean; error?: { message: string } }>>> }).archive;
    const results = [
      await api.signing!.rotate!({}),
      await api.users!.create!({ username: 'liufang', displayName: '刘芳', department: '档案室', roles: ['archivist'], password }),
    ];
    return results.flatMap((r) => (r.ok ? [] : [r.error?.message ?? '']));
  }, SEEDED_PASSWORD);
  expect(failures).toEqual([]);
  if (options.designated) await designateThisTerminal(page, SEEDED_PASSWORD);
  else await page.getByRole('button', { name: '退出' }).click();
  await expect(page.getByLabel('用户名')).toBeVisible();
  return { archivist: 'liufang', caseOfficer: 'chenli' };
}

/**
 * This browser's terminal designated for reading archived dossiers (§4.10.2), through the API: the
 * signed-in system administrator adds a security administrator (安全保密管理员, `anquan`, same
 * password), who designates it and signs out. Leaves the page at the login screen.
 */
export async function designateThisTerminal(page: Page, password: string): Promise<void> {
  const failures = await page.evaluate(async (password) => {
    type Result = { ok: boolean; value?: { id: string }; error?: { message: string } };
    const api = (window as unknown as { archive: Record<string, Record<string, (r?: unknown) => Promise<Result>>> }).archive;
    const results: Result[] = [await api.users!.create!({ username: 'anquan', displayName: '安全保密管理员', department: '办公室', roles: ['security-admin'], password })];
    results.push(await api.auth!.logout!(), await api.auth!.login!({ username: 'anquan', password }));
    const current = await api.terminals!.current!();
    results.push(current, await api.terminals!.designate!({ terminalId: current.value?.id, designated: true, note: '档案室工作站' }));
    results.push(await api.auth!.logout!());
    return results.flatMap((r) => (r.ok ? [] : [r.error?.message ?? '']));
  }, password);
  expect(failures).toEqual([]);
  await page.reload();
  await expect(page.getByLabel('用户名')).toBeVisible();
}

/**
 * Drags one element onto another with the HTML5 drag events a mouse drag fires; dispatched, since a
 * real drag cannot scroll to a drop target below the window.
 */
export async function dragOnto(source: Locator, target: Locator): Promise<void> {
  const to = await target.elementHandle();
  await source.evaluate((from, onto) => {
    const data = new DataTransfer();
    const fire = (element: Element, type: string) => element.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }));
    fire(from, 'dragstart');
    fire(onto!, 'dragenter');
    fire(onto!, 'dragover');
    fire(onto!, 'drop');
    fire(from, 'dragend');
  }, to);
}

/**
 * Notes every text the progress panel `testId` ever shows (read back with `progressSeen`): work may
 * end quicker than a poll from the test could see it.
 */
export async function watchProgress(page: Page, testId: string): Promise<void> {
  await page.evaluate((id) => {
    const w = window as unknown as { progressSeen: Record<string, string[]> };
    w.progressSeen ??= {};
    const seen: string[] = (w.progressSeen[id] = []);
    new MutationObserver(() => {
      const panel = document.querySelector(`[data-testid="${id}"]`);
      if (panel && panel.querySelector('.ant-progress')) seen.push(panel.textContent ?? '');
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  }, testId);
}

export function progressSeen(page: Page, testId: string): Promise<string[]> {
  return page.evaluate((id) => (window as unknown as { progressSeen?: Record<string, string[]> }).progressSeen?.[id] ?? [], testId);
}

/**
 * The first-start form filled in and sent, its administrator 张伟 of 办公室 signed in. The host's
 * `keyPassphrase` (if any) seals the unit's key, so the certificate is made with the unit.
 */
export async function setUpUnitInPage(page: Page, unit: { name: string; fonds: string; password: string }): Promise<void> {
  await page.getByLabel('编制单位').fill(unit.name);
  await page.getByLabel('全宗号').fill(unit.fonds);
  await page.getByLabel('用户名').fill('admin');
  await page.getByLabel('姓名').fill('张伟');
  await page.getByLabel('部门').fill('办公室');
  await page.getByLabel('密码', { exact: true }).fill(unit.password);
  await page.getByLabel('确认密码').fill(unit.password);
  await page.getByLabel('确认密码').press('Enter');
  await expect(page.getByTestId('current-user')).toHaveText('张伟');
}
