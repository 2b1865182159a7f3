import type { Locator, Page } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ELECTRONIC_RECORD_NAME_PATTERN } from '../../src/contract';
import { SEEDED_PASSWORD, expect, progressSeen, screenshot, signIn, test, watchProgress } from './fixtures';

// A set-up unit (南通市烟草专卖局) with its administrator and the case officer 陈立 of 专卖监督管理科
// (test/e2e/seedCases.ts); the host seals the signing key, so filed records, labels and certificates are signed.
test.use({ seededCases: 0, keyPassphrase: 'e2e-签章口令-2024' });

type Api = Record<string, Record<string, (request?: unknown) => Promise<{ ok: boolean; value?: unknown; error?: { message: string } }>>>;

const MARKER = Buffer.from('DOSSIER-E2E-MARKER|');

async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: '退出' }).click();
  await expect(page.getByLabel('用户名')).toBeVisible();
}

async function signInAs(page: Page, username: string, displayName: string): Promise<void> {
  await signIn(page, username);
  await expect(page.getByTestId('current-user')).toHaveText(displayName);
}

/**
 * Picks an option of a single select and waits until its list has closed. A click taken while the list
 * was still opening once left it open over the fields below (in CI the 执法活动 select sat under 表 2's
 * list for 15 s); the option is then clicked again, which for a single select only closes the list.
 * `typed` filters a searchable select first.
 */
async function pickOption(page: Page, select: Locator, option: string | RegExp, typed?: string): Promise<void> {
  await select.click();
  if (typed) await select.fill(typed);
  const list = page.locator('.ant-select-dropdown:visible');
  const choice = list.locator('.ant-select-item-option').filter({ hasText: option }).first();
  await choice.click();
  await expect(async () => {
    if (await choice.isVisible()) await choice.click({ timeout: 1_000 });
    await expect(list).toHaveCount(0, { timeout: 1_000 });
  }).toPass({ timeout: 10_000 });
}

/** A showTime date picker: the typed value is taken with the picker's own 确定, not with Enter (which would send the form). */
async function pickDateTime(page: Page, input: Locator, value: string): Promise<void> {
  await input.click();
  await input.fill(value);
  await page.locator('.ant-picker-dropdown:visible .ant-picker-ok button').click();
  await expect(input).toHaveValue(value);
}

/** A stored PDF opened in the viewer: loaded by pdf.js (its page count known) and drawn on the canvas. */
async function expectPdfShown(dialog: Locator): Promise<void> {
  await expect(dialog).toContainText(/共 [1-9]\d* 页/);
  await expect(dialog.locator('canvas')).toBeVisible();
  await expect(dialog.locator('.ant-spin-spinning')).toHaveCount(0);
}

