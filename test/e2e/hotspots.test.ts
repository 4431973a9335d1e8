/**
 * The hotspot dashboard in a real Chromium against the real server on the demo data (setup.ts): a
 * leader lands on it and sees the charts; its totals, regions, categories and brands equal counts made
 * with independent Cypher on the same database, in the API answer and on the page; a click on a
 * region's bubble narrows the dashboard to it; an analyst opens a top chain on the workbench.
 * Screenshots go to test-results/e2e/ (artifacts, not pixel assertions).
 */
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expandScope } from '../../server/auth/scope.ts';
import type { Db } from '../../server/db/db.ts';
import { regionByCode } from '../../server/domain/regions.ts';
import { CATEGORIES } from '../../server/hotspots/category.ts';
import { HotspotsSchema, type Hotspots } from '../../server/hotspots/schemas.ts';
import { fitBounds, MAP_GRID } from '../../web/src/views/hotspots/geo.ts';
import { account, SHOTS, signIn as signInAs, startE2eApp, text, WAIT, type E2eApp } from './support.ts';

let app: E2eApp;
let db: Db;
let base = '';
let browser: Browser;

beforeAll(async () => {
  app = await startE2eApp();
  ({ db, base, browser } = app);
});

afterAll(async () => {
  await app?.close();
});

const signIn = (page: Page, role: string) => signInAs(page, base, role);

/** A screenshot once the charts' entry animations (300 ms) are over. */
const shot = async (page: Page, name: string) => {
  await page.waitForTimeout(800);
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
};

/** What the signed-in page's own session gets from the API. */
async function apiAnswer(page: Page, query = ''): Promise<Hotspots> {
  const body: unknown = await page.evaluate(async (q) => (await fetch(`/api/hotspots${q}`)).json(), query);
  return HotspotsSchema.parse(body);
}

/** The month after YYYY-MM, as the first day: the window's exclusive end. */
const nextMonth = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10);
};

interface Counted {
  region: string;
  category: string;
  brands: string[];
  amount: number;
}

/**
 * The window's cases counted straight from the graph, without the hotspot code: visible to the
 * scope (reported by it or located in it), filed under the region they are located in (else the first
 * reporting one), their category the first keyword class the goods, brand, cause or title match —
 * the keyword table is the category's definition; the matching here is Cypher's own regex engine.
 */
async function countDirectly(scope: readonly string[], from: string, to: string): Promise<Counted[]> {
  const cats = CATEGORIES.map((c) => ({
    id: c.id,
    re: `${c.re.flags.includes('i') ? '(?i)' : ''}(?s).*(?:${c.re.source}).*`,
  }));
  const rows = await db.adhocRead(
    `MATCH (c:Case)
     WITH c, [(c)-[:IN_REGION]->(g:Region) | g.code] AS located, coalesce(c.seenIn, []) AS seen
     WHERE (any(x IN seen WHERE x IN $scope) OR any(x IN located WHERE x IN $scope))
       AND toString(c.openedAt) >= $from AND toString(c.openedAt) < $until
     WITH c, coalesce(head(located), head(seen)) AS region
     WHERE region IS NOT NULL
     WITH c, region, [t IN [c.goods, c.brand, c.type, c.title] WHERE t IS NOT NULL |
                       head([k IN $cats WHERE t =~ k.re | k.id])] AS hits
     RETURN region,
            coalesce(head([h IN hits WHERE h IS NOT NULL]), 'other') AS category,
            CASE WHEN EXISTS { (c)-[:INFRINGES]->(:Brand) } THEN [(c)-[:INFRINGES]->(b:Brand) | b.name]
                 WHEN c.brand IS NOT NULL THEN [c.brand] ELSE [] END AS brands,
            toFloat(coalesce(c.goodsValue, c.amount, 0)) AS amount`,
    { scope: [...scope], from: `${from}-01`, until: nextMonth(to), cats },
  );
  return rows as unknown as Counted[];
}

function sums(rows: Counted[], key: (r: Counted) => string[]) {
  const out = new Map<string, { cases: number; amount: number }>();
  for (const r of rows)
    for (const k of key(r)) {
      const t = out.get(k) ?? { cases: 0, amount: 0 };
      t.cases++;
      t.amount += r.amount;
      out.set(k, t);
    }
  for (const t of out.values()) t.amount = Math.round(t.amount * 100) / 100;
  return out;
}

