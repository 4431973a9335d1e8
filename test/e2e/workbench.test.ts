/**
 * The workbench in a real Chromium against the real server on the demo data (setup.ts): sign in,
 * search a planted seller, expand it, trace it to its planted manufacturer, open its detected chain,
 * switch to English and back, export GEXF and read it back, and fail to open an out-of-scope entity
 * by URL. Each step leaves a screenshot in test-results/e2e/ (artifacts, not pixel assertions).
 */
import fs from 'node:fs';
import path from 'node:path';
import Graph from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSeedDir } from '../../server/demo-data.ts';
import {
  account,
  e2eConfig,
  SHOTS,
  shot,
  signIn as signInAs,
  startE2eApp,
  text,
  WAIT,
  type E2eApp,
} from './support.ts';

interface TruthMember {
  kind: string;
  name: string;
  stage: string;
  role: string;
  entity: string;
  keys: string[];
}
interface TruthNetwork {
  id: string;
  manufacturers: string[];
  members: TruthMember[];
}

let app: E2eApp;
let base = '';
let browser: Browser;
const config = e2eConfig();

beforeAll(async () => {
  app = await startE2eApp();
  ({ base, browser } = app);
});

afterAll(async () => {
  await app?.close();
});

const signIn = (page: Page, role: string) => signInAs(page, base, role);
const counts = async (page: Page) => (await page.locator('[data-testid=canvas-counts]').textContent()) ?? '';

/** A planted network with a shop selling its goods, and the keys its manufacturer may carry. */
function plantedSeller(): { shop: TruthMember; makerKeys: string[]; makerName: string } {
  const truth = JSON.parse(fs.readFileSync(path.join(demoSeedDir(config), 'truth.json'), 'utf8')) as {
    networks: TruthNetwork[];
  };
  for (const network of truth.networks) {
    const shop = network.members.find((m) => m.kind === 'Shop' && m.stage === 'retail');
    const maker = network.members.find((m) => m.entity === network.manufacturers[0]);
    if (shop && maker) return { shop, makerKeys: maker.keys, makerName: maker.name };
  }
  throw new Error('the demo truth has no network with a retail shop');
}

