/**
 * Who may start a detection run, as the chains page shows it in Chromium: a run replaces the current
 * one for every region, so the administrator (province-wide) is offered the button and the demo's
 * 南昌市 analyst reads why they are not; the server refuses them the same (test/api/matrix.test.ts).
 * No run is started here: the other e2e files read the current one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, shot, startE2eApp, text, type E2eApp } from './support.ts';

let app: E2eApp;
beforeAll(async () => {
  app = await startE2eApp();
});
afterAll(async () => {
  await app?.close();
});

describe('the chains page', () => {
  it('offers a new detection run to the administrator, and tells a city analyst why it does not', async () => {
    const page = await app.browser.newPage({ viewport: { width: 1440, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));

    await signIn(page, app.base, 'admin');
    await page.click('[data-testid=nav-chains]');
    await page.waitForSelector('[data-testid=chains-page]');
    expect(await page.getByRole('button', { name: '发起新的检测' }).count()).toBe(1);
    expect(await page.locator('[data-testid=run-province-only]').count()).toBe(0);

    // A page of its own is a browser context of its own: another session cookie.
    const analyst = await app.browser.newPage({ viewport: { width: 1440, height: 900 } });
    analyst.on('pageerror', (e) => errors.push(e.message));
    await signIn(analyst, app.base, 'analyst');
    await analyst.click('[data-testid=nav-chains]');
    await analyst.waitForSelector('[data-testid=run-province-only]');
    expect(await analyst.getByRole('button', { name: '发起新的检测' }).count()).toBe(0);
    expect(await text(analyst, '[data-testid=run-province-only]')).toMatch(/须由管理员或辖区为全省的分析员发起/);
    await analyst.waitForFunction(() => !document.body.innerText.includes('加载中'));
    await shot(analyst, 'chains-01-city-analyst');
    expect(errors).toEqual([]);
    await analyst.close();
    await page.close();
  });
});
