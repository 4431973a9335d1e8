/**
 * Hotspots for leaders (aggregates only, never a party): cases and amounts by region × month ×
 * category, the cross-region parcel flow matrix, the top flagged chains of the current detection
 * run, and spikes — a region and category whose cases in a month reach twice the average of the
 * three months before (and at least 3). Everything is computed within the caller's region scope.
 * Without a window, the twelve months up to the latest case in scope.
 */
import { z } from 'zod';
import type { Scope } from '../auth/scope.ts';
import type { Db } from '../db/db.ts';
import { defineQuery } from '../db/registry.ts';
import { listScopedCommunities } from '../detect/scoped.ts';
import { regionByCode } from '../domain/regions.ts';
import { categoryOf, CATEGORY_IDS, CATEGORY_NAMES, type CategoryId } from './category.ts';

const scopeParam = z.array(z.string());
const readCases = defineQuery({
  name: 'hotspots/read-cases',
  mode: 'READ',
  params: z.object({
    from: z.string(),
    to: z.string(),
    scope: scopeParam,
    limit: z.number().int().min(1).max(1_000_000),
  }),
  row: z.object({
    region: z.string().nullable(),
    month: z.string().nullable(),
    type: z.string().nullable(),
    goods: z.string().nullable(),
    brand: z.string().nullable(),
    title: z.string().nullable(),
    amount: z.number(),
  }),
});
const readFlows = defineQuery({
  name: 'hotspots/read-flows',
  mode: 'READ',
  params: z.object({ from: z.string(), to: z.string(), scope: scopeParam }),
  row: z.object({ from: z.string(), to: z.string(), shipments: z.number().int(), pieces: z.number() }),
});

const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month is YYYY-MM');
export const HotspotQuerySchema = z.strictObject({
  from: Month.optional().describe('first month (default: 11 months before `to`)'),
  to: Month.optional().describe('last month, inclusive (default: the latest month with a case in scope)'),
  category: z.enum(CATEGORY_IDS).optional(),
});
export type HotspotQuery = z.infer<typeof HotspotQuerySchema>;

const Named = { name: z.string() };
export const HotspotsSchema = z.object({
  /** When these figures were computed (they are reused for up to a minute). */
  computedAt: z.string(),
  window: z.object({ from: z.string(), to: z.string(), months: z.array(z.string()) }),
  totals: z.object({ cases: z.number().int(), amount: z.number(), regions: z.number().int() }),
  cells: z.array(
    z.object({
      region: z.string(),
      month: z.string(),
      category: z.enum(CATEGORY_IDS),
      cases: z.number().int(),
      amount: z.number(),
    }),
  ),
  byRegion: z.array(z.object({ region: z.string(), ...Named, cases: z.number().int(), amount: z.number() })),
  byCategory: z.array(
    z.object({
      category: z.enum(CATEGORY_IDS),
      zh: z.string(),
      en: z.string(),
      cases: z.number().int(),
      amount: z.number(),
    }),
  ),
  flows: z.array(
    z.object({
      from: z.string(),
      fromName: z.string(),
      to: z.string(),
      toName: z.string(),
      shipments: z.number().int(),
      pieces: z.number(),
    }),
  ),
  topChains: z.array(
    z.object({
      id: z.string(),
      score: z.number(),
      size: z.number().int(),
      regions: z.array(z.string()),
      brands: z.array(z.string()),
      caseCount: z.number().int(),
    }),
  ),
  spikes: z.array(
    z.object({
      region: z.string(),
      ...Named,
      category: z.enum(CATEGORY_IDS),
      month: z.string(),
      cases: z.number().int(),
      previous: z.number(),
      ratio: z.number(),
    }),
  ),
});
export type Hotspots = z.infer<typeof HotspotsSchema>;

const nameOf = (code: string) => regionByCode(code)?.name ?? code;

function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + n, 1));
  return d.toISOString().slice(0, 7);
}

function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = from; m <= to && out.length < 120; m = addMonths(m, 1)) out.push(m);
  return out;
}

const CACHE_MS = 60_000;
const cache = new Map<string, { until: number; value: Promise<Hotspots> }>();

/**
 * Hotspots read the whole window's cases and parcels (seconds on the large set), and a dashboard asks
 * again on every visit: the same scope and query reuse a result for a minute (`computedAt` says how
 * fresh it is). Failures are not kept.
 */
export function hotspots(db: Db, scope: Scope, query: HotspotQuery, now = Date.now()): Promise<Hotspots> {
  const id = JSON.stringify([scope.codes, query.from ?? null, query.to ?? null, query.category ?? null]);
  const hit = cache.get(id);
  if (hit && hit.until > now) return hit.value;
  if (cache.size > 500) cache.clear();
  const value = computeHotspots(db, scope, query);
  cache.set(id, { until: now + CACHE_MS, value });
  value.catch(() => cache.delete(id));
  return value;
}

