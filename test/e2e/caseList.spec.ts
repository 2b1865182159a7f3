import { expect, screenshot, test } from './fixtures';

const CASES = 100_000;
const PASSWORD = 'Archive-2024!';

test.use({ seededCases: CASES });

/**
 * The case list at archive scale: the total is shown, only a screenful of rows exists in the page, rows
 * arrive a page at a time as the user scrolls, and a search answers quickly.
 */
test('the case list stays light and quick with 100 000 cases', async ({ page, workstation }) => {
  const listCalls: { offset: number; limit: number }[] = [];
  page.on('request', (request) => {
    if (request.url().endsWith('/api/cases.list')) listCalls.push(JSON.parse(request.postData() ?? '{}'));
  });

  await page.goto(workstation.url);
  await page.getByLabel('用户名').fill('chenli');
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByLabel('密码').press('Enter');
  await expect(page.getByTestId('case-total')).toHaveText(`共 ${CASES} 件`);

  const table = page.getByRole('table', { name: '案件列表' });
  const rows = table.locator('.vtable-row[data-index]');
  await expect(rows.first()).toBeVisible();
  expect(await rows.count()).toBeLessThan(80);
  expect(listCalls.every((c) => c.limit <= 100)).toBe(true);
  await screenshot(page, '11-case-list-100k');

  // Scrolling to the end of what is loaded asks for the next page, and only that.
  const scroller = table.locator('div[style*="overflow: auto"]');
  for (let i = 0; i < 4; i++) {
    await scroller.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    await expect.poll(() => listCalls.filter((c) => c.offset > 0).length).toBeGreaterThan(i);
  }
  await expect(rows.last()).toHaveAttribute('data-index', /^[3-9]\d{2}$/);
  expect(await rows.count()).toBeLessThan(80);
  const fetched = listCalls.reduce((sum, c) => sum + c.limit, 0);
  expect(fetched).toBeLessThan(1000);

  // A search of two characters of a party's name over all 100 000 cases.
  const started = Date.now();
  await page.getByLabel('搜索案件').fill('建国');
  await expect(page.getByTestId('case-total')).not.toHaveText(`共 ${CASES} 件`);
  const elapsed = Date.now() - started;
  await expect(rows.first()).toContainText('建国');
  test.info().annotations.push({ type: 'search-ms', description: String(elapsed) });
  // Includes the 300 ms debounce; generous so a slow CI machine does not flake.
  expect(elapsed).toBeLessThan(5000);
  await screenshot(page, '12-case-search-100k');
});
