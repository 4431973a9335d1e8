/**
 * The administration page in Chromium: an admin reads the accounts, adds one (refused first, with a
 * reason in Chinese, for a short password; then created, and able to sign in), disables it (its open
 * session ends), enables and edits it (regions, a new password); filters the audit log (by actor,
 * action, time, outcome and the entity an event names), pages to earlier events, and checks the hash chain. Another role has no such page: the link is absent and
 * the address leads to its home page.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, shot, startE2eApp, text, WAIT, type E2eApp } from './support.ts';

let app: E2eApp;
const username = `e2e${randomBytes(4).toString('hex')}`;
beforeAll(async () => {
  app = await startE2eApp();
});
afterAll(async () => {
  await app?.db.autoCommit('MATCH (u:User {username: $username}) DETACH DELETE u', 'e2e/cleanup', { username });
  await app?.close();
});

describe('the administration page', () => {
  it('lists accounts and adds one, refusing a short password with a reason', async () => {
    const page = await app.browser.newPage({ viewport: { width: 1440, height: 900 } });
    await signIn(page, app.base, 'admin');
    await page.click('[data-testid=nav-admin]');
    await page.waitForSelector('[data-testid=account-row]');
    const accounts = await page.locator('[data-testid=account-row]').allTextContents();
    for (const role of ['管理员', '分析员', '侦查员', '领导', '协作单位'])
      expect(
        accounts.some((row) => row.includes(role)),
        role,
      ).toBe(true);

    await page.click('[data-testid=account-add-open]');
    await page.fill('input[name=new-username]', username);
    await page.fill('input[name=display-name]', '西湖区市场监管局 王芳');
    await page.selectOption('select[name=role]', 'investigator');
    await page.selectOption('select[name=regions]', ['360103']);
    await page.fill('input[name=new-password]', 'too-short');
    await page.click('[data-testid=account-submit]');
    await expect.poll(() => text(page, '[data-testid=account-error]'), WAIT).toBe('密码至少 12 位');
    await page.fill('input[name=new-password]', `${username}-passphrase`);
    await page.click('[data-testid=account-submit]');
    await expect.poll(() => text(page, '[data-testid=account-error]'), WAIT).toBe('密码不能包含用户名');
    await page.fill('input[name=new-password]', 'correct horse battery staple');
    await page.click('[data-testid=account-submit]');
    await expect
      .poll(async () => (await page.locator('[data-testid=account-row]').allTextContents()).join('\n'), WAIT)
      .toMatch(new RegExp(`${username}西湖区市场监管局 王芳侦查员西湖区`));
    await shot(page, '20-admin-accounts');

    // The new account signs in, as an investigator of 西湖区, with no administration link.
    const other = await app.browser.newPage({ viewport: { width: 1440, height: 900 } });
    await other.goto(`${app.base}/`);
    await other.fill('input[name=username]', username);
    await other.fill('input[name=password]', 'correct horse battery staple');
    await other.click('button[type=submit]');
    await other.waitForSelector('[data-testid=lang-toggle]');
    expect(await text(other, '.user')).toContain('侦查员');
    expect(await other.locator('[data-testid=nav-admin]').count()).toBe(0);
    await other.goto(`${app.base}/#/admin`);
    await expect.poll(() => other.evaluate(() => window.location.hash), WAIT).toBe('#/workbench');
    expect(await other.locator('[data-testid=admin-page]').count()).toBe(0);

    // Disabled, the account's open session ends: its next request returns it to the sign-in form.
    const row = page.locator(`[data-testid=account-row][data-username=${username}]`);
    await row.locator('[data-testid=account-disable]').click();
    await expect
      .poll(() => text(page, '[data-testid=account-done]'), WAIT)
      .toBe(`已停用 ${username}，并结束其 1 个会话`);
    await expect
      .poll(() => text(page, `[data-testid=account-row][data-username=${username}]`), WAIT)
      .toContain('已停用');
    await other.reload();
    await other.waitForSelector('input[name=username]');
    // Enabled again and edited: another district added, a new password; the old one no longer signs in.
    await row.locator('[data-testid=account-enable]').click();
    await expect.poll(() => text(page, '[data-testid=account-done]'), WAIT).toBe(`已启用 ${username}`);
    await row.locator('[data-testid=account-edit]').click();
    expect(await page.inputValue('input[name=new-username]')).toBe(username);
    await page.selectOption('select[name=regions]', ['360103', '360104']);
    await page.fill('input[name=new-password]', 'another long passphrase');
    await page.click('[data-testid=account-submit]');
    await expect.poll(() => text(page, '[data-testid=account-done]'), WAIT).toBe(`已保存 ${username}`);
    await expect
      .poll(() => text(page, `[data-testid=account-row][data-username=${username}]`), WAIT)
      .toContain('西湖区、青云谱区');
    // The log below has reloaded: the change is its newest event.
    await expect.poll(() => text(page, '[data-testid=audit-row] code'), WAIT).toBe('user.update');
    expect(await text(page, '[data-testid=audit-row]')).toContain(username);
    await shot(page, '20-admin-accounts-edited');
    await other.fill('input[name=username]', username);
    await other.fill('input[name=password]', 'correct horse battery staple');
    await other.click('button[type=submit]');
    await expect.poll(() => text(other, '[role=alert]'), WAIT).toContain('用户名或密码错误');
    await other.fill('input[name=password]', 'another long passphrase');
    await other.click('button[type=submit]');
    await other.waitForSelector('[data-testid=lang-toggle]');
    // The administrator's own row offers no way to disable it.
    const mine = page.locator('[data-testid=account-row][data-username=admin]');
    expect(await mine.count()).toBe(1);
    expect(await mine.locator('[data-testid=account-edit]').count()).toBe(1);
    expect(await mine.locator('[data-testid=account-disable]').count()).toBe(0);
    await other.close();
    await page.close();
  });

  it('filters the audit log, pages to earlier events and checks the hash chain', async () => {
    const page = await app.browser.newPage({ viewport: { width: 1440, height: 900 } });
    await signIn(page, app.base, 'admin');
    // 105 audited searches by this admin (the page's cookie): more than one page of the log (100 events).
    for (let i = 0; i < 105; i++) {
      const response = await page.request.get(`${app.base}/api/search?q=${encodeURIComponent('酒')}&limit=1`);
      expect(response.status()).toBe(200);
    }
    await page.goto(`${app.base}/#/admin`);
    await page.waitForSelector('[data-testid=audit-row]');
    await page.fill('[data-testid=audit-filters] input[name=actor]', 'admin');
    await page.fill('[data-testid=audit-filters] input[name=action]', 'search');
    await page.click('[data-testid=audit-apply]');
    const rows = page.locator('[data-testid=audit-row]');
    // The unfiltered list stays on screen until the filtered one replaces it.
    const actions = async () =>
      [...new Set(await page.locator('[data-testid=audit-row] code').allTextContents())].join(',');
    await expect.poll(actions, WAIT).toBe('search');
    expect(await rows.count()).toBe(100);
    expect(await text(page, '[data-testid=audit-row]')).toContain('搜索 search');
    const firstPage = await rows.allTextContents();
    await page.click('[data-testid=audit-more]');
    await expect.poll(() => rows.count(), WAIT).toBeGreaterThanOrEqual(105);
    const all = await rows.allTextContents();
    expect(all.slice(0, 100)).toEqual(firstPage);
    // Newest first, by sequence number, without repeats across the pages.
    const seqs = (await page.locator('[data-testid=audit-row] td:first-child').allTextContents()).map(Number);
    expect(seqs).toHaveLength(all.length);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    expect(new Set(seqs).size).toBe(seqs.length);

    // From a time to come: nothing yet. Then an outcome no search of this admin had.
    await page.fill('[data-testid=audit-filters] input[name=since]', '2099-01-01T00:00');
    await page.click('[data-testid=audit-apply]');
    await expect.poll(() => text(page, '[data-testid=admin-page]'), WAIT).toContain('没有符合条件的审计记录');
    await page.fill('[data-testid=audit-filters] input[name=since]', '');
    await page.click('[data-testid=audit-apply]');
    await expect.poll(() => rows.count(), WAIT).toBe(100);
    await page.selectOption('[data-testid=audit-filters] select[name=outcome]', 'denied');
    await page.click('[data-testid=audit-apply]');
    await expect.poll(() => text(page, '[data-testid=admin-page]'), WAIT).toContain('没有符合条件的审计记录');

    // Who read this entity? Its key as the target: only the events that name it.
    const found = await page.request.get(`${app.base}/api/search?q=${encodeURIComponent('酒')}&limit=1`);
    const key = ((await found.json()) as { items: { key: string }[] }).items[0]?.key ?? '';
    for (let i = 0; i < 2; i++)
      expect((await page.request.get(`${app.base}/api/entities/${encodeURIComponent(key)}`)).status()).toBe(200);
    await page.click('[data-testid=audit-reset]');
    await page.fill('[data-testid=audit-filters] input[name=target]', key);
    await page.click('[data-testid=audit-apply]');
    await expect.poll(actions, WAIT).toBe('entity.read');
    expect(await rows.count()).toBeGreaterThanOrEqual(2);
    expect(new Set(await page.locator('[data-testid=audit-row] td:nth-child(6)').allTextContents())).toEqual(
      new Set([key]),
    );

    await page.click('[data-testid=audit-verify]');
    await expect
      .poll(() => text(page, '[data-testid=audit-check]'), WAIT)
      .toMatch(/^哈希链完整：\d+ 条记录逐条核验无误$/);
    await shot(page, '21-admin-audit');
    await page.close();
  });
});
