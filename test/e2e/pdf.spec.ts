import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import sharp from 'sharp';
import { expect, progressSeen, screenshot, setUpUnitInPage, signIn, test, watchProgress } from './fixtures';

const PASSWORD = 'Archive-2024!';

// The host seals the unit's signing key with this, so set-up creates the certificate.
test.use({ keyPassphrase: 'e2e-签章口令-2024' });

function modal(page: Page, title: string): Locator {
  return page.locator('.ant-modal').filter({ has: page.locator('.ant-modal-title', { hasText: title }) });
}

/** An A4 page scanned at 100 dpi in gray: a light page with dark bars, so it is not blank. */
async function writeScan(file: string, bars: number) {
  const width = 827;
  const height = 1169;
  const pixels = Buffer.alloc(width * height, 235);
  for (let bar = 0; bar < bars; bar++) {
    const top = 120 + bar * 80;
    for (let y = top; y < top + 30; y++) pixels.fill(40, y * width + 100, y * width + 700);
  }
  await sharp(pixels, { raw: { width, height, channels: 1 } }).withMetadata({ density: 100 }).jpeg({ quality: 85 }).toFile(file);
}

test('signing certificate, scans to a signed PDF with progress, and PDF verification', async ({ page, workstation }) => {
  test.setTimeout(90_000);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-e2e-pdf-'));
  const scans = path.join(work, '立案审批表');
  fs.mkdirSync(scans);
  for (let n = 1; n <= 6; n++) await writeScan(path.join(scans, `${String(n).padStart(3, '0')}.jpg`), n);
  const outPath = path.join(work, '立案审批表.pdf');
  const textFile = path.join(work, '说明.txt');
  fs.writeFileSync(textFile, '这不是 PDF 文件。\n', 'utf8');

  try {
    await page.goto(workstation.url);

    await test.step('set up the unit (the certificate is created with it)', async () => {
      await expect(page.getByText('首次使用：设置本单位')).toBeVisible();
      await setUpUnitInPage(page, { name: '南通市烟草专卖局', fonds: 'J032', password: PASSWORD });
    });

    await test.step('the system administrator sees the certificate and exports it', async () => {
      await page.getByRole('menuitem', { name: '签章证书' }).click();
      const card = page.getByTestId('signing-card');
      await expect(card.getByRole('row').filter({ hasText: '南通市烟草专卖局' })).toContainText('当前');
      await expect(card.getByRole('row').filter({ hasText: '南通市烟草专卖局' })).toContainText('口令');
      await expect(card.getByRole('button', { name: '导出证书' })).toBeEnabled();
      await screenshot(page, '20-signing-certificate');
      const downloading = page.waitForEvent('download');
      await card.getByRole('button', { name: '导出证书' }).click();
      const download = await downloading;
      expect(download.suggestedFilename()).toBe('单位签章证书.pem');
      const pem = fs.readFileSync(await download.path(), 'utf8');
      expect(pem).toMatch(/^-----BEGIN CERTIFICATE-----/);
    });

    await test.step('the administrator creates a case officer', async () => {
      await page.getByRole('menuitem', { name: '人员与角色' }).click();
      await page.getByRole('button', { name: '新建人员' }).click();
      const dialog = modal(page, '新建人员');
      await dialog.getByLabel('用户名').fill('chenli');
      await dialog.getByLabel('姓名').fill('陈立');
      await dialog.getByLabel('部门').fill('专卖监督管理科');
      await dialog.getByLabel('角色').click();
      await page.keyboard.type('承办人');
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '承办人' }).first().click();
      await dialog.getByLabel('初始密码').fill(PASSWORD);
      await dialog.getByLabel('初始密码').press('Enter');
      await expect(dialog).toBeHidden();
      await page.getByRole('button', { name: '退出' }).click();
      await expect(page.getByText('已退出登录')).toBeVisible();
    });

    await test.step('the case officer converts scans to a signed PDF, with progress', async () => {
      await signIn(page, 'chenli', PASSWORD);
      await expect(page.getByTestId('current-user')).toHaveText('陈立');
      await expect(page.getByRole('menuitem', { name: '签章证书' })).toHaveCount(0);
      await page.getByRole('menuitem', { name: '扫描件转 PDF' }).click();
      await expect(page.getByLabel('扫描文件或文件夹（完整路径，每行一个）')).toBeFocused();
      // Conversion may be quicker than a poll: note every progress label the screen ever shows.
      await watchProgress(page, 'scan-progress');
      await page.getByLabel('扫描文件或文件夹（完整路径，每行一个）').fill(scans);
      await page.getByLabel('输出文件（完整路径）').fill(outPath);
      await page.getByLabel('题名').fill('立案审批表');
      await page.getByLabel('案件编号').fill('通烟立〔2024〕第31号');
      await page.getByLabel('文书类型').fill('立案审批表');
      await page.getByLabel('文书类型').press('Enter');
      const result = page.getByTestId('scan-result');
      await expect(result).toBeVisible({ timeout: 45_000 });
      const seen = await progressSeen(page, 'scan-progress');
      expect(seen.length).toBeGreaterThan(0);
      expect(seen.some((text) => /读取扫描件|写入 PDF|签章/.test(text))).toBe(true);
      const rows = page.getByTestId('scan-pages').locator('.ant-table-row');
      await expect(rows).toHaveCount(6);
      await expect(rows.first()).toContainText('001.jpg');
      await expect(rows.first()).toContainText('210.1 × 296.9');
      await expect(rows.first()).toContainText('100（文件标注）');
      await expect(result).toContainText('南通市烟草专卖局');
      await expect(page.getByTestId('scan-sha256')).toHaveText(/^[0-9a-f]{64}$/);
      expect(fs.existsSync(outPath)).toBe(true);
      await rows.last().scrollIntoViewIfNeeded();
      await screenshot(page, '21-scan-converted');
    });

    await test.step('a second conversion to the same file is refused with the core’s message', async () => {
      await page.getByRole('button', { name: '开始转换' }).click();
      await expect(page.getByTestId('scan-failure')).toBeVisible({ timeout: 30_000 });
      await expect(page.getByTestId('scan-failure')).toContainText('已存在');
      await expect(page.getByTestId('scan-result')).toBeHidden();
      await screenshot(page, '22-scan-failed');
    });

    await test.step('verifying the output: 有效; a text file: 无法读取', async () => {
      await page.getByRole('menuitem', { name: '验证 PDF' }).click();
      await expect(page.getByLabel('完整路径')).toBeFocused();
      await page.getByLabel('完整路径').fill(outPath);
      await page.getByLabel('完整路径').press('Enter');
      const panel = page.getByTestId('pdf-verify-result');
      await expect(page.getByTestId('pdf-verify-status')).toHaveText('有效');
      await expect(panel).toContainText('南通市烟草专卖局');
      await expect(panel.getByRole('row').filter({ hasText: '签章覆盖全文' })).toContainText('是');
      await expect(panel.getByRole('row').filter({ hasText: '禁止修改（DocMDP P=1）' })).toContainText('是');
      const sha = await page.getByTestId('pdf-verify-sha256').textContent();
      expect(sha).toMatch(/^[0-9a-f]{64}$/);
      await screenshot(page, '23-pdf-valid');

      await page.getByLabel('完整路径').fill(textFile);
      await page.getByLabel('完整路径').press('Enter');
      await expect(page.getByTestId('pdf-verify-status')).toHaveText('无法读取');
      await expect(page.getByTestId('pdf-verify-reasons')).toBeVisible();
      await screenshot(page, '24-pdf-unreadable');
    });
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
});
