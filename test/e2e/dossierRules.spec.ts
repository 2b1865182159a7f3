import sharp from 'sharp';
import { SEEDED_PASSWORD, dragOnto, expect, prepareArchiveRoom, screenshot, signIn, test } from './fixtures';

// A set-up unit with its people (test/e2e/seedCases.ts); the host seals the signing key with this.
test.use({ seededCases: 0, keyPassphrase: 'e2e-签章口令-2024' });

/** One A4 page at 100 dpi with dark bars, so that it counts as a page with content (numbered). */
async function scanWithContent(): Promise<Buffer> {
  const width = 827;
  const height = 1169;
  const pixels = Buffer.alloc(width * height, 235);
  for (let bar = 0; bar < 6; bar++) {
    for (let y = 120 + bar * 80; y < 150 + bar * 80; y++) pixels.fill(40, y * width + 100, y * width + 700);
  }
  return sharp(pixels, { raw: { width, height, channels: 1 } }).withMetadata({ density: 100 }).jpeg({ quality: 85 }).toBuffer();
}

test('组卷规则 edited by the archivist and followed by the builder; compile cancelled and rerun; a supplement appended after archiving; a case officer cannot edit the rules', async ({ page, workstation }) => {
  // About 40 s on an idle machine; the sample import and the signing slow down most when CPUs are shared.
  test.setTimeout(120_000);
  // Designated: the supplement after archiving is work on an archived dossier (§4.10.2).
  const people = await prepareArchiveRoom(page, workstation.url, { designated: true });
  await signIn(page, people.archivist);
  await expect(page.getByTestId('current-user')).toHaveText('刘芳');

  const titles = () => page.getByTestId('volume-正卷').getByTestId('dossier-record').locator('strong').allTextContents();
  let builderUrl = '';
  await test.step('the sample case is imported into its builder, bound by the default template', async () => {
    await page.getByRole('menuitem', { name: '卷宗' }).click();
    await page.getByRole('button', { name: '导入示例案件' }).click();
    await expect(page).toHaveURL(/#\/cases\/[^/]+\/dossier$/, { timeout: 45_000 });
    await expect(page.getByTestId('dossier-record')).toHaveCount(8);
    expect((await titles())[0]).toMatch(/立案报告表$/);
    builderUrl = page.url();
  });

  await test.step('(a) the archivist moves stages by dragging and with Alt+arrows, changes the stamp corner, saves with Enter; a reload keeps it', async () => {
    await page.getByRole('menuitem', { name: '组卷规则' }).click();
    await expect(page).toHaveURL(/#\/rules$/);
    const stages = () => page.getByTestId('stage-item').locator('strong').allTextContents();
    await expect.poll(stages).toEqual(['立案', '调查取证', '审查决定', '送达执行', '结案归档', '通用']);
    await dragOnto(page.locator('[data-stage="结案归档"]'), page.locator('[data-stage="立案"]'));
    await expect.poll(stages).toEqual(['结案归档', '立案', '调查取证', '审查决定', '送达执行', '通用']);
    await expect(page.getByTestId('rules-unsaved')).toBeVisible();
    await page.locator('[data-stage="立案"]').focus();
    await page.keyboard.press('Alt+ArrowDown');
    await expect.poll(stages).toEqual(['结案归档', '调查取证', '立案', '审查决定', '送达执行', '通用']);
    // The moved row keeps the focus, so the key can be pressed again.
    await expect(page.locator('[data-stage="立案"]')).toBeFocused();

    await page.getByRole('radio', { name: /下角/ }).check();
    await expect(page.getByTestId('stamp-recto')).toHaveAttribute('data-corner', 'bottom-right');
    await expect(page.getByTestId('stamp-verso')).toHaveAttribute('data-corner', 'bottom-left');

    // The core's validation message appears under the field it names.
    const name = page.getByLabel('模板名称');
    const original = await name.inputValue();
    await name.fill('');
    await name.press('Enter');
    await expect(page.locator('.ant-form-item').filter({ has: name })).toContainText('请填写模板名称');
    await name.fill(`${original}（结案先行）`);
    // A required-record rule without a record type: refused by the core, shown at its picker, removed.
    const summary = page.getByTestId('required-简易程序');
    await summary.getByRole('button', { name: '添加简易程序必备文书' }).click();
    await summary.getByLabel('简易程序第 3 条：缺少时提示').fill('案件处理审批表');
    await summary.getByLabel('简易程序第 3 条：缺少时提示').press('Enter');
    await expect(summary.getByTestId('required-rule').nth(2)).toContainText('每条规则至少列一种文书');
    await summary.getByRole('button', { name: '删除简易程序第 3 条' }).click();
    await expect(summary.getByTestId('required-rule')).toHaveCount(2);
    await screenshot(page, '60-rules-edited');
    await name.press('Enter');
    await expect(page.getByText('组卷规则已保存')).toBeVisible();
    await expect(page.getByTestId('rules-unsaved')).toHaveCount(0);

    await page.reload();
    await expect.poll(stages).toEqual(['结案归档', '调查取证', '立案', '审查决定', '送达执行', '通用']);
    await expect(page.getByRole('radio', { name: /下角/ })).toBeChecked();
    await expect(page.getByLabel('模板名称')).toHaveValue(`${original}（结案先行）`);

    // 恢复默认 fills the form with the defaults without saving; 撤销修改 brings the saved rules back.
    await page.getByRole('button', { name: '恢复默认' }).click();
    await expect(page.getByRole('radio', { name: /上角/ })).toBeChecked();
    await expect(page.getByLabel('模板名称')).toHaveValue(original);
    await expect(page.getByTestId('rules-unsaved')).toBeVisible();
    await page.getByRole('button', { name: '撤销修改' }).click();
    await expect(page.getByRole('radio', { name: /下角/ })).toBeChecked();
    await expect(page.getByTestId('rules-unsaved')).toHaveCount(0);
  });

  await test.step('(a) the builder orders the records by the new template', async () => {
    await page.goto(builderUrl);
    await expect(page.getByTestId('dossier-record')).toHaveCount(8);
    const order = await titles();
    expect(order[0]).toMatch(/结案报告表$/);
    expect(order[1]).toMatch(/现场检查笔录$/);
    const at = (title: string) => order.findIndex((t) => t.endsWith(title));
    // 立案 now comes after 调查取证 and before 审查决定.
    expect(at('立案报告表')).toBeGreaterThan(at('询问笔录'));
    expect(at('立案报告表')).toBeLessThan(at('行政处罚决定书'));
  });

  await test.step('(b) 组卷 shows progress and is cancelled: no volume; then it runs to the end', async () => {
    // 取消 is pressed the moment it shows: the sample volume compiles in about a second, quicker than
    // a poll from the test could catch it, and the core keeps a cancel that overtakes its job's start.
    await page.evaluate(() => {
      const w = window as unknown as { compileProgressSeen: boolean };
      w.compileProgressSeen = false;
      const observer = new MutationObserver(() => {
        const panel = document.querySelector('[data-testid="compile-job"]');
        const button = panel?.querySelector<HTMLButtonElement>('button.ant-btn-dangerous');
        if (panel?.querySelector('.ant-progress')) w.compileProgressSeen = true;
        if (button && !button.disabled) {
          observer.disconnect();
          button.click();
        }
      });
      observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    });
    await page.getByRole('button', { name: '组卷' }).click();
    const job = page.getByTestId('compile-job');
    await expect(page.getByText('操作已取消，未保存任何结果。')).toBeVisible();
    await expect(job).toBeHidden();
    expect(await page.evaluate(() => (window as unknown as { compileProgressSeen: boolean }).compileProgressSeen)).toBe(true);
    await expect(page.getByTestId('compiled-preview')).toHaveCount(0);
    await expect(page.getByTestId('dossier-state')).toHaveText('编制中');

    await page.getByRole('button', { name: '组卷' }).click();
    await expect(page.getByTestId('compiled-preview').getByTestId('pdf-canvas')).toHaveAttribute('data-rendered-page', '1', { timeout: 30_000 });
    await expect(page.getByTestId('dossier-state')).toHaveText('已组卷');
  });

  await test.step('(c) after 接收归档, a corrected record is appended with its reason and listed as a supplement', async () => {
    await page.getByRole('button', { name: '接收归档' }).click();
    const archive = page.getByRole('dialog', { name: '接收归档' });
    // The dialog focuses its first field once open; filling before that would lose keys to it.
    await expect(archive.getByLabel('分类号')).toBeFocused();
    await archive.getByLabel('分类号').fill('XZCF');
    // Archiving is a sensitive action: the archivist's own password again (issue 5 item 6).
    await archive.getByLabel('确认密码').fill(SEEDED_PASSWORD);
    await archive.getByLabel('确认密码').press('Enter');
    await expect(archive).toBeHidden({ timeout: 30_000 });
    await expect(page.getByTestId('dossier-state')).toHaveText('已归档');
    const compiledCounts = page.getByTestId('compiled-preview').locator('.ant-descriptions-item-content').filter({ hasText: / 件 \d+ 页$/ });
    const volumePages = Number(/(\d+) 页$/.exec((await compiledCounts.textContent()) ?? '')?.[1]);
    expect(volumePages).toBeGreaterThan(0);
    const supplements = page.getByTestId('supplements');
    await expect(supplements).toContainText('归档后没有追加文书');

    await supplements.getByRole('button', { name: '追加文书' }).click();
    const dialog = page.getByRole('dialog', { name: '补充归档：追加文书' });
    await expect(dialog.getByLabel('追加的文书')).toBeFocused();
    await dialog.getByLabel('追加的文书').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '更正：《结案报告表》（新版本）' }).click();
    await expect(dialog.getByLabel('题名')).toHaveValue('结案报告表');
    await dialog.getByLabel('题名').fill('结案报告表（补签审批意见）');
    await dialog.getByTestId('append-scans-input').setInputFiles({ name: '补签.jpg', mimeType: 'image/jpeg', buffer: await scanWithContent() });
    await expect(dialog.getByTestId('append-scans-chosen')).toContainText('补签.jpg');
    await dialog.getByLabel('追加原因').fill('原结案报告表漏签审批意见，补签后追加');
    await screenshot(page, '61-supplement-form');
    await dialog.getByLabel('追加原因').press('Enter');
    await expect(dialog).toBeHidden({ timeout: 30_000 });

    const row = supplements.getByTestId('supplement');
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('结案报告表（补签审批意见）');
    await expect(row).toContainText('原结案报告表漏签审批意见，补签后追加');
    // Numbered on from the archived volume, which itself is unchanged.
    await expect(row.getByTestId('supplement-range')).toHaveText(String(volumePages + 1));
    await expect(compiledCounts).toHaveText(`8 件 ${volumePages} 页`);

    await row.getByRole('button', { name: '查看 PDF 和备考表' }).click();
    const viewer = page.getByRole('dialog', { name: /补充卷/ });
    await expect(viewer.getByTestId('pdf-canvas')).toHaveAttribute('data-rendered-page', '1', { timeout: 30_000 });
    await expect(viewer.getByTestId('pdf-page-count')).toHaveText('2');
    await screenshot(page, '62-supplement-viewer');
    await page.keyboard.press('Escape');
    await expect(viewer).toBeHidden();
  });

  await test.step('(d) a case officer has no 组卷规则 entry; by address the rules are read-only and the core refuses a change', async () => {
    await page.getByRole('button', { name: '退出' }).click();
    await signIn(page, people.caseOfficer);
    await expect(page.getByTestId('current-user')).toHaveText('陈立');
    await expect(page.getByRole('menuitem', { name: '卷宗' })).toBeVisible();
    await expect(page.getByRole('menuitem', { name: '组卷规则' })).toHaveCount(0);
    await page.goto(`${workstation.url}/#/rules`);
    await expect(page.getByTestId('rules-read-only')).toBeVisible();
    await expect(page.getByRole('button', { name: '保存' })).toHaveCount(0);
    await expect(page.getByLabel('模板名称')).toBeDisabled();
    const refusal = await page.evaluate(async () => {
      const result = await (window as unknown as { archive: { rules: { update: (r: unknown) => Promise<{ ok: boolean; error?: { code: string; message: string } }> } } }).archive.rules.update({ stampPosition: 'top-outer' });
      return result.ok ? null : result.error!;
    });
    expect(refusal?.code).toBe('forbidden');
    expect(refusal?.message).toContain('您的角色没有“接收归档”的权限');
    await screenshot(page, '63-rules-read-only');
  });
});
