/**
 * The hotspot arithmetic, apart from the database: case rows folded into region × month × category
 * cells, sums by region, category and brand, spikes, and the cross-region flow lists. Pure functions,
 * so the figures can be checked on small rows with known answers.
 */
import { currentRegion, regionAncestry, regionName as nameOf } from '../domain/regions.ts';
import { categoryOf, CATEGORY_NAMES, type CategoryId } from './category.ts';
import type { CaseRow } from './queries.ts';
import type { Hotspots } from './schemas.ts';

export type Cell = Hotspots['cells'][number];

export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + n, 1));
  return d.toISOString().slice(0, 7);
}

export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = from; m <= to && out.length < 120; m = addMonths(m, 1)) out.push(m);
  return out;
}

/** Whether a region code lies in the focus region (itself or under it; retired codes count where they went). */
export function regionFocus(region: string | null | undefined): (code: string) => boolean {
  if (!region) return () => true;
  const target = currentRegion(region)?.code ?? region;
  const memo = new Map<string, boolean>();
  return (code) => {
    let hit = memo.get(code);
    if (hit === undefined) {
      const today = currentRegion(code)?.code ?? code;
      hit = regionAncestry(today).some((r) => r.code === target);
      memo.set(code, hit);
    }
    return hit;
  };
}

export const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * Folds case rows into cells (every month the rows cover, so the months before the window can serve
 * as the spike baseline) and sums the window's brands. Rows without a region or month are left out,
 * as are rows outside the category or region filter.
 */
export function aggregateCases(
  rows: readonly CaseRow[],
  filter: { from: string; to: string; category?: CategoryId | undefined; focus: (code: string) => boolean },
) {
  const cells = new Map<string, Cell>();
  const brands = new Map<string, { brand: string; cases: number; amount: number }>();
  for (const r of rows) {
    if (!r.region || !r.month || !filter.focus(r.region)) continue;
    const category = categoryOf(r);
    if (filter.category && category !== filter.category) continue;
    const id = `${r.region}|${r.month}|${category}`;
    const cell = cells.get(id) ?? { region: r.region, month: r.month, category, cases: 0, amount: 0 };
    cell.cases++;
    cell.amount += r.amount;
    cells.set(id, cell);
    if (r.month < filter.from || r.month > filter.to) continue;
    const named = r.brands.length > 0 ? r.brands : r.brand ? [r.brand] : [];
    for (const brand of new Set(named)) {
      const b = brands.get(brand) ?? { brand, cases: 0, amount: 0 };
      b.cases++;
      b.amount += r.amount;
      brands.set(brand, b);
    }
  }
  const inWindow = [...cells.values()]
    .filter((c) => c.month >= filter.from && c.month <= filter.to)
    .map((c) => ({ ...c, amount: round2(c.amount) }))
    .sort(
      (a, b) =>
        a.month.localeCompare(b.month) || a.region.localeCompare(b.region) || a.category.localeCompare(b.category),
    );
  const byBrand = [...brands.values()]
    .map((b) => ({ ...b, amount: round2(b.amount) }))
    .sort((a, b) => b.cases - a.cases || b.amount - a.amount || a.brand.localeCompare(b.brand))
    .slice(0, 20);
  return { cells, inWindow, byBrand };
}

function sumBy<K extends string>(cells: readonly Cell[], key: (c: Cell) => K) {
  const out = new Map<K, { cases: number; amount: number }>();
  for (const c of cells) {
    const t = out.get(key(c)) ?? { cases: 0, amount: 0 };
    t.cases += c.cases;
    t.amount += c.amount;
    out.set(key(c), t);
  }
  return [...out].map(([k, t]) => [k, { cases: t.cases, amount: round2(t.amount) }] as const);
}

export function totals(inWindow: readonly Cell[]) {
  const byRegion = sumBy(inWindow, (c) => c.region)
    .map(([region, t]) => ({ region, name: nameOf(region), ...t }))
    .sort((a, b) => b.cases - a.cases || a.region.localeCompare(b.region));
  const byCategory = sumBy(inWindow, (c) => c.category)
    .map(([category, t]) => ({ category, ...CATEGORY_NAMES[category], ...t }))
    .sort((a, b) => b.cases - a.cases || a.category.localeCompare(b.category));
  return {
    totals: {
      cases: inWindow.reduce((a, c) => a + c.cases, 0),
      amount: round2(inWindow.reduce((a, c) => a + c.amount, 0)),
      regions: byRegion.length,
    },
    byRegion,
    byCategory,
  };
}

/** Cells of the window with at least 3 cases and twice the monthly mean (at least 1) of the three months before. */
export function findSpikes(cells: ReadonlyMap<string, Cell>, inWindow: readonly Cell[]): Hotspots['spikes'] {
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
        previous: round2(mean),
        ratio: round2(c.cases / Math.max(1, mean)),
      });
    }
  }
  return spikes.sort((a, b) => b.ratio - a.ratio || b.cases - a.cases).slice(0, 20);
}

/** Region-to-region pairs between two different regions with at least one end in focus. */
export function crossPairs<F extends { from: string; to: string }>(
  flows: readonly F[],
  focus: (code: string) => boolean,
) {
  return flows.filter((f) => f.from !== f.to && (focus(f.from) || focus(f.to)));
}

/** The heaviest 100 pairs, with the regions' names. */
export function topPairs<F extends { from: string; to: string }>(
  pairs: readonly F[],
  weight: (f: F) => number,
): (F & { fromName: string; toName: string })[] {
  return [...pairs]
    .sort((a, b) => weight(b) - weight(a) || a.from.localeCompare(b.from) || a.to.localeCompare(b.to))
    .slice(0, 100)
    .map((f) => ({ ...f, fromName: nameOf(f.from), toName: nameOf(f.to) }));
}

/** What crosses region lines in all, including pairs beyond the listed 100. */
export function flowTotals(
  parcels: readonly { shipments: number; pieces: number }[],
  payments: readonly { payments: number; amount: number }[],
) {
  const sum = <F>(xs: readonly F[], f: (x: F) => number) => xs.reduce((a, x) => a + f(x), 0);
  return {
    shipments: sum(parcels, (f) => f.shipments),
    pieces: round2(sum(parcels, (f) => f.pieces)),
    payments: sum(payments, (f) => f.payments),
    amount: round2(sum(payments, (f) => f.amount)),
  };
}