/** The cells of one data-table row, trimmed. */
async function rowCells(page: Page, table: string, key: string): Promise<string[]> {
  return page
    .locator(`[data-testid=${table}] tr[data-key="${key}"] td`)
    .evaluateAll((tds) => tds.map((td) => (td.textContent ?? '').trim()));
}
const shown = (n: number) => n.toLocaleString('en', { maximumFractionDigits: 2 });

describe('hotspot dashboard in Chromium', () => {
  it('lands a leader on the dashboard, whose figures equal direct Cypher counts on the demo data', async () => {
    // A provincial leader's browser speaks Chinese (month pickers follow it); tall enough for the whole board.
    const page = await browser.newPage({ viewport: { width: 1440, height: 2000 }, locale: 'zh-CN' });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signIn(page, 'leader');
    await page.waitForSelector('[data-testid=hotspots-page]');
    expect(page.url()).toContain('#/hotspots');
    await page.waitForSelector('[data-testid=hotspots-totals]');
    for (const chart of ['region-map', 'region-ranking', 'month-chart', 'category-chart', 'brand-chart'])
      await page.locator(`[data-testid=${chart}] canvas`).first().waitFor();

    const answer = await apiAnswer(page);
    const scope = expandScope(account('leader').regions).codes;
    const [latest] = await db.adhocRead(
      `MATCH (c:Case)
       WHERE any(x IN coalesce(c.seenIn, []) WHERE x IN $scope) OR EXISTS { (c)-[:IN_REGION]->(g:Region) WHERE g.code IN $scope }
       RETURN max(left(toString(c.openedAt), 7)) AS month`,
      { scope },
    );
    expect(answer.window.to).toBe(latest?.month);
    expect(answer.window.months).toHaveLength(12);

    const counted = await countDirectly(scope, answer.window.from, answer.window.to);
    expect(counted.length).toBeGreaterThan(5);
    const amount = counted.reduce((a, r) => a + r.amount, 0);
    const byRegion = sums(counted, (r) => [r.region]);
    const byCategory = sums(counted, (r) => [r.category]);
    const byBrand = sums(counted, (r) => r.brands);

    // The API answer …
    expect(answer.totals).toEqual({ cases: counted.length, amount: expect.closeTo(amount, 2), regions: byRegion.size });
    expect(new Map(answer.byRegion.map((r) => [r.region, { cases: r.cases, amount: r.amount }]))).toEqual(byRegion);
    expect(new Map(answer.byCategory.map((c) => [c.category, { cases: c.cases, amount: c.amount }]))).toEqual(
      byCategory,
    );
    expect(new Map(answer.byBrand.map((b) => [b.brand, { cases: b.cases, amount: b.amount }]))).toEqual(byBrand);

    // … and what the page shows: the totals sentence and the charts' data tables.
    const totals = await text(page, '[data-testid=hotspots-totals]');
    expect(totals).toContain(`${counted.length} 起案件`);
    expect(totals).toContain(`¥${shown(amount)}`);
    expect(totals).toContain(`涉及 ${byRegion.size} 个地区`);
    for (const [region, t] of byRegion)
      expect(await rowCells(page, 'region-data', region)).toEqual([
        regionByCode(region)?.name ?? region,
        shown(t.cases),
        shown(t.amount),
      ]);
    for (const [category, t] of byCategory)
      expect((await rowCells(page, 'category-data', category)).slice(1)).toEqual([shown(t.cases), shown(t.amount)]);
    for (const [brand, t] of byBrand)
      expect(await rowCells(page, 'brand-data', brand)).toEqual([brand, shown(t.cases), shown(t.amount)]);
    expect(await page.locator('[data-testid=spikes]').textContent()).toMatch(/本期未见激增|达 \d+ 起/);

    // Leaders see chains as aggregates only: nothing to open.
    await page.locator('[data-testid=hotspot-chain-row]').first().waitFor();
    expect(await page.locator('[data-testid=hotspot-chain]').count()).toBe(0);
    await shot(page, '10-hotspots-leader');
    await page.locator('[data-testid=region-map]').screenshot({ path: path.join(SHOTS, '10-hotspots-leader-map.png') });

    // Bubbles and bars by amount instead of cases: a view setting, the figures stay.
    await page.click('[data-testid=metric-amount]');
    expect(await page.locator('[data-testid=metric-amount]').getAttribute('aria-pressed')).toBe('true');
    expect(await text(page, '[data-testid=hotspots-totals]')).toBe(totals);

    await page.click('[data-testid=lang-toggle]');
    await expect.poll(() => text(page, '[data-testid=hotspots-totals]'), WAIT).toContain(`${counted.length} cases`);
    await page.locator('[data-testid=region-map] canvas').first().waitFor();
    await shot(page, '11-hotspots-leader-en');
    await page.click('[data-testid=lang-toggle]');
    await expect.poll(() => text(page, '[data-testid=hotspots-totals]'), WAIT).toContain('起案件');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('narrows to a region when its bubble is clicked, and lets go with the filters cleared', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await signIn(page, 'leader');
    await page.waitForSelector('[data-testid=hotspots-totals]');
    const answer = await apiAnswer(page);
    // The region drawn farthest from any other, so the click cannot land on a neighbour's bubble.
    const seat = (code: string): [number, number] => {
      const r = regionByCode(code);
      if (!r) throw new Error(`no seat for ${code}`);
      return [r.lon, r.lat];
    };
    const plotted = [
      ...new Set([
        ...answer.byRegion.map((r) => r.region),
        ...[...answer.flows, ...answer.paymentFlows].flatMap((f) => [f.from, f.to]),
      ]),
    ].filter((c) => regionByCode(c));
    const apart = (code: string) =>
      Math.min(
        ...plotted
          .filter((c) => c !== code)
          .map((c) => Math.hypot(seat(c)[0] - seat(code)[0], seat(c)[1] - seat(code)[1])),
      );
    const [target] = answer.byRegion
      .map((r) => r.region)
      .filter((c) => regionByCode(c))
      .sort((a, b) => apart(b) - apart(a));
    const expected = answer.byRegion.find((r) => r.region === target);
    if (!target || !expected) throw new Error('no region on the map');
    // Where the map draws it: the grid's insets and the lon/lat box of the plotted regions (geo.ts). The
    // most isolated bubble overlaps none, so the map leaves it on its seat.
    await page.locator('[data-testid=region-map] canvas').first().waitFor();
    await page.waitForTimeout(500);
    const box = await page.locator('[data-testid=region-map] .echart').boundingBox();
    if (!box) throw new Error('the map has no box');
    const inner = {
      width: box.width - MAP_GRID.left - MAP_GRID.right,
      height: box.height - MAP_GRID.top - MAP_GRID.bottom,
    };
    const bounds = fitBounds(plotted.map(seat), inner.width, inner.height);
    const [lon, lat] = seat(target);
    const x = box.x + MAP_GRID.left + ((lon - bounds.lon[0]) / (bounds.lon[1] - bounds.lon[0])) * inner.width;
    const y = box.y + MAP_GRID.top + ((bounds.lat[1] - lat) / (bounds.lat[1] - bounds.lat[0])) * inner.height;
    await page.mouse.click(x, y);
    await expect.poll(() => page.url(), WAIT).toContain(`region=${target}`);
    await expect
      .poll(() => text(page, '[data-testid=hotspots-totals]'), WAIT)
      .toContain(`${expected.cases} 起案件，涉案金额 ¥${shown(expected.amount)}，涉及 1 个地区`);
    expect(await page.locator('[data-testid=region-data] tr[data-key]').count()).toBe(1);
    expect(await page.locator('[data-testid=filter-region]').inputValue()).toBe(target);
    await shot(page, '12-hotspots-region');

    await page.click('[data-testid=filter-reset]');
    await expect.poll(() => page.url(), WAIT).not.toContain('region=');
    await expect
      .poll(() => text(page, '[data-testid=hotspots-totals]'), WAIT)
      .toContain(`${answer.totals.cases} 起案件`);
    await page.close();
  });

  it('opens a top chain on the workbench for an analyst', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signIn(page, 'analyst');
    await page.click('[data-testid=nav-hotspots]');
    await page.waitForSelector('[data-testid=hotspots-totals]');
    const chain = page.locator('[data-testid=hotspot-chain]').first();
    await chain.waitFor();
    const id = await page.locator('[data-testid=hotspot-chain-row]').first().getAttribute('data-id');
    await shot(page, '13-hotspots-analyst');
    await chain.click();
    await expect.poll(() => page.url(), WAIT).toContain(`#/workbench?chain=${encodeURIComponent(id ?? '')}`);
    await page.waitForSelector('[data-testid=chain-panel]', { timeout: 30_000 });
    await shot(page, '14-hotspots-chain-on-workbench');
    expect(errors).toEqual([]);
    await page.close();
  });
});