export async function computeHotspots(db: Db, scope: Scope, query: HotspotQuery): Promise<Hotspots> {
  const codes = [...scope.codes];
  // Without an end month every case in scope is read once, to find the latest month, and serves as
  // the rows too; with one, only the window and the three months before it (the spike baseline).
  const all = query.to ? null : await db.run(readCases, { from: '0000', to: '9999', scope: codes, limit: 1_000_000 });
  let to =
    query.to ?? all?.reduce((latest, c) => (c.month && c.month > latest ? c.month : latest), '0000-01') ?? '0000-01';
  if (to === '0000-01') to = new Date().toISOString().slice(0, 7);
  const from = query.from ?? addMonths(to, -11);
  const months = monthsBetween(from, to);
  const rows =
    all ??
    (await db.run(readCases, {
      from: `${addMonths(from, -3)}-01`,
      to: `${addMonths(to, 1)}-01`,
      scope: codes,
      limit: 1_000_000,
    }));
  const cells = new Map<
    string,
    { region: string; month: string; category: CategoryId; cases: number; amount: number }
  >();
  for (const r of rows) {
    if (!r.region || !r.month) continue;
    const category = categoryOf(r);
    if (query.category && category !== query.category) continue;
    const id = `${r.region}|${r.month}|${category}`;
    const cell = cells.get(id) ?? { region: r.region, month: r.month, category, cases: 0, amount: 0 };
    cell.cases++;
    cell.amount += r.amount;
    cells.set(id, cell);
  }
  const inWindow = [...cells.values()].filter((c) => c.month >= from && c.month <= to);
  const sum = <K extends string>(key: (c: (typeof inWindow)[number]) => K) => {
    const out = new Map<K, { cases: number; amount: number }>();
    for (const c of inWindow) {
      const t = out.get(key(c)) ?? { cases: 0, amount: 0 };
      t.cases += c.cases;
      t.amount += c.amount;
      out.set(key(c), t);
    }
    return out;
  };
  const byRegion = [...sum((c) => c.region)]
    .map(([region, t]) => ({ region, name: nameOf(region), ...t }))
    .sort((a, b) => b.cases - a.cases || a.region.localeCompare(b.region));
  const byCategory = [...sum((c) => c.category)]
    .map(([category, t]) => ({ category, ...CATEGORY_NAMES[category], ...t }))
    .sort((a, b) => b.cases - a.cases);

  const spikes: Hotspots['spikes'] = [];
  for (const c of inWindow) {
    const previous = [1, 2, 3].map((n) => cells.get(`${c.region}|${addMonths(c.month, -n)}|${c.category}`)?.cases ?? 0);
    const mean = previous.reduce((a, b) => a + b, 0) / 3;
    if (c.cases >= 3 && c.cases >= 2 * Math.max(1, mean)) {
      spikes.push({
        region: c.region,
        name: nameOf(c.region),
        category: c.category,
        month: c.month,
        cases: c.cases,
        previous: Math.round(mean * 100) / 100,
        ratio: Math.round((c.cases / Math.max(1, mean)) * 100) / 100,
      });
    }
  }
  spikes.sort((a, b) => b.ratio - a.ratio || b.cases - a.cases);

  const flows = (await db.run(readFlows, { from: `${from}-01`, to: `${addMonths(to, 1)}-01`, scope: codes }))
    .filter((f) => f.from !== f.to)
    .sort((a, b) => b.shipments - a.shipments || a.from.localeCompare(b.from) || a.to.localeCompare(b.to))
    .slice(0, 100)
    .map((f) => ({ ...f, fromName: nameOf(f.from), toName: nameOf(f.to) }));

  const chains = await listScopedCommunities(db, scope, { flaggedOnly: true, limit: 50 });
  const topChains = chains
    .sort((a, b) => b.score - a.score)
    .slice(0, 10)
    .map((c) => ({
      id: c.id,
      score: c.score,
      size: c.size,
      regions: c.regions,
      brands: c.brands,
      caseCount: c.caseCount,
    }));

  return HotspotsSchema.parse({
    computedAt: new Date().toISOString(),
    window: { from, to, months },
    totals: {
      cases: inWindow.reduce((a, c) => a + c.cases, 0),
      amount: Math.round(inWindow.reduce((a, c) => a + c.amount, 0) * 100) / 100,
      regions: byRegion.length,
    },
    cells: inWindow.sort(
      (a, b) =>
        a.month.localeCompare(b.month) || a.region.localeCompare(b.region) || a.category.localeCompare(b.category),
    ),
    byRegion,
    byCategory,
    flows,
    topChains,
    spikes: spikes.slice(0, 20),
  });
}