/** An instant as the pickers show it in the browser's zone (Asia/Shanghai, playwright.config.ts). */
function chinaTime(ms: number): string {
  return new Date(ms + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * The unit's signing certificate and the people of the media desk, made by the administrator through the API (the users screen is
 * covered by foundation.spec): the information-security officer 许安 (`xuan`), the information centre's
 * 钟信 (`zhongxin`), and 周正 (`zhouzheng`), head of 陈立's department 专卖监督管理科.
 */
async function addMediaPeople(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await signInAs(page, 'admin', '张伟');
  const failures = await page.evaluate(async (password) => {
    const api = (window as unknown as { archive: Api }).archive;
    const results = [
      // The unit's signing certificate (sealed with the host's keyPassphrase) signs 备案表, labels' records and certificates.
      await api.signing!.rotate!({}),
      await api.users!.create!({ username: 'xuan', displayName: '许安', department: '办公室', roles: ['security-officer'], password }),
      await api.users!.create!({ username: 'zhongxin', displayName: '钟信', department: '信息中心', roles: ['info-centre'], password }),
      await api.users!.create!({ username: 'zhouzheng', displayName: '周正', department: '专卖监督管理科', roles: ['department-head'], password }),
    ];
    return results.flatMap((r) => (r.ok ? [] : [r.error?.message ?? '']));
  }, SEEDED_PASSWORD);
  expect(failures).toEqual([]);
  await signOut(page);
}

/**
 * Storage media end to end (issue 6 item 10; DB3206/T 1060 §6.1.3): the security officer registers a
 * USB stick (an 8 MiB disk image filled with a marker, registered with its path so that its signed
 * identity is written) and prints its label; 陈立 asks to check it out, his department head approves
 * with the password asked again, the information centre files it (the signed 备案表) and hands it over,
 * then takes it back; a wipe is asked and approved; the security officer runs the wizard with a witness,
 * follows its progress and gets the certificate, and no byte of the marker is left in the image (a
 * wipe aimed at another image is refused first). A 秘密 medium goes to the destruction hand-off under
 * supervision, and files on a mounted medium are wiped one by one, the limits said on the result.
 */
test('a medium is registered and labelled, checked out through its approval chain, wiped in the wizard with a witness, and certified', async ({ page, workstation }) => {
  test.setTimeout(300_000);
  const imageDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-e2e-medium-'));
  const image = path.join(imageDir, 'usb-stick.img');
  const size = 8 * 1024 * 1024;
  const filled = Buffer.alloc(size);
  for (let at = 0; at < size; at += MARKER.length) MARKER.copy(filled, at);
  fs.writeFileSync(image, filled);
  const tag = 'NTYC-2026-0001';

  try {
    await addMediaPeople(page, workstation.url);

    await test.step('the security officer registers the medium with its device path (a tag outside the unit’s rule is refused first) and its identity is written', async () => {
      await signInAs(page, 'xuan', '许安');
      await page.getByRole('menuitem', { name: '存储介质台账' }).click();
      await expect(page.getByRole('heading', { name: '存储介质台账' })).toBeVisible();
      await page.getByRole('button', { name: '登记介质' }).click();
      const dialog = page.getByRole('dialog', { name: '登记存储介质' });
      await expect(dialog.getByLabel('资产编号')).toBeFocused();
      await expect(dialog).toContainText('例如 NTYC-2026-0001');
      await dialog.getByLabel('资产编号').fill('U盘1');
      await dialog.getByLabel('资产编号').press('Enter');
      await expect(dialog.locator('.ant-form-item').filter({ has: page.getByLabel('资产编号') })).toContainText('不符合本单位');
      await dialog.getByLabel('资产编号').fill(tag);
      await pickOption(page, dialog.getByLabel('介质类型'), 'U盘');
      await dialog.getByLabel('所属部门').fill('专卖监督管理科');
      await dialog.getByLabel('品牌').fill('金士顿');
      await dialog.getByLabel('型号').fill('DataTraveler');
      await dialog.getByLabel('硬件序列号').fill('KT-0001');
      await dialog.getByLabel('介质设备路径').fill(image);
      await screenshot(page, '70-media-register');
      await dialog.getByLabel('介质设备路径').press('Enter');
      await expect(dialog).toBeHidden();
      const detail = page.getByTestId('medium-detail');
      await expect(detail.getByTestId('medium-status')).toHaveText('在库');
      await expect(detail).toContainText('已写入');
      await expect(detail.getByTestId('medium-history')).toContainText('登记');
      await page.locator('.ant-drawer-close').click();
      await expect(detail).toBeHidden();
    });

    await test.step('核验介质 knows the registered medium by its signed identity and calls a blank one unregistered', async () => {
      const blank = path.join(imageDir, 'blank.img');
      fs.writeFileSync(blank, Buffer.alloc(1024 * 1024));
      await page.getByRole('button', { name: '核验介质' }).click();
      const dialog = page.getByRole('dialog', { name: '核验介质' });
      await expect(dialog.getByLabel('介质设备路径')).toBeFocused();
      await dialog.getByLabel('介质设备路径').fill(image);
      await dialog.getByLabel('介质设备路径').press('Enter');
      await expect(dialog.getByTestId('medium-check-result')).toContainText(`已登记的本单位介质：${tag}`);
      await dialog.getByLabel('介质设备路径').fill(blank);
      await dialog.getByLabel('介质设备路径').press('Enter');
      await expect(dialog).toContainText('未登记');
      await dialog.getByRole('button', { name: '取消' }).click();
      await expect(dialog).toBeHidden();
    });

    await test.step('the label sheet is made for the chosen row and opens as a PDF', async () => {
      const row = page.getByTestId('media-table').getByRole('row').filter({ hasText: tag });
      await expect(row).toContainText('U盘');
      await expect(row).toContainText('非涉密');
      await row.getByRole('checkbox').check();
      await page.getByRole('button', { name: '打印标签（1）' }).click();
      const dialog = page.getByRole('dialog', { name: '打印介质标签' });
      await expect(dialog).toContainText(tag);
      await pickOption(page, dialog.getByLabel('标签规格'), '50 × 30 mm');
      await dialog.getByRole('button', { name: '生成标签' }).click();
      const viewer = page.getByRole('dialog', { name: '介质标签', exact: true });
      await expectPdfShown(viewer);
      await expect(viewer.getByRole('link', { name: /下载 .*\.pdf/ })).toBeVisible();
      await screenshot(page, '71-media-label');
      await viewer.locator('.ant-modal-footer').getByRole('button', { name: '关闭' }).click();
      await expect(viewer).toBeHidden();
      await signOut(page);
    });

    await test.step('the case officer asks to check it out', async () => {
      await signInAs(page, 'chenli', '陈立');
      await page.getByRole('menuitem', { name: '存储介质台账' }).click();
      await page.getByRole('button', { name: `申领 ${tag}` }).click();
      const dialog = page.getByRole('dialog', { name: '申领存储介质' });
      await expect(dialog.getByLabel('领用用途')).toBeFocused();
      await dialog.getByLabel('领用用途').fill('执法记录仪数据转存');
      await dialog.getByLabel('领用用途').press('Enter');
      await expect(dialog).toBeHidden();
      await page.getByRole('menuitem', { name: '领用与审批' }).click();
      const mine = page.getByTestId('media-requests-table').getByRole('row').filter({ hasText: tag });
      await expect(mine).toContainText('审批中');
      await expect(mine.getByTestId('request-chain')).toContainText('部门负责人审批');
      await expect(mine.getByTestId('request-chain')).toContainText('信息中心备案');
      await signOut(page);
    });

    await test.step('the department head approves with the password asked again (a wrong one is refused on its field)', async () => {
      await signInAs(page, 'zhouzheng', '周正');
      await page.getByRole('menuitem', { name: '领用与审批' }).click();
      await expect(page.getByRole('tab', { name: /待我审批/ })).toHaveAttribute('aria-selected', 'true');
      const row = page.getByTestId('media-requests-table').getByRole('row').filter({ hasText: tag });
      await row.getByRole('button', { name: `批准 ${tag}`, exact: true }).click();
      const dialog = page.getByRole('dialog', { name: '部门负责人审批' });
      await expect(dialog.getByLabel('审批意见')).toBeFocused();
      await expect(dialog).toContainText('执法记录仪数据转存');
      await screenshot(page, '72-media-approve');
      await dialog.getByLabel('审批意见').fill('同意');
      await dialog.getByLabel('确认密码').fill('not-my-password');
      await dialog.getByLabel('确认密码').press('Enter');
      await expect(dialog.locator('.ant-form-item').filter({ has: page.getByLabel('确认密码') })).toContainText('密码不正确');
      await dialog.getByLabel('确认密码').fill(SEEDED_PASSWORD);
      await dialog.getByLabel('确认密码').press('Enter');
      await expect(dialog).toBeHidden();
      await expect(page.getByTestId('media-requests-table')).not.toContainText(tag);
      await signOut(page);
    });

    await test.step('the information centre files it (the signed 备案表 opens) and hands it over, the medium checked first', async () => {
      await signInAs(page, 'zhongxin', '钟信');
      await page.getByRole('menuitem', { name: '领用与审批' }).click();
      const row = page.getByTestId('media-requests-table').getByRole('row').filter({ hasText: tag });
      await expect(row.getByTestId('request-chain')).toContainText('周正');
      await row.getByRole('button', { name: `批准 ${tag}`, exact: true }).click();
      const dialog = page.getByRole('dialog', { name: '信息中心备案' });
      await expect(dialog.getByLabel('审批意见')).toBeFocused();
      await dialog.getByLabel('确认密码').fill(SEEDED_PASSWORD);
      await dialog.getByLabel('确认密码').press('Enter');
      await expect(dialog).toBeHidden();

      await page.getByRole('tab', { name: '交付与归还' }).click();
      const filed = page.getByTestId('media-requests-table').getByRole('row').filter({ hasText: tag });
      await expect(filed).toContainText('已批准');
      await filed.getByRole('button', { name: `备案表 ${tag}` }).click();
      const record = page.getByRole('dialog', { name: `存储介质领用备案表 ${tag}` });
      await expectPdfShown(record);
      await screenshot(page, '72-media-filed-record-pdf');
      await record.locator('.ant-modal-footer').getByRole('button', { name: '关闭' }).click();

      await filed.getByRole('button', { name: `交付 ${tag}` }).click();
      const handover = page.getByRole('dialog', { name: `交付：${tag}` });
      await expect(handover.getByLabel('介质设备路径')).toBeFocused();
      await handover.getByLabel('介质设备路径').fill(image);
      await handover.getByLabel('介质设备路径').press('Enter');
      await expect(handover).toBeHidden();
      const out = page.getByTestId('media-checked-out-table').getByRole('row').filter({ hasText: tag });
      await expect(out).toContainText('陈立');
    });

    await test.step('the holder may write a case’s records onto it, which the core refuses for a raw disk image (records go onto the medium’s file system)', async () => {
      await signOut(page);
      await signInAs(page, 'chenli', '陈立');
      const imported = await page.evaluate(async () => {
        const api = (window as unknown as { archive: Api }).archive;
        const r = await api.cases!.importSample!({});
        return r.ok ? (r.value as { case: { caseNumber: string } }).case.caseNumber : `失败：${r.error?.message}`;
      });
      expect(imported).not.toMatch(/^失败/);
      await page.getByRole('menuitem', { name: '存储介质台账' }).click();
      await page.getByRole('button', { name: `查看 ${tag}` }).click();
      const detail = page.getByTestId('medium-detail');
      await expect(detail.getByTestId('medium-status')).toHaveText('已领用');
      await detail.getByRole('button', { name: '写入案件记录' }).click();
      const dialog = page.getByRole('dialog', { name: `写入案件记录：${tag}` });
      // In one CI run the click on the case was taken while its filtered list re-rendered and chose
      // nothing (缺少案件): picked again until the select shows it.
      await expect(async () => {
        await pickOption(page, dialog.getByLabel('案件'), imported, imported.slice(0, 6));
        // The list is in a portal: the field shows the whole case number only once it is chosen.
        await expect(dialog.locator('.ant-form-item').filter({ has: page.getByLabel('案件') })).toContainText(imported, { timeout: 2_000 });
      }).toPass({ timeout: 20_000 });
      await dialog.getByLabel('介质设备路径').fill(image);
      await dialog.getByLabel('介质设备路径').press('Enter');
      await expect(dialog.locator('.ant-form-item').filter({ has: page.getByLabel('介质设备路径') })).toContainText('介质挂载的文件夹');
      await dialog.getByRole('button', { name: '取消' }).click();
      await expect(dialog).toBeHidden();
      await page.locator('.ant-drawer-close').click();
      await signOut(page);
      await signInAs(page, 'zhongxin', '钟信');
      await page.getByRole('menuitem', { name: '领用与审批' }).click();
      await page.getByRole('tab', { name: '交付与归还' }).click();
    });

    await test.step('the medium comes back and is checked in', async () => {
      const out = page.getByTestId('media-checked-out-table').getByRole('row').filter({ hasText: tag });
      await out.getByRole('button', { name: `归还 ${tag}` }).click();
      const back = page.getByRole('dialog', { name: `归还：${tag}` });
      await back.getByLabel('介质设备路径').fill(image);
      await back.getByLabel('介质设备路径').press('Enter');
      await expect(back).toBeHidden();
      await expect(page.getByTestId('media-checked-out-table')).not.toContainText(tag);
      await signOut(page);
    });

    await test.step('the security officer asks for a wipe and the department head approves it', async () => {
      await signInAs(page, 'xuan', '许安');
      await page.getByRole('menuitem', { name: '存储介质台账' }).click();
      await page.getByRole('button', { name: `查看 ${tag}` }).click();
      const detail = page.getByTestId('medium-detail');
      await expect(detail.getByTestId('medium-status')).toHaveText('在库');
      await detail.getByRole('button', { name: '申请清除' }).click();
      const dialog = page.getByRole('dialog', { name: `申请清除：${tag}` });
      await expect(dialog.getByLabel('清除原因')).toBeFocused();
      await dialog.getByLabel('清除原因').fill('转作他用前清除');
      await dialog.getByLabel('清除原因').press('Enter');
      await expect(dialog).toBeHidden();
      await page.locator('.ant-drawer-close').click();
      await expect(detail).toBeHidden();
      await signOut(page);

      await signInAs(page, 'zhouzheng', '周正');
      await page.getByRole('menuitem', { name: '领用与审批' }).click();
      const row = page.getByTestId('media-requests-table').getByRole('row').filter({ hasText: `清除 ${tag}` });
      await expect(row).toContainText('转作他用前清除');
      await row.getByRole('button', { name: `批准 ${tag}`, exact: true }).click();
      const approve = page.getByRole('dialog', { name: '部门负责人审批' });
      await expect(approve.getByLabel('审批意见')).toBeFocused();
      await approve.getByLabel('确认密码').fill(SEEDED_PASSWORD);
      await approve.getByLabel('确认密码').press('Enter');
      await expect(approve).toBeHidden();
      await signOut(page);
    });

    await test.step('the wizard explains the method for a USB stick, runs it with a witness and shows progress, then the certificate', async () => {
      await signInAs(page, 'xuan', '许安');
      await page.getByRole('menuitem', { name: '清除向导' }).click();
      await page.getByTestId('wipe-candidates').getByRole('button', { name: `清除 ${tag}`, exact: true }).click();
      const plan = page.getByTestId('wipe-plan');
      await expect(plan.getByTestId('wipe-method')).toContainText('两遍覆写');
      await expect(plan).toContainText('NIST');
      await screenshot(page, '73-wipe-plan');
      await expect(page.getByLabel('目标设备路径')).toBeFocused();
      // Aimed at another disk image (blank, so no identity record): refused on the target field, nothing written.
      const blank = path.join(imageDir, 'blank.img');
      await page.getByLabel('目标设备路径').fill(blank);
      await page.getByLabel('复核人用户名').fill('zhongxin');
      await page.getByLabel('复核人密码').fill(SEEDED_PASSWORD);
      await page.getByLabel('确认密码').fill(SEEDED_PASSWORD);
      await page.getByRole('button', { name: '开始清除' }).click();
      await expect(page.locator('.ant-form-item').filter({ has: page.getByLabel('目标设备路径') })).toContainText(`目标不是 ${tag}`);
      expect(fs.readFileSync(blank).every((byte) => byte === 0)).toBe(true);
      await page.getByLabel('目标设备路径').fill(image);
      await watchProgress(page, 'wipe-job');
      await page.getByRole('button', { name: '开始清除' }).click();
      const result = page.getByTestId('wipe-result');
      await expect(result).toContainText('校验通过', { timeout: 60_000 });
      expect((await progressSeen(page, 'wipe-job')).length).toBeGreaterThan(0);
      const certificate = result.getByTestId('wipe-certificate').getByRole('row').filter({ hasText: tag });
      await expect(certificate).toContainText('许安');
      await expect(certificate).toContainText('钟信');
      await screenshot(page, '74-wipe-result');
      await certificate.getByRole('button', { name: /查看证书/ }).click();
      const pdf = page.getByRole('dialog', { name: /清除证书/ });
      await expectPdfShown(pdf);
      await pdf.locator('.ant-modal-footer').getByRole('button', { name: '关闭' }).click();
    });

    await test.step('no byte of the marker is left in the image, and the certificate is listed with the register', async () => {
      const wiped = fs.readFileSync(image);
      expect(wiped.length).toBe(size);
      expect(wiped.indexOf(MARKER.subarray(0, 12))).toBe(-1);
      await page.getByRole('menuitem', { name: '清除证书' }).click();
      await expect(page.getByTestId('certificates-table').getByRole('row').filter({ hasText: tag })).toBeVisible();
      await page.getByRole('menuitem', { name: '存储介质台账' }).click();
      await expect(page.getByTestId('media-table').getByRole('row').filter({ hasText: tag })).toContainText('已清除');
    });

    await test.step('a 秘密 medium is not wiped by software: the wizard records its hand-off to certified destruction under supervision', async () => {
      const secret = 'NTYC-2026-0002';
      // Registered, asked for and approved through the API: the screens for these are covered above.
      const failures = await page.evaluate(
        async ({ secret, password }) => {
          const api = (window as unknown as { archive: Api }).archive;
          const results = [
            await api.media!.register!({ tag: secret, kind: 'usb-flash', classification: '秘密', department: '专卖监督管理科' }),
            await api.media!.wipeRequest!({ tag: secret, reason: '涉密介质报废', destination: 'destruction' }),
            await api.auth!.logout!(),
            await api.auth!.login!({ username: 'zhouzheng', password }),
          ];
          const waiting = await api.media!.requests!({ scope: 'actionable', tag: secret });
          const request = (waiting.value as { id: string }[] | undefined)?.[0];
          results.push(waiting, await api.media!.approve!({ requestId: request?.id, confirmPassword: password }));
          results.push(await api.auth!.logout!(), await api.auth!.login!({ username: 'xuan', password }));
          return results.flatMap((r) => (r.ok ? [] : [r.error?.message ?? '']));
        },
        { secret, password: SEEDED_PASSWORD },
      );
      expect(failures).toEqual([]);
      await page.reload();
      await expect(page.getByTestId('current-user')).toHaveText('许安');
      await page.getByRole('menuitem', { name: '清除向导' }).click();
      await page.getByTestId('wipe-candidates').getByRole('button', { name: `登记销毁 ${secret}` }).click();
      const plan = page.getByTestId('wipe-plan');
      await expect(plan).toContainText('秘密介质不能用软件清除');
      await page.getByLabel('销毁机构').fill('南通市保密技术服务中心');
      await page.getByLabel('销毁证明编号').fill('XH-2026-118');
      await pickDateTime(page, page.getByLabel('交接时间'), chinaTime(Date.now() - 3600_000));
      await page.getByTestId('destruction-scan-input').setInputFiles({ name: '销毁证明.pdf', mimeType: 'application/pdf', buffer: fs.readFileSync(path.join(imageDir, 'blank.img')).subarray(0, 1024) });
      await expect(page.getByTestId('destruction-scan')).toContainText('销毁证明.pdf');
      await page.getByLabel('监督人用户名').fill('zhongxin');
      await page.getByLabel('监督人密码').fill(SEEDED_PASSWORD);
      await page.getByLabel('确认密码').fill(SEEDED_PASSWORD);
      await page.getByRole('button', { name: '登记交付销毁' }).click();
      const result = page.getByTestId('wipe-result');
      await expect(result).toContainText('交付销毁已登记');
      const certificate = result.getByTestId('wipe-certificate').getByRole('row').filter({ hasText: secret });
      await expect(certificate).toContainText('销毁（Destroy）');
      await expect(certificate).toContainText('南通市保密技术服务中心');
      await expect(certificate.getByRole('link', { name: '销毁证明' })).toBeVisible();
      await screenshot(page, '75-destruction-result');
    });

    await test.step('files on a mounted medium are wiped one by one, with what file-level wiping cannot promise said on the result', async () => {
      const folderTag = 'NTYC-2026-0003';
      const mounted = path.join(imageDir, 'mounted');
      fs.mkdirSync(path.join(mounted, '记录'), { recursive: true });
      fs.writeFileSync(path.join(mounted, '记录', '询问笔录.txt'), Buffer.concat([MARKER, MARKER]));
      fs.writeFileSync(path.join(mounted, '保留.txt'), 'kept');
      const failures = await page.evaluate(
        async ({ folderTag, mounted, password }) => {
          const api = (window as unknown as { archive: Api }).archive;
          const results = [
            await api.media!.register!({ tag: folderTag, kind: 'usb-flash', classification: '非涉密', department: '专卖监督管理科', device: mounted }),
            await api.media!.wipeRequest!({ tag: folderTag, reason: '删除已移交的笔录', destination: 'reuse' }),
            await api.auth!.logout!(),
            await api.auth!.login!({ username: 'zhouzheng', password }),
          ];
          const waiting = await api.media!.requests!({ scope: 'actionable', tag: folderTag });
          const request = (waiting.value as { id: string }[] | undefined)?.[0];
          results.push(waiting, await api.media!.approve!({ requestId: request?.id, confirmPassword: password }));
          results.push(await api.auth!.logout!(), await api.auth!.login!({ username: 'xuan', password }));
          return results.flatMap((r) => (r.ok ? [] : [r.error?.message ?? '']));
        },
        { folderTag, mounted, password: SEEDED_PASSWORD },
      );
      expect(failures).toEqual([]);
      await page.reload();
      await expect(page.getByTestId('current-user')).toHaveText('许安');
      await page.getByRole('menuitem', { name: '清除向导' }).click();
      await page.getByTestId('wipe-candidates').getByRole('button', { name: `清除 ${folderTag}`, exact: true }).click();
      await page.getByRole('radio', { name: '文件级清除' }).check();
      await page.getByLabel('已挂载介质的文件夹').fill(mounted);
      await page.getByLabel('要清除的文件').fill('记录/询问笔录.txt');
      await page.getByLabel('复核人用户名').fill('zhongxin');
      await page.getByLabel('复核人密码').fill(SEEDED_PASSWORD);
      await page.getByLabel('确认密码').fill(SEEDED_PASSWORD);
      await page.getByRole('button', { name: '开始清除' }).click();
      const result = page.getByTestId('wipe-result');
      await expect(result).toContainText('校验通过');
      await expect(result).toContainText('记录/询问笔录.txt');
      // The honest statement of NIST SP 800-88 on file-level wiping of flash media.
      await expect(result).toContainText('闪存');
      expect(fs.existsSync(path.join(mounted, '记录', '询问笔录.txt'))).toBe(false);
      expect(fs.readFileSync(path.join(mounted, '保留.txt'), 'utf8')).toBe('kept');
      await expect(result.getByTestId('wipe-certificate').getByRole('row').filter({ hasText: folderTag })).toContainText('文件级');
    });
  } finally {
    fs.rmSync(imageDir, { recursive: true, force: true });
  }
});

/**
 * Electronic records (issue 6 item 7; DB3206/T 1060 §6.1.2 Table 2, §4.7.3): 陈立 registers a market
 * inspection recording three days after it ended, the name previewed as the core stores it, and it is
 * listed as a late upload; one uploaded in time is not. A recording past its six months is on the
 * disposal list: the information centre asks for its disposal and the department head approves it with
 * the password asked again, which leaves a signed certificate.
 */
test('an electronic record is named by §4.7.3 as previewed, a late upload is listed, and a due record is disposed of with a certificate', async ({ page, workstation }) => {
  test.setTimeout(240_000);
  await addMediaPeople(page, workstation.url);
  const now = Date.now();
  let lateName = '';

  await test.step('a recording uploaded three days after the inspection: the preview is the stored name, and it is late', async () => {
    await signInAs(page, 'chenli', '陈立');
    await page.getByRole('menuitem', { name: '电子记录' }).click();
    await page.getByRole('button', { name: '登记电子记录' }).click();
    const dialog = page.getByRole('dialog', { name: '登记电子记录' });
    await expect(dialog.getByLabel('记录种类和内容特征（表 2）')).toBeFocused();
    await pickOption(page, dialog.getByLabel('记录种类和内容特征（表 2）'), '无争议、纠纷或未形成案件');
    await expect(dialog).toContainText('保存期限：6 月');
    await pickOption(page, dialog.getByLabel('执法活动'), /^市场检查$/);
    await dialog.getByLabel('中队（室）').fill('第一中队');
    await dialog.getByLabel('当事人').fill('王某某');
    await expect(dialog.getByLabel('记录人')).toHaveValue('陈立');
    await pickDateTime(page, dialog.getByLabel('活动结束时间'), chinaTime(now - 3 * 24 * 3600_000));
    await dialog.getByLabel('逾期上传原因').fill('连续作业');
    await dialog.getByTestId('erecord-files-input').setInputFiles({ name: '执法记录仪-001.mp4', mimeType: 'video/mp4', buffer: Buffer.from('not really a video, kept byte for byte') });
    const preview = dialog.getByTestId('erecord-name');
    lateName = (await preview.textContent()) ?? '';
    expect(lateName).toMatch(ELECTRONIC_RECORD_NAME_PATTERN);
    expect(lateName).toContain('南通市烟草专卖局第一中队市场检查记录（王某某）（记录人：陈立）');
    await screenshot(page, '76-erecord-register');
    await dialog.getByLabel('逾期上传原因').press('Enter');
    await expect(dialog).toBeHidden();
    const row = page.getByTestId('erecords-table').getByRole('row').filter({ hasText: lateName });
    await expect(row).toContainText('逾期');
    await page.getByRole('tab', { name: '逾期上传' }).click();
    await expect(page.getByTestId('erecords-table').getByRole('row').filter({ hasText: lateName })).toBeVisible();
    await page.getByTestId('erecords-table').getByRole('button', { name: lateName }).click();
    const detail = page.getByTestId('erecord-detail');
    await expect(detail).toContainText(lateName);
    await expect(detail).toContainText('执法记录仪-001.mp4');
    await expect(detail).toContainText('连续作业');
    await page.locator('.ant-drawer-close').click();
    await expect(detail).toBeHidden();
  });

  await test.step('a recording uploaded two hours after its end is not late', async () => {
    await page.getByRole('tab', { name: '全部' }).click();
    await page.getByRole('button', { name: '登记电子记录' }).click();
    const dialog = page.getByRole('dialog', { name: '登记电子记录' });
    await pickOption(page, dialog.getByLabel('记录种类和内容特征（表 2）'), '调查取证、专项检查或其他');
    await pickOption(page, dialog.getByLabel('执法活动'), /^询问$/);
    await dialog.getByLabel('中队（室）').fill('第二中队');
    await dialog.getByLabel('当事人').fill('李某');
    await dialog.getByLabel('案件编号').fill('通烟立〔2026〕第8号');
    await pickDateTime(page, dialog.getByLabel('活动结束时间'), chinaTime(now - 2 * 3600_000));
    await expect(dialog.getByLabel('逾期上传原因')).toHaveCount(0);
    const name = (await dialog.getByTestId('erecord-name').textContent()) ?? '';
    expect(name).toContain('（李某+通烟立〔2026〕第8号）');
    await dialog.getByLabel('案件编号').press('Enter');
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('erecords-table').getByRole('row').filter({ hasText: name })).not.toContainText('逾期');
    await page.getByRole('tab', { name: '逾期上传' }).click();
    await expect(page.getByTestId('erecords-table').getByRole('row').filter({ hasText: lateName })).toBeVisible();
    await expect(page.getByTestId('erecords-table')).not.toContainText(name);
  });

  await test.step('a recording of seven months ago (registered through the API) is due; the information centre asks for its disposal', async () => {
    const registered = await page.evaluate(async (endedAt) => {
      const api = (window as unknown as { archive: Api }).archive;
      const r = await api.erecords!.register!({ retentionClass: 'market-undisputed', activityType: '市场检查', squad: '第三中队', party: '赵某', recorder: '陈立', endedAt, lateReason: '补录' });
      return r.ok ? (r.value as { name: string }).name : `失败：${r.error?.message}`;
    }, new Date(now - 213 * 24 * 3600_000).toISOString());
    expect(registered).toMatch(ELECTRONIC_RECORD_NAME_PATTERN);
    await signOut(page);

    await signInAs(page, 'zhongxin', '钟信');
    await page.getByRole('menuitem', { name: '电子记录' }).click();
    await page.getByRole('tab', { name: '到期待处置' }).click();
    const row = page.getByTestId('erecords-table').getByRole('row').filter({ hasText: registered });
    await expect(row).toBeVisible();
    await expect(page.getByTestId('erecords-table')).not.toContainText(lateName);
    await row.getByRole('checkbox').check();
    await page.getByRole('button', { name: '申请销毁（1）' }).click();
    const dialog = page.getByRole('dialog', { name: '申请销毁电子记录' });
    await expect(dialog.getByLabel('处置理由')).toBeFocused();
    await dialog.getByLabel('处置理由').fill('保存期满');
    await dialog.getByLabel('处置理由').press('Enter');
    await expect(dialog).toBeHidden();
    await signOut(page);

    await signInAs(page, 'zhouzheng', '周正');
    await page.getByRole('menuitem', { name: '电子记录' }).click();
    await page.getByRole('tab', { name: '销毁申请' }).click();
    const request = page.getByTestId('disposals-table').getByRole('row').filter({ hasText: registered });
    await expect(request).toContainText('待审批');
    await request.getByRole('button', { name: '批准', exact: true }).click();
    const approve = page.getByRole('dialog', { name: '批准销毁电子记录' });
    await expect(approve.getByLabel('审批意见')).toBeFocused();
    await approve.getByLabel('确认密码').fill(SEEDED_PASSWORD);
    await approve.getByLabel('确认密码').press('Enter');
    await expect(approve).toBeHidden();
    await expect(request).toContainText('已批准并销毁');
    await request.getByRole('button', { name: '销毁证书' }).click();
    const pdf = page.getByRole('dialog', { name: /电子记录销毁证书/ });
    await expectPdfShown(pdf);
    await screenshot(page, '77-erecord-disposal-certificate');
    await pdf.locator('.ant-modal-footer').getByRole('button', { name: '关闭' }).click();
    await page.getByRole('tab', { name: '已销毁' }).click();
    await expect(page.getByTestId('erecords-table').getByRole('row').filter({ hasText: registered })).toBeVisible();
  });
});

