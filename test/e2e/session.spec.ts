import { expect, screenshot, signIn, test, watchForProblems } from './fixtures';

const PASSWORD = 'Archive-2024!';

test.use({ seededCases: 3 });

/** Two browsers, two sessions: what one administrator does ends or unlocks the other's session. */
test('sessions end when the account is stopped; lockout, unlock and password change', async ({ page, browser, workstation }) => {
  const officerContext = await browser.newContext();
  const officer = await officerContext.newPage();
  const officerProblems = watchForProblems(officer);

  await test.step('both sign in, each with their own session cookie', async () => {
    await page.goto(workstation.url);
    await signIn(page, 'admin', PASSWORD);
    await expect(page.getByRole('heading', { name: '人员与角色' })).toBeVisible();
    await officer.goto(workstation.url);
    await signIn(officer, 'chenli', PASSWORD);
    await expect(officer.getByTestId('case-total')).toHaveText('共 3 件');
  });

  await test.step('stopping the account ends the officer’s session at their next action', async () => {
    const row = page.getByRole('row').filter({ hasText: 'chenli' });
    await row.getByRole('button', { name: '停用' }).click();
    await page.getByRole('tooltip').getByRole('button', { name: '停用' }).click();
    await expect(row).toContainText('已停用');

    await officer.getByLabel('搜索案件').fill('第2号');
    await expect(officer.getByText('登录已失效，请重新登录')).toBeVisible();
    await expect(officer.getByLabel('用户名')).toBeVisible();
    await screenshot(officer, '13-session-ended');
    await signIn(officer, 'chenli', PASSWORD);
    await expect(officer.getByTestId('login-failure')).toContainText('该账号已停用');

    await row.getByRole('button', { name: '启用' }).click();
    await page.getByRole('tooltip').getByRole('button', { name: '启用' }).click();
    await expect(row).toContainText('正常');
  });

  await test.step('five wrong passwords lock the account; the administrator unlocks it', async () => {
    for (let i = 0; i < 5; i++) {
      await signIn(officer, 'chenli', `wrong-${i}`);
      await expect(officer.getByTestId('login-failure')).toContainText(i < 4 ? `再错 ${4 - i} 次账号将被锁定` : '账号已锁定');
    }
    await signIn(officer, 'chenli', PASSWORD);
    await expect(officer.getByTestId('login-failure')).toContainText('账号已锁定');
    await screenshot(officer, '14-login-locked');

    await page.reload();
    const row = page.getByRole('row').filter({ hasText: 'chenli' });
    await expect(row).toContainText('已锁定');
    await row.getByRole('button', { name: '解锁' }).click();
    await expect(row).toContainText('正常');
    await signIn(officer, 'chenli', PASSWORD);
    await expect(officer.getByTestId('current-user')).toHaveText('陈立');
  });

  await test.step('the officer changes their password', async () => {
    await officer.getByRole('button', { name: '修改密码' }).click();
    const dialog = officer.locator('.ant-modal').filter({ hasText: '修改密码' });
    await expect(dialog.getByLabel('原密码')).toBeFocused();
    await dialog.getByLabel('原密码').fill(PASSWORD);
    await dialog.getByLabel('新密码', { exact: true }).fill('New-Password-2025');
    await dialog.getByLabel('确认新密码').fill('New-Password-2025');
    await dialog.getByLabel('确认新密码').press('Enter');
    await expect(officer.getByText('密码已修改')).toBeVisible();
    await officer.getByRole('button', { name: '退出' }).click();
    await signIn(officer, 'chenli', PASSWORD);
    await expect(officer.getByTestId('login-failure')).toBeVisible();
    await signIn(officer, 'chenli', 'New-Password-2025');
    await expect(officer.getByTestId('current-user')).toHaveText('陈立');
  });

  expect(officerProblems, officerProblems.join('\n')).toEqual([]);
  await officerContext.close();
});
