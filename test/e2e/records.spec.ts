import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import sharp from 'sharp';
import type { ArchiveBridge } from '../../src/contract';
import { expect, progressSeen, screenshot, setUpUnitInPage, signIn, test, watchProgress } from './fixtures';

declare global {
  interface Window {
    readonly archive: ArchiveBridge;
  }
}

const PASSWORD = 'Archive-2024!';

// The host seals the unit's signing key with this, so set-up creates the certificate.
test.use({ keyPassphrase: 'e2e-签章口令-2024' });

/** An A4 page at 100 dpi: light with dark bars (content), or plain white (a blank page). */
async function writeScan(file: string, bars: number, format: 'jpeg' | 'png', dpi = 100) {
  const width = Math.round((827 * dpi) / 100);
  const height = Math.round((1169 * dpi) / 100);
  const pixels = Buffer.alloc(width * height, bars ? 235 : 255);
  for (let bar = 0; bar < bars; bar++) {
    const top = 120 + bar * 80;
    for (let y = top; y < top + 30; y++) pixels.fill(40, y * width + 100, y * width + 700);
  }
  const image = sharp(pixels, { raw: { width, height, channels: 1 } }).withMetadata({ density: dpi });
  await (format === 'jpeg' ? image.jpeg({ quality: 85 }) : image.png()).toFile(file);
}

/** Drops files on an element as a person dragging them from the file manager would. */
async function dropFiles(page: Page, testId: string, files: string[]) {
  const payload = files.map((file) => ({
    name: path.basename(file),
    type: file.endsWith('.png') ? 'image/png' : 'image/jpeg',
    base64: fs.readFileSync(file).toString('base64'),
  }));
  await page.getByTestId(testId).evaluate((zone, list) => {
    const data = new DataTransfer();
    for (const f of list) {
      const bytes = Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0));
      data.items.add(new File([bytes], f.name, { type: f.type }));
    }
    for (const type of ['dragenter', 'dragover', 'drop']) {
      zone.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }));
    }
  }, payload);
}

/** Drops a stored file (as the browser fetches it), optionally with bytes appended, as if from the file manager. */
async function dropStoredFile(page: Page, testId: string, fileId: string, name: string, appended: string) {
  await page.getByTestId(testId).evaluate(
    async (zone, { id, fileName, extra }) => {
      const stored = new Uint8Array(await (await fetch(`/files/${id}`)).arrayBuffer());
      const data = new DataTransfer();
      data.items.add(new File([stored, new TextEncoder().encode(extra)], fileName, { type: 'application/pdf' }));
      for (const type of ['dragenter', 'dragover', 'drop']) {
        zone.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }));
      }
    },
    { id: fileId, fileName: name, extra: appended },
  );
}


