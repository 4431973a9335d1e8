/**
 * Hotspots for leaders (aggregates only, never a party): cases and amounts by region × month ×
 * category, the brands the cases infringe, the cross-region parcel and payment flow matrices, the top
 * flagged chains of the current detection run, and spikes — a region and category whose cases in a
 * month reach twice the average of the three months before (and at least 3). Everything is computed
 * within the caller's region scope; a region filter narrows it further to one region and those under
 * it. Without a window, the twelve months up to the latest case in scope.
 */
import type { Scope } from '../auth/scope.ts';
import type { Db } from '../db/db.ts';
import { listScopedCommunities } from '../detect/scoped.ts';
import {
  addMonths,
  aggregateCases,
  crossPairs,
  findSpikes,
  flowTotals,
  monthsBetween,
  regionFocus,
  round2,
  topPairs,
  totals,
} from './aggregate.ts';
import { readCases, readFlows, readPaymentFlows } from './queries.ts';
import { HotspotsSchema, type Hotspots, type HotspotQuery } from './schemas.ts';

export { HotspotQuerySchema, HotspotsSchema, type HotspotQuery, type Hotspots } from './schemas.ts';

const CACHE_MS = 60_000;
const cache = new Map<string, { until: number; value: Promise<Hotspots> }>();

/**
 * Hotspots read the whole window's cases, parcels and payments (seconds on the large set), and a
 * dashboard asks again on every visit: the same scope and query reuse a result for a minute
 * (`computedAt` says how fresh it is). Failures are not kept.
 */
export function hotspots(db: Db, scope: Scope, query: HotspotQuery, now = Date.now()): Promise<Hotspots> {
  const id = JSON.stringify([
    scope.codes,
    query.from ?? null,
    query.to ?? null,
    query.category ?? null,
    query.region ?? null,
  ]);
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
  const focus = regionFocus(query.region);
  // Without an end month every case in scope is read once, to find the latest month, and serves as
  // the rows too; with one, only the window and the three months before it (the spike baseline).
  const all = query.to ? null : await db.run(readCases, { from: '0000', to: '9999', scope: codes, limit: 1_000_000 });
  // The window's end does not follow the filters, so narrowing to a region or category keeps the period.
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
  const { cells, inWindow, byBrand } = aggregateCases(rows, { from, to, category: query.category, focus });

  const span = { from: `${from}-01`, to: `${addMonths(to, 1)}-01`, scope: codes };
  const [parcels, payments, chains] = await Promise.all([
    db.run(readFlows, span),
    db.run(readPaymentFlows, span),
    listScopedCommunities(db, scope, { flaggedOnly: true, limit: 50 }),
  ]);
  const parcelPairs = crossPairs(parcels, focus);
  const paymentPairs = crossPairs(
    payments.map((p) => ({ ...p, amount: round2(p.amount) })),
    focus,
  );
  const topChains = chains
    .filter((c) => !query.region || c.regions.some(focus))
    .sort((a, b) => b.score - a.score)
    .slice(0, 10)
    .map((c) => ({
      id: c.id,
      number: c.number,
      score: c.score,
      size: c.size,
      stages: c.stages,
      regions: c.regions,
      brands: c.brands,
      caseCount: c.caseCount,
    }));

  return HotspotsSchema.parse({
    computedAt: new Date().toISOString(),
    window: { from, to, months },
    filter: { category: query.category ?? null, region: query.region ?? null },
    ...totals(inWindow),
    cells: inWindow,
    byBrand,
    flows: topPairs(parcelPairs, (f) => f.shipments),
    paymentFlows: topPairs(paymentPairs, (f) => f.payments),
    flowTotals: flowTotals(parcelPairs, paymentPairs),
    topChains,
    spikes: findSpikes(cells, inWindow),
  });
}
