import { SEEDED_PASSWORD, expect, signIn, test, watchForProblems } from './fixtures';

test.use({ seededCases: 0 });

/**
 * Terminal identity (decision 0012; DB3206/T 1060 §4.10.2): two browser profiles are two terminals,
 * each proving its own WebCrypto key to the web host; the security administrator designates one of
 * them on the 查阅终端 screen, and each shows its own status under 本终端.
 */
test('two browsers are two terminals; the security administrator designates one', async ({ page, browser, workstation }) => {
  await page.goto(workstation.url);
  await signIn(page, 'admin');
  await expect(page.getByTestId('current-user')).toHaveText('张伟');
  const created = await page.evaluate(async (password) => {
    const api = (window as unknown as { archive: { users: { create: (r: unknown) => Promise<{ ok: boolean }> } } }).archive;
    return (await api.users.create({ username: 'anquan', displayName: '安保', department: '办公室', roles: ['security-admin'], password })).ok;
  }, SEEDED_PASSWORD);
  expect(created).toBe(true);

  await expect(page.getByTestId('this-terminal-status')).toHaveText('未指定');
  await page.getByTestId('this-terminal').click();
  const readingRoomId = (await page.getByTestId('this-terminal-id').textContent())!.trim();
  const readingRoomFingerprint = (await page.getByTestId('this-terminal-fingerprint').textContent())!.trim();
  expect(readingRoomId).toMatch(/^T-[0-9A-F]{12}$/);
  expect(readingRoomFingerprint).toMatch(/^[0-9A-F]{4}( [0-9A-F]{4}){4} …$/);
  await page.keyboard.press('Escape');

  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  const office = await context.newPage();
  const problems = watchForProblems(office);
  await office.goto(workstation.url);
  await signIn(office, 'anquan');
  await expect(office.getByTestId('current-user')).toHaveText('安保');
  await office.getByTestId('this-terminal').click();
  const officeId = (await office.getByTestId('this-terminal-id').textContent())!.trim();
  const officeFingerprint = (await office.getByTestId('this-terminal-fingerprint').textContent())!.trim();
  expect(officeId).not.toBe(readingRoomId);
  expect(officeFingerprint).not.toBe(readingRoomFingerprint);
  await office.keyboard.press('Escape');

  await office.getByRole('menuitem', { name: '查阅终端' }).click();
  const row = office.getByRole('row').filter({ hasText: readingRoomId });
  await expect(row).toContainText('浏览器');
  await row.getByRole('button', { name: `指定 ${readingRoomId}` }).click();
  const dialog = office.getByRole('dialog', { name: '指定为查阅终端' });
  await expect(dialog).toContainText(readingRoomFingerprint);
  await dialog.getByLabel('说明（地点、用途或原因）').fill('档案室阅览席 1 号');
  await dialog.getByLabel('说明（地点、用途或原因）').press('Enter');
  await expect(dialog).toBeHidden();
  await expect(row).toContainText('指定查阅终端');
  await expect(row).toContainText('档案室阅览席 1 号');
  await expect(office.getByTestId('this-terminal-status')).toHaveText('未指定');

  // The designated browser sees it after its next look at the core (here: a reload, same profile, same key).
  await page.reload();
  await expect(page.getByTestId('this-terminal-status')).toHaveText('指定查阅终端');
  await page.getByTestId('this-terminal').click();
  await expect(page.getByTestId('this-terminal-id')).toHaveText(readingRoomId);
  await page.keyboard.press('Escape');

  await context.close();
  expect(problems, problems.join('\n')).toEqual([]);
});