test('a record: scans dropped in, pages turned and ordered, a strike-through, signed, viewed and verified, then read-only', async ({ page, workstation }) => {
  test.setTimeout(150_000);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-e2e-records-'));
  const scans = [path.join(work, '第1页.jpg'), path.join(work, '第2页.jpg'), path.join(work, '第3页.png')];
  await writeScan(scans[0]!, 3, 'jpeg');
  await writeScan(scans[1]!, 6, 'jpeg');
  await writeScan(scans[2]!, 0, 'png');
  // A long batch at 300 dpi, to cancel while the core reads it.
  const batch = path.join(work, '整卷');
  fs.mkdirSync(batch);
  await writeScan(path.join(batch, '001.jpg'), 8, 'jpeg', 300);
  const many = Array.from({ length: 40 }, (_, i) => path.join(batch, `${String(i + 1).padStart(3, '0')}.jpg`));
  for (const file of many.slice(1)) fs.copyFileSync(many[0]!, file);

  try {
    await page.goto(workstation.url);
    let caseId = '';
    let recordId = '';

    await test.step('set up the unit, add a case officer, who registers a case and a record', async () => {
      await setUpUnitInPage(page, { name: '南通市烟草专卖局', fonds: 'J032', password: PASSWORD });
      const created = await page.evaluate(
        (password) => window.archive.users.create({ username: 'chenli', displayName: '陈立', department: '专卖监督管理科', roles: ['case-officer'], password }),
        PASSWORD,
      );
      expect(created.ok).toBe(true);
      await page.getByRole('button', { name: '退出' }).click();
      await signIn(page, 'chenli', PASSWORD);
      await expect(page.getByTestId('current-user')).toHaveText('陈立');
      const ids = await page.evaluate(async () => {
        const c = await window.archive.cases.create({
          caseNumber: '通烟立〔2024〕第31号',
          cause: '涉嫌无烟草专卖零售许可证经营烟草制品零售业务',
          party: { kind: 'organization', name: '南通市崇川区宏达便利店', address: '南通市崇川区人民路 1 号', legalRepresentative: '赵宏达', representativeTitle: '经营者' },
          source: '举报',
          procedure: '一般程序',
          handlers: [{ name: '陈立' }, { name: '周敏' }],
          department: '专卖监督管理科',
        });
        if (!c.ok) throw new Error(c.error.message);
        const r = await window.archive.records.add({
          caseId: c.value.id,
          record: { type: '检查(勘验)笔录', title: '现场检查笔录', responsible: '陈立', date: '2024-03-04', documentNumber: '' },
        });
        if (!r.ok) throw new Error(r.error.message);
        return { caseId: c.value.id, recordId: r.value.id };
      });
      caseId = ids.caseId;
      recordId = ids.recordId;
      // Registered behind the screen's back: the case list loads afresh.
      await page.reload();
      await expect(page.getByTestId('current-user')).toHaveText('陈立');
    });

    await test.step('from the case, open the record', async () => {
      await page.getByRole('menuitem', { name: '案件' }).click();
      await page.getByRole('row').filter({ hasText: '通烟立〔2024〕第31号' }).click();
      await expect(page.getByText('案件 通烟立〔2024〕第31号', { exact: true })).toBeVisible();
      const row = page.getByRole('row').filter({ hasText: '现场检查笔录' });
      await expect(row).toContainText('未签章');
      await row.getByTestId('record-link').click();
      await expect(page).toHaveURL(new RegExp(`#/cases/${caseId}/records/${recordId}$`));
      await expect(page.getByText('文书：现场检查笔录')).toBeVisible();
      await expect(page.getByTestId('scan-drop-zone')).toBeVisible();
    });

    await test.step('a long drop can be cancelled while the core reads it: nothing is added', async () => {
      // The core reads quickly: 取消 is pressed from inside the page the moment reading is reported.
      await page.evaluate(() => {
        const observer = new MutationObserver(() => {
          const panel = document.querySelector('[data-testid="record-job"]');
          const button = panel?.querySelector<HTMLButtonElement>('button.ant-btn-dangerous');
          if (panel?.textContent?.includes('读取扫描件') && button && !button.disabled) {
            observer.disconnect();
            button.click();
          }
        });
        observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
      });
      await dropFiles(page, 'scan-drop-zone', many);
      const panel = page.getByTestId('record-job');
      await expect(page.locator('.ant-message')).toContainText('操作已取消', { timeout: 30_000 });
      await expect(panel).toBeHidden();
      await expect(page.getByTestId('page-thumb')).toHaveCount(0);
      const stored = await page.evaluate((id) => window.archive.records.pages({ recordId: id }), recordId);
      expect(stored.ok && stored.value).toEqual([]);
    });

    await test.step('drop three scans: thumbnails in order, the white page flagged 空白页, progress shown', async () => {
      await watchProgress(page, 'record-job');
      await dropFiles(page, 'scan-drop-zone', scans);
      const thumbs = page.getByTestId('page-thumb');
      await expect(thumbs).toHaveCount(3, { timeout: 30_000 });
      await expect(page.getByText('已添加 3 页，共 3 页')).toBeVisible();
      expect((await progressSeen(page, 'record-job')).length).toBeGreaterThan(0);
      await expect(thumbs.nth(0)).toContainText('第 1 页');
      await expect(thumbs.nth(0)).not.toContainText('空白页');
      await expect(thumbs.nth(2)).toContainText('空白页');
      await screenshot(page, '30-record-pages');
    });

    await test.step('turn page 1 with its button and page 2 with R; move the blank page up with Alt+←', async () => {
      const thumbs = page.getByTestId('page-thumb');
      await page.getByRole('button', { name: '第 1 页向右旋转' }).click();
      await expect(thumbs.nth(0)).toContainText('90°');
      await thumbs.nth(1).focus();
      await page.keyboard.press('r');
      await expect(thumbs.nth(1)).toContainText('90°');
      await page.keyboard.press('Shift+R');
      await expect(thumbs.nth(1)).not.toContainText('90°');
      // Arrow keys move focus; Alt+arrow moves the page itself.
      await page.keyboard.press('ArrowRight');
      await expect(thumbs.nth(2)).toBeFocused();
      await page.keyboard.press('Alt+ArrowLeft');
      await expect(thumbs.nth(1)).toContainText('空白页');
      await expect(thumbs.nth(2)).not.toContainText('空白页');
      const stored = await page.evaluate((id) => window.archive.records.pages({ recordId: id }), recordId);
      expect(stored.ok && stored.value.map((p) => [p.position, p.isBlank, p.rotation])).toEqual([
        [1, false, 90],
        [2, true, 0],
        [3, false, 0],
      ]);
    });

    await test.step('strike a region of page 1 with a reason: listed, and framed in red on the thumbnail', async () => {
      await page.getByRole('button', { name: '第 1 页划改' }).click();
      const dialog = page.getByRole('dialog', { name: '划改：第 1 页' });
      const surface = dialog.getByTestId('strike-surface');
      // Measured once the modal's opening zoom has settled (no scale left), or the drag lands off target.
      await expect
        .poll(() => surface.evaluate((el: HTMLElement) => Math.abs(el.getBoundingClientRect().width - el.offsetWidth) < 0.5 && !el.closest('[class*="zoom-appear"], [class*="zoom-enter"]')))
        .toBe(true);
      const box = (await surface.boundingBox())!;
      await page.mouse.move(box.x + box.width * 0.2, box.y + box.height * 0.3);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.35, { steps: 5 });
      await page.mouse.move(box.x + box.width * 0.7, box.y + box.height * 0.4, { steps: 5 });
      await page.mouse.up();
      await expect(dialog.getByTestId('strike-selection')).toBeVisible();
      await expect(dialog.getByText(/已框选：左 20%、上 30%/)).toBeVisible();
      await dialog.getByLabel('更正原因').fill('当事人姓名笔误，应为“赵宏达”');
      await screenshot(page, '31-record-strike');
      await dialog.getByRole('button', { name: '保存划改' }).click();
      await expect(dialog).toBeHidden();
      const corrections = page.getByTestId('corrections');
      await expect(corrections.getByRole('row').filter({ hasText: '当事人姓名笔误' })).toContainText('第 1 页');
      await expect(corrections.getByRole('row').filter({ hasText: '当事人姓名笔误' })).toContainText('chenli');
      await expect(page.getByTestId('page-thumb').nth(0).getByTestId('strike-frame')).toHaveCount(1);
    });

    await test.step('文字识别: pages are recognized for the text layer of the signed version', async () => {
      await page.getByRole('button', { name: '文字识别' }).click();
      await expect(page.locator('.ant-message')).toContainText(/已识别 3 页/, { timeout: 60_000 });
      await expect(page.getByTestId('page-thumb').filter({ hasText: '已识别' })).toHaveCount(3);
    });

    await test.step('sign: progress with cancel, then version 1 in the viewer, signature 有效', async () => {
      await watchProgress(page, 'record-job');
      await page.getByRole('button', { name: '生成签章 PDF' }).click();
      await page.getByRole('button', { name: '生成并签章' }).click();
      const versions = page.getByTestId('versions-card');
      await expect(versions.getByRole('row').filter({ hasText: '第 1 版' })).toBeVisible({ timeout: 60_000 });
      const seen = await progressSeen(page, 'record-job');
      expect(seen.length).toBeGreaterThan(0);
      expect(seen.some((text) => text.includes('取消'))).toBe(true);
      await expect(versions.getByRole('row').filter({ hasText: '第 1 版' })).toContainText('首次签章');
      await expect(versions.getByRole('row').filter({ hasText: '第 1 版' }).locator('td').last()).toHaveText('有');
      await expect(versions.getByRole('row').filter({ hasText: '第 1 版' })).toContainText('南通市烟草专卖局');
      await expect(page.getByTestId('pdf-page-count')).toHaveText('3');
      await expect(page.getByTestId('pdf-canvas')).toHaveAttribute('data-rendered-page', '1', { timeout: 30_000 });
      const size = await page.getByTestId('pdf-canvas').evaluate((c: HTMLCanvasElement) => ({ width: c.width, height: c.height }));
      // Page 1 was turned a quarter: the signed page is landscape.
      expect(size.width).toBeGreaterThan(size.height);
      await expect(page.getByTestId('signature-status')).toHaveText('有效');
      await expect(page.getByTestId('signature-signer')).toContainText('南通市烟草专卖局');
      await page.getByTestId('pdf-viewer').focus();
      await page.keyboard.press('PageDown');
      await expect(page.getByTestId('pdf-canvas')).toHaveAttribute('data-rendered-page', '2');
      await page.getByTestId('versions-card').scrollIntoViewIfNeeded();
      await screenshot(page, '32-record-signed');
    });

    await test.step('signed: nothing can change; the UI says why and the core refuses', async () => {
      await expect(page.getByTestId('record-lock')).toHaveText('签章后不能修改；如需更正，请生成新版本');
      await expect(page.getByTestId('scan-drop-zone')).toHaveCount(0);
      await expect(page.getByRole('button', { name: '第 1 页向右旋转' })).toBeDisabled();
      await expect(page.getByRole('button', { name: '第 1 页划改' })).toBeDisabled();
      await page.getByTestId('page-thumb').nth(0).focus();
      await page.keyboard.press('r');
      await expect(page.locator('.ant-message')).toContainText('签章后不能修改；如需更正，请生成新版本');
      const refused = await page.evaluate(async (id) => {
        const pages = await window.archive.records.pages({ recordId: id });
        if (!pages.ok) throw new Error(pages.error.message);
        return window.archive.records.rotatePage({ recordId: id, pageId: pages.value[0]!.id, rotation: 180 });
      }, recordId);
      expect(refused.ok).toBe(false);
      expect(refused.ok ? '' : refused.error.message).toContain('签章');
      await screenshot(page, '33-record-read-only');
    });

    await test.step('a correction after signing is a new version with a reason; the first stays', async () => {
      await page.getByRole('button', { name: '生成新版本' }).click();
      const dialog = page.getByRole('dialog', { name: '生成新版本' });
      await expect(dialog.getByLabel('更正原因')).toBeFocused();
      await dialog.getByLabel('更正原因').fill('第 3 页扫描不清，重新签章');
      await dialog.getByLabel('更正原因').press('Enter');
      const versions = page.getByTestId('versions-card');
      await expect(versions.getByRole('row').filter({ hasText: '第 2 版' })).toContainText('取代第 1 版', { timeout: 60_000 });
      await expect(versions.getByRole('row').filter({ hasText: '第 2 版' })).toContainText('第 3 页扫描不清');
      await expect(versions.locator('tr[data-row-key="1"]')).toContainText('首次签章');
      await expect(page.getByTestId('signature-status')).toHaveText('有效');
    });

    await test.step('back in the case, the record shows its versions and cannot be edited or removed', async () => {
      await page.getByRole('button', { name: '返回案件' }).click();
      const row = page.getByRole('row').filter({ hasText: '现场检查笔录' });
      await expect(row).toContainText('已签章（2 版）');
      await expect(row).toContainText('3');
      await expect(row.getByRole('button', { name: '编辑' })).toBeDisabled();
      await expect(row.getByRole('button', { name: '删除' })).toBeDisabled();
    });

    await test.step('验证 PDF: the signed file dropped in is 有效; with bytes appended it is 无效, with reasons', async () => {
      const detail = await page.evaluate((id) => window.archive.cases.get({ caseId: id }), caseId);
      expect(detail.ok).toBe(true);
      const fileId = detail.ok ? detail.value.records[0]!.versions[0]!.file.id : '';
      await page.getByRole('menuitem', { name: '验证 PDF' }).click();
      await dropStoredFile(page, 'verify-drop-zone', fileId, '现场检查笔录.pdf', '');
      await expect(page.getByTestId('pdf-verify-status')).toHaveText('有效');
      await expect(page.getByTestId('pdf-verify-result')).toContainText('现场检查笔录.pdf');
      await expect(page.getByTestId('pdf-verify-result')).toContainText('南通市烟草专卖局');
      await screenshot(page, '34-verify-dropped');
      await dropStoredFile(page, 'verify-drop-zone', fileId, '改动过的.pdf', '\n% appended after signing\n');
      await expect(page.getByTestId('pdf-verify-status')).toHaveText('无效');
      await expect(page.getByTestId('pdf-verify-reasons')).toBeVisible();
      // Staged uploads are used up by the call that read them.
      expect(fs.readdirSync(path.join(workstation.dataDir, 'staging')).flatMap((d) => fs.readdirSync(path.join(workstation.dataDir, 'staging', d)))).toEqual([]);
    });
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
});
