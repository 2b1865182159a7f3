import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, screenshot, signIn, startHost, test, watchForProblems } from './fixtures';

// No DOSSIER_KEY_PASSPHRASE: the host stands for an app on a machine without an OS key store, so
// set-up asks for the passphrase that seals the unit's signing key.
const PASSWORD = 'Archive-2024!';
const KEY_PASSPHRASE = '签章口令-e2e-2024';
const PFX_PASSWORD = '证书密码-2024';

function modal(page: Page, title: string): Locator {
  return page.locator('.ant-modal').filter({ has: page.locator('.ant-modal-title', { hasText: title }) });
}

/** A CA-issued PKCS#12 with Chinese names, made by openssl as a provincial CA would hand it out. */
function makePfx(dir: string): string {
  const file = (name: string) => path.join(dir, name);
  const openssl = (args: string[]) => {
    const r = spawnSync('openssl', args, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`openssl ${args[0]}: ${r.stderr}`);
  };
  fs.writeFileSync(file('ext.cnf'), '[leaf]\nbasicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\n');
  openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', file('ca.key'), '-out', file('ca.pem'), '-days', '3650', '-utf8', '-subj', '/C=CN/O=江苏省数字证书认证中心/CN=江苏CA测试根']);
  openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', file('leaf.key'), '-out', file('leaf.csr'), '-utf8', '-subj', '/C=CN/O=南通市烟草专卖局/CN=南通市烟草专卖局 CA 签章']);
  openssl(['x509', '-req', '-in', file('leaf.csr'), '-CA', file('ca.pem'), '-CAkey', file('ca.key'), '-CAcreateserial', '-out', file('leaf.pem'), '-days', '365', '-extfile', file('ext.cnf'), '-extensions', 'leaf']);
  openssl(['pkcs12', '-export', '-inkey', file('leaf.key'), '-in', file('leaf.pem'), '-certfile', file('ca.pem'), '-out', file('单位证书.pfx'), '-passout', `pass:${PFX_PASSWORD}`]);
  return file('单位证书.pfx');
}

test('certificate on a machine without an OS key store: set-up passphrase, import a pfx, rotate, unlock after a restart', async ({ page, browser, workstation }) => {
  test.setTimeout(120_000);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-e2e-signing-'));
  const pfx = makePfx(work);
  const card = page.getByTestId('signing-card');
  const rows = card.locator('.ant-table-row');

  try {
    await page.goto(workstation.url);

    await test.step('set-up asks for the key passphrase, twice, and says why', async () => {
      await expect(page.getByText('首次使用：设置本单位')).toBeVisible();
      await expect(page.getByText('本机没有系统密钥库')).toBeVisible();
      await page.getByLabel('编制单位').fill('南通市烟草专卖局');
      await page.getByLabel('全宗号').fill('J032');
      await page.getByLabel('用户名').fill('admin');
      await page.getByLabel('姓名').fill('张伟');
      await page.getByLabel('部门').fill('办公室');
      await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
      await page.getByLabel('确认密码').fill(PASSWORD);
      await page.getByLabel('私钥保护口令', { exact: true }).fill('short');
      await page.getByLabel('确认私钥保护口令').fill('other');
      await page.getByLabel('确认私钥保护口令').press('Enter');
      await expect(page.getByText('私钥保护口令至少 8 位')).toBeVisible();
      await expect(page.getByText('两次输入的口令不一致')).toBeVisible();
      await screenshot(page, '30-setup-key-passphrase');
      await page.getByLabel('私钥保护口令', { exact: true }).fill(KEY_PASSPHRASE);
      await page.getByLabel('确认私钥保护口令').fill(KEY_PASSPHRASE);
      await page.getByLabel('确认私钥保护口令').press('Enter');
      await expect(page.getByTestId('current-user')).toHaveText('张伟');
      // The passphrase is kept for this run: no unlock needed.
      await expect(page.getByTestId('signing-key-banner')).toHaveCount(0);
    });

    await test.step('the certificate made at set-up is listed, sealed by the passphrase', async () => {
      await page.getByRole('menuitem', { name: '签章证书' }).click();
      await expect(rows).toHaveCount(1);
      await expect(rows.first()).toContainText('当前');
      await expect(rows.first()).toContainText('口令');
    });

    await test.step('导入证书: a wrong password lands on its field; the right one makes the pfx current', async () => {
      await card.getByRole('button', { name: '导入证书' }).click();
      const dialog = modal(page, '导入证书');
      await dialog.locator('input[type=file]').setInputFiles(pfx);
      await expect(dialog.getByTestId('pfx-file-name')).toHaveText('单位证书.pfx');
      await dialog.getByLabel('证书密码').fill('不对的密码');
      await dialog.getByRole('button', { name: '导 入' }).or(dialog.getByRole('button', { name: '导入' })).click();
      await expect(dialog.getByText('证书文件的密码不正确')).toBeVisible();
      await screenshot(page, '31-import-wrong-password');
      await dialog.getByLabel('证书密码').fill(PFX_PASSWORD);
      await dialog.getByLabel('证书密码').press('Enter');
      await expect(dialog).toBeHidden();
      await expect(rows).toHaveCount(2);
      const imported = rows.filter({ hasText: 'CA 签章' });
      await expect(imported).toContainText('当前');
      await expect(rows.filter({ hasText: '电子文件签章' })).toContainText('历史');
      await screenshot(page, '32-imported');
    });

    await test.step('更换证书 explains that old files stay verifiable, then a new unit certificate is current', async () => {
      await card.getByRole('button', { name: '更换证书' }).click();
      const confirm = page.locator('.ant-modal-confirm');
      await expect(confirm).toContainText('用原证书签章的文件照常可以验证');
      await screenshot(page, '33-rotate-confirm');
      await confirm.getByRole('button', { name: '更换证书' }).click();
      await expect(rows).toHaveCount(3);
      await expect(rows.filter({ hasText: '当前' })).toHaveCount(1);
      await expect(rows.last()).toContainText('电子文件签章');
      await expect(rows.last()).toContainText('当前');
      await expect(rows.filter({ hasText: '历史' })).toHaveCount(2);
    });

    await test.step('after a restart (a second host without the passphrase) the key is locked until unlocked', async () => {
      const restarted = await startHost(workstation.dataDir, null);
      const again = await browser.newPage();
      const problems = watchForProblems(again);
      try {
        await again.goto(restarted.url);
        await signIn(again, 'admin', PASSWORD);
        const banner = again.getByTestId('signing-key-banner');
        await expect(banner).toContainText('签章私钥尚未解锁');
        await screenshot(again, '34-key-locked');
        await banner.getByRole('button', { name: '解锁签章私钥' }).click();
        const dialog = modal(again, '解锁签章私钥');
        await dialog.getByLabel('私钥保护口令').fill('不是这个口令-1');
        await dialog.getByLabel('私钥保护口令').press('Enter');
        await expect(dialog.getByText('私钥保护口令不正确')).toBeVisible();
        await dialog.getByLabel('私钥保护口令').fill(KEY_PASSPHRASE);
        await dialog.getByLabel('私钥保护口令').press('Enter');
        await expect(dialog).toBeHidden();
        await expect(banner).toHaveCount(0);
        await again.getByRole('menuitem', { name: '签章证书' }).click();
        await expect(again.getByTestId('signing-card').locator('.ant-table-row')).toHaveCount(3);
        expect(problems).toEqual([]);
      } finally {
        await again.close();
        const exited = new Promise((resolve) => restarted.child.once('exit', resolve));
        restarted.child.kill('SIGTERM');
        await exited;
      }
    });
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
});
