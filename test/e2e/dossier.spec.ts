import type { ArchiveBridge } from '../../src/contract';
import { designateThisTerminal, dragOnto, expect, progressSeen, screenshot, setUpUnitInPage, signIn, test, watchProgress } from './fixtures';

declare global {
  interface Window {
    readonly archive: ArchiveBridge;
  }
}

const PASSWORD = 'Archive-2024!';

// The host seals the unit's signing key with this, so set-up creates the certificate.
test.use({ keyPassphrase: 'e2e-签章口令-2024' });

test('the dossier builder: sample case imported, contents ranges, a finding fixed, a record left out and back, compiled, printed, archived read-only', async ({ page, workstation }) => {
  test.setTimeout(170_000);
  await page.goto(workstation.url);

  await test.step('set up the unit and an archivist, who signs in', async () => {
    await setUpUnitInPage(page, { name: '示例市烟草专卖局', fonds: 'J001', password: PASSWORD });
    const created = await page.evaluate(
      (password) => window.archive.users.create({ username: 'liufang', displayName: '刘芳', department: '档案室', roles: ['archivist'], password }),
      PASSWORD,
    );
    expect(created.ok).toBe(true);
    // The archive room's workstation is a designated terminal: the archived dossier stays readable there (§4.10.2).
    await designateThisTerminal(page, PASSWORD);
    await signIn(page, 'liufang', PASSWORD);
    await expect(page.getByTestId('current-user')).toHaveText('刘芳');
  });

  await test.step('import the sample case from the dossier list, with progress, into its builder', async () => {
    await page.getByRole('menuitem', { name: '卷宗' }).click();
    await expect(page).toHaveURL(/#\/dossiers$/);
    await expect(page.getByTestId('dossier-total')).toHaveText('共 0 件');
    await screenshot(page, '40-dossier-list-empty');
    await watchProgress(page, 'import-sample-job');
    await page.getByRole('button', { name: '导入示例案件' }).click();
    await expect(page).toHaveURL(/#\/cases\/[^/]+\/dossier$/, { timeout: 90_000 });
    await expect(page.getByRole('heading', { name: /卷宗：示例烟立〔2024〕第1号/ })).toBeVisible();
    expect((await progressSeen(page, 'import-sample-job')).length).toBeGreaterThan(0);
    await expect(page.getByTestId('dossier-state')).toHaveText('编制中');
    await expect(page.getByTestId('checks-status')).toHaveAttribute('data-status', 'green');
    await expect(page.getByTestId('dossier-record')).toHaveCount(8);
    await expect(page.getByTestId('record-thumbnail').first()).toBeVisible();
    await screenshot(page, '41-dossier-builder');
  });

  await test.step('the contents preview shows the 页次 the volume will have', async () => {
    await page.getByRole('tab', { name: '目录预览' }).click();
    const ranges = await page.getByTestId('contents-正卷').getByTestId('contents-range').allTextContents();
    expect(ranges.slice(0, 2)).toEqual(['1', '2-3']);
    // Continuous from 1 to the cover's 页数, one record after another.
    let next = 1;
    for (const range of ranges) {
      const [first, last = first] = range.split('-').map(Number);
      expect(first).toBe(next);
      next = last! + 1;
    }
    await expect(page.getByTestId('contents-正卷')).toContainText(`共 8 件 ${next - 1} 页`);
    await expect(page.getByTestId('contents-正卷')).toContainText('空白页1页不编号');
    await screenshot(page, '42-dossier-contents');
  });

  await test.step('records are reordered by dragging (also into 副卷) and with Alt+arrows, and the numbering follows', async () => {
    const titles = () => page.getByTestId('volume-正卷').getByTestId('dossier-record').locator('strong').allTextContents();
    const original = await titles();
    const interview = page.locator('[data-testid="dossier-record"]', { hasText: '林晓东询问笔录' });
    await dragOnto(interview, page.getByTestId('volume-副卷'));
    await expect(page.getByTestId('volume-副卷').getByTestId('dossier-record')).toHaveCount(1);
    await expect(page.getByTestId('volume-副卷')).toContainText('副卷（1 件 1 页）');
    await expect(page.getByTestId('contents-副卷').getByTestId('contents-range')).toHaveText(['1']);
    await screenshot(page, '43-dossier-secondary-volume');
    // Back before the record it followed: dropped on a row, a record goes in front of it.
    await dragOnto(interview, page.locator('[data-testid="dossier-record"]', { hasText: '案件调查终结报告' }));
    await expect(page.getByTestId('volume-副卷').getByTestId('dossier-record')).toHaveCount(0);
    await expect.poll(titles).toEqual(original);

    const first = page.getByTestId('volume-正卷').getByTestId('dossier-record').first();
    await first.focus();
    await first.press('Alt+ArrowDown');
    await expect.poll(titles).toEqual([original[1]!.replace(/^2\./, '1.'), original[0]!.replace(/^1\./, '2.'), ...original.slice(2)]);
    await expect(page.getByTestId('contents-正卷').getByTestId('contents-range').first()).toHaveText('1-2');
    await page.locator('[data-testid="dossier-record"]', { hasText: '林晓东涉嫌无证经营卷烟立案报告表' }).press('Alt+ArrowUp');
    await expect.poll(titles).toEqual(original);
    await expect(page.getByTestId('contents-正卷').getByTestId('contents-range').first()).toHaveText('1');
  });

  await test.step('检查人 equal to 立卷人 is a red finding; clicking it focuses the field; fixing it clears it', async () => {
    await page.getByRole('tab', { name: '备考表' }).click();
    const checker = page.locator('#dossier-remarks_checker');
    await expect(page.locator('#dossier-remarks_compiler')).toHaveValue('周明');
    await checker.fill('周明');
    await checker.press('Enter');
    const finding = page.locator('[data-testid="finding"][data-field="remarks.checker"]');
    await expect(finding).toBeVisible();
    await expect(finding).toHaveAttribute('data-level', 'error');
    await expect(page.getByTestId('checks-status')).toHaveAttribute('data-status', 'red');
    await expect(page.getByRole('button', { name: '组卷' })).toBeDisabled();
    await page.getByRole('tab', { name: '封面' }).click();
    await screenshot(page, '44-dossier-finding');
    await finding.click();
    await expect(checker).toBeFocused();
    await checker.fill('吴芳');
    // Compiling writes what is saved, so an unsaved entry holds it back.
    await expect(page.getByTestId('compile-blocker')).toContainText('备考表有未保存的修改');
    await checker.press('Enter');
    await expect(finding).toHaveCount(0);
    await expect(page.getByTestId('checks-status')).toHaveAttribute('data-status', 'green');
  });

  await test.step('a record left out with a reason is in the statement draft, then taken back', async () => {
    await page.getByRole('button', { name: '《结案报告表》不入卷' }).click();
    const dialog = page.getByRole('dialog', { name: '不入卷' });
    await dialog.getByLabel('不入卷原因').fill('原件待补签');
    await dialog.getByLabel('不入卷原因').press('Enter');
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('excluded-records')).toContainText('原因：原件待补签');
    await expect(page.getByTestId('dossier-record')).toHaveCount(7);
    await expect(page.getByTestId('draft-statement')).toContainText('《结案报告表》（原件待补签）');
    await screenshot(page, '45-dossier-excluded');
    await page.getByTestId('excluded-records').getByRole('button', { name: '重新入卷' }).click();
    await expect(page.getByTestId('dossier-record')).toHaveCount(8);
    await expect(page.getByTestId('draft-statement')).not.toContainText('原件待补签');
    await expect(page.getByTestId('checks-status')).toHaveAttribute('data-status', 'green');
  });

  await test.step('组卷 with progress; the volume renders page 1 and its signature verifies', async () => {
    await watchProgress(page, 'compile-job');
    await page.getByRole('button', { name: '组卷' }).click();
    const preview = page.getByTestId('compiled-preview');
    await expect(preview.getByTestId('pdf-canvas')).toHaveAttribute('data-rendered-page', '1', { timeout: 90_000 });
    expect((await progressSeen(page, 'compile-job')).length).toBeGreaterThan(0);
    await expect(page.getByTestId('dossier-state')).toHaveText('已组卷');
    await expect(preview.getByTestId('signature-status')).toHaveText('有效');
    await preview.scrollIntoViewIfNeeded();
    await screenshot(page, '46-dossier-compiled');
  });

  await test.step('printing a single form renders just its page', async () => {
    await page.evaluate(() => {
      window.print = () => {
        (window as unknown as { printed: string[] }).printed = Array.from(document.querySelectorAll<HTMLImageElement>('.dossier-print-root img'), (img) => img.dataset.page ?? '');
      };
    });
    const total = Number(await page.getByTestId('compiled-preview').getByTestId('pdf-page-count').textContent());
    await page.getByTestId('print-buttons').getByRole('button', { name: '卷内备考表' }).click();
    await expect.poll(() => page.evaluate(() => (window as unknown as { printed?: string[] }).printed)).toEqual([String(total)]);
    await page.getByTestId('print-buttons').getByRole('button', { name: '卷内目录' }).click();
    await expect.poll(() => page.evaluate(() => (window as unknown as { printed?: string[] }).printed)).toEqual(['3']);
    await page.getByTestId('print-buttons').getByRole('button', { name: '打印整卷' }).click();
    // Every page of the volume is rendered before printing: allow for a busy machine.
    await expect.poll(() => page.evaluate(() => (window as unknown as { printed?: string[] }).printed), { timeout: 60_000 }).toEqual(Array.from({ length: total }, (_, i) => String(i + 1)));
    await expect(page.locator('.dossier-print-root')).toHaveCount(0);
  });

  await test.step('接收归档 with 分类号 XZCF: every 四性检测 item passes and the builder is read-only', async () => {
    await page.getByRole('button', { name: '接收归档' }).click();
    const dialog = page.getByRole('dialog', { name: '接收归档' });
    await expect(dialog.getByTestId('archive-precheck')).toContainText('归档前检查通过');
    // The dialog focuses its first field once open; filling before that would lose keys to it.
    await expect(dialog.getByLabel('分类号')).toBeFocused();
    await dialog.getByLabel('分类号').fill('XZCF');
    // Archiving is a sensitive action: the archivist's own password again (issue 5 item 6).
    await dialog.getByLabel('确认密码').fill(PASSWORD);
    await dialog.getByLabel('确认密码').press('Enter');
    await expect(dialog).toBeHidden({ timeout: 90_000 });
    const report = page.getByTestId('archive-report');
    await expect(report).toContainText('四性检测全部通过');
    const results = await report.getByTestId('report-result').allTextContents();
    expect(results.length).toBeGreaterThan(0);
    expect(new Set(results)).toEqual(new Set(['通过']));
    await expect(page.getByTestId('dossier-state')).toHaveText('已归档');
    await expect(page.getByRole('button', { name: '组卷' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: '接收归档' })).toHaveCount(0);
    await page.getByRole('tab', { name: '备考表' }).click();
    await expect(page.locator('#dossier-remarks_checker')).toBeDisabled();
    await page.getByRole('tab', { name: '封面' }).click();
    await expect(page.locator('#dossier-cover_classCode')).toHaveValue('XZCF');
    await expect(page.getByRole('button', { name: '《结案报告表》不入卷' })).toBeDisabled();
    await report.scrollIntoViewIfNeeded();
    await screenshot(page, '47-dossier-archived');
  });

  await test.step('the dossier list shows it among the archived', async () => {
    await page.getByRole('button', { name: '返回卷宗列表' }).click();
    await expect(page.getByTestId('dossier-total')).toHaveText('共 0 件');
    await page.getByText('已归档', { exact: true }).click();
    await expect(page.getByTestId('dossier-total')).toHaveText('共 1 件');
    await expect(page.getByRole('row', { name: /示例烟立〔2024〕第1号/ })).toContainText('已归档');
    await screenshot(page, '48-dossier-list-archived');
  });
});
