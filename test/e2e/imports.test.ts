/**
 * The data import page in Chromium: an analyst uploads a district's enterprise-registry export with a
 * good row and a bad one, names the reporting region, and reads the file's report as the load job
 * finishes — the spec that read it, one row accepted, one rejected with its reason, and the rejected
 * rows to download — and finds it again on coming back. A role that loads nothing has no such page.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registryCsv, removeBatches, scratchDir } from '../support/ingest.ts';
import { signIn, shot, startE2eApp, WAIT, type E2eApp } from './support.ts';

let app: E2eApp;
const dir = scratchDir('quanlian-e2e-import-');
const batches: string[] = [];
beforeAll(async () => {
  app = await startE2eApp();
});
afterAll(async () => {
  if (app) await removeBatches(app.db, batches);
  await app?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function registryExport(): string {
  const file = path.join(dir, `东湖区企业登记-${Date.now()}.csv`);
  fs.writeFileSync(file, registryCsv().text);
  return file;
}

describe('the data import page', () => {
  it('uploads an export for a region of the analyst’s scope and reports each file', async () => {
    const file = registryExport();
    const page = await app.browser.newPage({ viewport: { width: 1440, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signIn(page, app.base, 'analyst');
    await page.click('[data-testid=nav-imports]');
    await page.waitForSelector('[data-testid=imports-page]');
    await page.setInputFiles('[data-testid=import-files]', file);
    await page.selectOption('select[name=region]', '360102');
    await page.fill('input[name=dept]', '东湖区市场监督管理局');
    await page.click('[data-testid=import-submit]');
    // Earlier uploads of this account are listed too: this upload's job is the one naming its file.
    const job = page.locator('[data-testid=import-job]', { has: page.getByText(path.basename(file)) });
    await expect
      .poll(async () => (await job.count()) > 0 && ((await job.locator('h3').textContent()) ?? ''), {
        ...WAIT,
        timeout: 60_000,
      })
      .toMatch(/^导入完成/);
    // It is listed first, above the earlier ones.
    expect(await page.locator('[data-testid=import-job]').first().textContent()).toContain(path.basename(file));
    const cells = await job.locator('[data-testid=import-file] td').allTextContents();
    expect(cells[0]).toBe(path.basename(file));
    expect(cells.slice(1, 5)).toEqual(['企业登记信息', '1', expect.stringMatching(/^1 下载拒收行$/), '0']);
    expect(await job.locator('h3').textContent()).toMatch(/东湖区 · 东湖区市场监督管理局$/);
    expect(cells[5]).toBe('身份证号码出生日期无效 1');
    const href = await job.locator('[data-testid=import-rejects]').getAttribute('href');
    const batchId = /\/api\/batches\/(b[0-9a-f]{16})\/rejects/.exec(href ?? '')?.[1];
    expect(batchId).toBeDefined();
    batches.push(batchId as string);
    const download = await page.request.get(`${app.base}${href}`);
    expect(download.status()).toBe(200);
    expect(await download.text()).toContain('出生日期');
    await shot(page, 'imports-01-report');
    // The job is the server's, not the page's: it is still there when the page is opened again.
    await page.reload();
    await page.waitForSelector('[data-testid=import-job]');
    expect(await page.locator('[data-testid=import-job]').first().textContent()).toContain(path.basename(file));
    expect(errors).toEqual([]);
    await page.close();
  });

  it('is no page for an investigator, who loads nothing', async () => {
    const page = await app.browser.newPage({ viewport: { width: 1440, height: 900 } });
    await signIn(page, app.base, 'investigator');
    expect(await page.locator('[data-testid=nav-imports]').count()).toBe(0);
    await page.goto(`${app.base}/#/imports`);
    await page.waitForSelector('[data-testid=search-input]');
    expect(await page.locator('[data-testid=imports-page]').count()).toBe(0);
    await page.close();
  });
});