describe('analyst workbench in Chromium', () => {
  it('searches a seller, expands it, traces it to its planted manufacturer and opens its chain', async () => {
    const { shop, makerKeys } = plantedSeller();
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signIn(page, 'admin');
    await shot(page, '01-signed-in');

    await page.fill('[data-testid=search-input]', shop.name);
    await page.press('[data-testid=search-input]', 'Enter');
    const hit = page.locator(`[data-testid=search-result][data-key="${shop.keys[0]}"]`);
    await hit.waitFor();
    await shot(page, '02-search');
    await hit.click();
    await page.waitForSelector('[data-testid=detail-panel]');
    await expect.poll(() => counts(page), WAIT).toMatch(/^1 个节点/);

    await page.keyboard.press('e');
    await expect.poll(async () => Number(/^(\d+)/.exec(await counts(page))?.[1]), WAIT).toBeGreaterThan(1);
    await shot(page, '03-expanded');

    await page.click('[data-testid=trace-button]');
    await page.waitForSelector('[data-testid=trace-candidate]', { timeout: 30_000 });
    const candidates = await page
      .locator('[data-testid=trace-candidate]')
      .evaluateAll((els) => els.map((el) => (el as HTMLElement).getAttribute('data-key')));
    expect(candidates.slice(0, 3).some((key) => key !== null && makerKeys.includes(key))).toBe(true);
    const maker = page.locator('[data-testid=trace-candidate]').filter({ has: page.locator('button') });
    await maker
      .and(page.locator(`[data-key="${candidates.find((k) => k && makerKeys.includes(k))}"]`))
      .locator('button')
      .first()
      .click();
    await shot(page, '04-traced');

    await page.click('[data-testid=nav-chains]');
    await page.waitForSelector('[data-testid=chain-row]');
    await shot(page, '05-chains');
    await page.locator('[data-testid=open-chain]').first().click();
    await page.waitForSelector('[data-testid=chain-panel]');
    await page.waitForSelector('[data-testid=chain-manufacturers]');
    await shot(page, '06-chain-open');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('switches to English and back, and exports GEXF that graphology reads back with the same counts', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
    await signIn(page, 'admin');
    await expect.poll(() => text(page, '[data-testid=nav-workbench]'), WAIT).toBe('研判工作台');
    await page.click('[data-testid=lang-toggle]');
    await expect.poll(() => text(page, '[data-testid=nav-workbench]'), WAIT).toBe('Workbench');
    await shot(page, '07-english');
    await page.click('[data-testid=lang-toggle]');
    await expect.poll(() => text(page, '[data-testid=nav-workbench]'), WAIT).toBe('研判工作台');

    await page.click('[data-testid=nav-chains]');
    await page.locator('[data-testid=open-chain]').first().click();
    await page.waitForSelector('[data-testid=chain-panel]');
    await page.waitForSelector('[data-testid=chain-manufacturers]');
    const [, nodes, edges] = /^(\d+) 个节点 · (\d+) 条关系/.exec(await counts(page)) ?? [];
    await page.click('[data-testid=export]');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-gexf]')]);
    const file = path.join(SHOTS, 'chain.gexf');
    await download.saveAs(file);
    const graph = parseGexf(Graph, fs.readFileSync(file, 'utf8'));
    expect(graph.order).toBe(Number(nodes));
    expect(graph.size).toBe(Number(edges));
    expect(graph.order).toBeGreaterThan(2);
    // The export was recorded in the audit log before the file was made (DESIGN.md §8).
    const exported = await app.db.adhocRead(
      "MATCH (a:AuditEvent {action: 'export', target: 'gexf'}) RETURN a.detail AS detail ORDER BY a.seq DESC LIMIT 1",
    );
    expect(JSON.parse(String(exported[0]?.detail))).toMatchObject({
      format: 'gexf',
      nodes: graph.order,
      edges: graph.size,
    });

    // Saved server-side, reopened from the list on a fresh canvas: the same nodes and edges.
    const title = `联席会议研判 ${Date.now()}`;
    await page.click('[data-testid=save]');
    await page.fill('[data-testid=save-title]', title);
    await page.locator('[data-testid=save-panel] button[type=submit]').click();
    await expect.poll(() => text(page, '.notice'), WAIT).toContain('已保存');
    await page.goto(`${base}/#/investigations`);
    await page.reload();
    const row = page.locator('[data-testid=investigation-row]').filter({ hasText: title });
    await row.waitFor();
    await shot(page, '09-investigations');
    await row.locator('button').first().click();
    await expect.poll(() => counts(page), WAIT).toMatch(new RegExp(`^${nodes} 个节点 · ${edges} 条关系`));
    await shot(page, '10-reopened');
    await page.close();
  });

  it('offers a trace from parties and parcels only, and shows the source rows behind an entity', async () => {
    const { shop } = plantedSeller();
    const admin = request.agent(base);
    await admin
      .post('/api/auth/login')
      .send({ username: account('admin').username, password: account('admin').password });
    const around = await admin.get(`/api/entities/${encodeURIComponent(shop.keys[0] ?? '')}/neighbours`);
    const address = (around.body as { groups: { items: { key: string; label: string }[] }[] }).groups
      .flatMap((g) => g.items)
      .find((n) => n.label === 'Address');
    expect(address).toBeDefined();

    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await signIn(page, 'admin');
    await page.goto(`${base}/#/workbench?entity=${encodeURIComponent(address?.key ?? '')}`);
    await page.waitForSelector('[data-testid=detail-panel]');
    expect(await page.locator('[data-testid=trace-button]').count()).toBe(0);
    await page.goto(`${base}/#/workbench?entity=${encodeURIComponent(shop.keys[0] ?? '')}`);
    await page.waitForSelector('[data-testid=trace-button]');
    // The original rows its provenance cites, read back from the archived export.
    await page.locator('[data-testid=show-rows]').first().click();
    const rows = page.locator('[data-testid=source-rows]').first();
    await rows.waitFor();
    expect(await rows.locator('caption').first().textContent()).toMatch(/^第 \d+ 行$/);
    expect(await rows.locator('th').count()).toBeGreaterThan(2);
    await shot(page, '07b-source-rows');
    await page.close();
  });

  it('does not open an entity outside the analyst’s region scope by URL', async () => {
    const analyst = account('analyst');
    const admin = request.agent(base);
    await admin
      .post('/api/auth/login')
      .send({ username: account('admin').username, password: account('admin').password });
    const agent = request.agent(base);
    await agent.post('/api/auth/login').send({ username: analyst.username, password: analyst.password });
    // An entity the administrator sees and the analyst does not: its regions lie outside Nanchang.
    const truth = JSON.parse(fs.readFileSync(path.join(demoSeedDir(config), 'truth.json'), 'utf8')) as {
      networks: TruthNetwork[];
    };
    let hidden: string | null = null;
    for (const key of truth.networks.flatMap((n) => n.members.flatMap((m) => m.keys))) {
      if ((await admin.get(`/api/entities/${encodeURIComponent(key)}`)).status !== 200) continue;
      if ((await agent.get(`/api/entities/${encodeURIComponent(key)}`)).status === 404) {
        hidden = key;
        break;
      }
    }
    expect(hidden).not.toBeNull();

    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await signIn(page, 'analyst');
    await page.goto(`${base}/#/workbench?entity=${encodeURIComponent(hidden ?? '')}`);
    await expect.poll(() => text(page, '.notice.error'), WAIT).toContain('未找到，或不在您的辖区范围内');
    expect(await counts(page)).toMatch(/^0 个节点/);
    expect(await page.locator('[data-testid=detail-panel]').count()).toBe(0);
    await shot(page, '08-out-of-scope');
    await page.close();
  });
});