/**
 * 介质规则 (DB3206/T 1060 §6.1.3 a, c): the security administrator keeps the unit's asset-tag rule and
 * the approval chains. An example outside the rule is flagged and refused; a step added to the wipe
 * chain is kept.
 */
test('the security administrator keeps the asset-tag rule and the approval chains', async ({ page, workstation }) => {
  await page.goto(workstation.url);
  await signInAs(page, 'admin', '张伟');
  const failures = await page.evaluate(async (password) => {
    const api = (window as unknown as { archive: Api }).archive;
    const r = await api.users!.create!({ username: 'anquan', displayName: '安全保密管理员', department: '办公室', roles: ['security-admin'], password });
    return r.ok ? [] : [r.error?.message ?? ''];
  }, SEEDED_PASSWORD);
  expect(failures).toEqual([]);
  await signOut(page);

  await signInAs(page, 'anquan', '安全保密管理员');
  await page.getByRole('menuitem', { name: '介质规则' }).click();
  await expect(page.getByLabel('资产编号示例')).toHaveValue('NTYC-2026-0001');
  await expect(page.getByLabel('领用审批流程第 1 步名称')).toHaveValue('部门负责人审批');
  await expect(page.getByLabel('领用审批流程第 2 步名称')).toHaveValue('信息中心备案');

  await page.getByLabel('资产编号示例').fill('U盘-1');
  await expect(page.locator('.ant-form-item').filter({ has: page.getByLabel('资产编号示例') })).toContainText('示例不符合上面的规则');
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.locator('.ant-form-item').filter({ has: page.getByLabel('资产编号示例') })).toContainText('不符合所设的编号规则');

  await page.getByLabel('资产编号示例').fill('NTYC-2026-0100');
  await expect(page.locator('.ant-form-item').filter({ has: page.getByLabel('资产编号示例') })).not.toContainText('不符合');
  await page.getByRole('button', { name: '添加一步' }).nth(1).click();
  await pickOption(page, page.getByLabel('清除审批流程第 2 步角色'), '局领导');
  await page.getByLabel('清除审批流程第 2 步名称').fill('分管局领导审批');
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.locator('.ant-message')).toContainText('介质规则已保存');
  await screenshot(page, '78-media-rules');

  await page.reload();
  await expect(page.getByLabel('资产编号示例')).toHaveValue('NTYC-2026-0100');
  await expect(page.getByLabel('清除审批流程第 2 步名称')).toHaveValue('分管局领导审批');
});
