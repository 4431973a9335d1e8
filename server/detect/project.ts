/**
 * Reads what detection needs from Neo4j, page by page (keyset paging on the key indexes, never a
 * query per node), and folds it into compact aggregates as it arrives: parties get a dense index,
 * parallel shipments and payments between the same ordered pair fold into one flow, shared
 * identifiers become holder lists, cases become party lists. Memory is proportional to the parties
 * and the distinct pairs, not to the records read.
 */
import type { Db } from '../db/db.ts';
import type { Query, RowOf } from '../db/registry.ts';
import {
  OFFICER_TARGET_LABELS,
  PROJECTED_PARTY_LABELS,
  readCases,
  readOfficers,
  readParties,
  readPayments,
  readShared,
  readShipments,
  SHARED_LABELS,
  type PartyLabel,
  type SharedLabel,
} from './queries.ts';

const PAGE = 50_000;
/** Declarations that hide what a parcel holds (DOMAIN.md §7: network parcels often say 日用品/礼品). */
export const VAGUE_ITEMS = /^(日用品|礼品|百货|样品|杂货|物品|其他|文件|衣物)$/;
/** What label and packaging suppliers send to a production site. */
export const MATERIAL_ITEMS =
  /标签|标贴|瓶标|领标|吊牌|商标|包装盒|包装袋|外包装|酒盒|鞋盒|瓶盖|塑料瓶|空瓶|手提袋|吸塑|防伪|纸箱|印刷品/;

export interface Party {
  key: string;
  label: PartyLabel;
  name: string;
  scope: string;
  regions: string[];
  /** Keys identity resolution folded into this party. */
  merged: string[];
}

/** All parallel shipments (or payments) from one party to another, folded. */
export interface Flow {
  from: number;
  to: number;
  count: number;
  /** Pieces (shipments) or yuan (payments). */
  volume: number;
  first: string;
  last: string;
  /** Shipments declared vaguely (日用品, 礼品 …). */
  vague: number;
  /** Shipments of labels and packaging. */
  materials: number;
  /** A few record keys, as evidence. */
  samples: string[];
}

export interface SharedIdentifier {
  kind: SharedLabel;
  key: string;
  label: string;
  holders: number[];
}

export interface CaseFact {
  key: string;
  caseNo: string;
  title: string;
  type: string;
  openedAt: string;
  regions: string[];
  amount: number;
  brands: string[];
  parties: number[];
}

export interface OfficerLink {
  from: number;
  to: number;
  type: string;
}

export interface IdentifierHub {
  kind: SharedLabel;
  key: string;
  label: string;
  holders: number;
}

export interface Projection {
  parties: Party[];
  index: Map<string, number>;
  goods: Map<number, Flow>;
  money: Map<number, Flow>;
  officers: OfficerLink[];
  shared: SharedIdentifier[];
  identifierHubs: IdentifierHub[];
  cases: CaseFact[];
  /** Records read, per source: the raw edges the projection folded. */
  read: { parties: number; shipments: number; payments: number; officers: number; identifiers: number; cases: number };
}

/** Ordered pair → one number (party indexes stay below 2^24, so the product stays exact). */
export const PAIR = 2 ** 24;
export const pairKey = (from: number, to: number): number => from * PAIR + to;

export interface ReadProgress {
  (phase: string, done: number): void;
}

export async function readProjection(
  db: Db,
  options: { maxHolders: number; signal?: AbortSignal; onProgress?: ReadProgress },
): Promise<Projection> {
  const { signal, onProgress } = options;
  const p: Projection = {
    parties: [],
    index: new Map(),
    goods: new Map(),
    money: new Map(),
    officers: [],
    shared: [],
    identifierHubs: [],
    cases: [],
    read: { parties: 0, shipments: 0, payments: 0, officers: 0, identifiers: 0, cases: 0 },
  };
  const pageThrough = async <Q extends Query>(
    query: Q,
    extra: Record<string, unknown>,
    each: (row: RowOf<Q>) => void,
    lastOf: (rows: RowOf<Q>[]) => string | null,
    phase: string,
  ): Promise<void> => {
    const fetchPage = (after: string) => {
      signal?.throwIfAborted();
      const page = db.run(query, { after, limit: PAGE, ...extra } as never, { timeoutMs: 120_000 });
      // Awaited below; until then a failure must not count as unhandled.
      page.catch(() => {});
      return page;
    };
    let done = 0;
    let pending = fetchPage('');
    for (;;) {
      const rows = await pending;
      const last = lastOf(rows);
      const more = last !== null && rows.length > 0 && !(rows.length < PAGE && lastOf === byKey);
      // The next page is read while this one is folded: Neo4j and this thread work at the same time.
      if (more) pending = fetchPage(last);
      for (const row of rows) each(row);
      done += rows.length;
      onProgress?.(phase, done);
      if (!more) return;
    }
  };

  for (const label of PROJECTED_PARTY_LABELS) {
    await pageThrough(
      readParties[label],
      {},
      (row) => {
        if (p.index.has(row.key)) return;
        p.index.set(row.key, p.parties.length);
        p.parties.push({
          key: row.key,
          label,
          name: row.name ?? '',
          scope: row.scope ?? '',
          regions: row.regions,
          merged: row.merged,
        });
        p.read.parties++;
      },
      byKey,
      'parties',
    );
  }
  if (p.parties.length >= PAIR)
    throw new Error(`quanlian/detect: ${p.parties.length} parties exceed the projection's limit`);
  const ix = (key: string | null): number | undefined => (key === null ? undefined : p.index.get(key));

  await pageThrough(
    readShipments,
    {},
    (row) => {
      p.read.shipments++;
      const from = ix(row.from);
      const to = ix(row.to);
      if (from === undefined || to === undefined || from === to) return;
      const flow = fold(p.goods, from, to, row.key, row.at, row.pieces ?? 1);
      const item = (row.item ?? '').trim();
      if (VAGUE_ITEMS.test(item)) flow.vague++;
      else if (MATERIAL_ITEMS.test(item)) flow.materials++;
    },
    byKey,
    'shipments',
  );

  await pageThrough(
    readPayments,
    {},
    (row) => {
      p.read.payments++;
      const froms = distinctIndexes(row.from, ix);
      const tos = distinctIndexes(row.to, ix);
      // An account with many holders before resolution is ambiguous: take at most two per side.
      for (const from of froms.slice(0, 2))
        for (const to of tos.slice(0, 2)) if (from !== to) fold(p.money, from, to, row.key, row.at, row.amount ?? 0);
    },
    byKey,
    'payments',
  );

  for (const label of OFFICER_TARGET_LABELS) {
    await pageThrough(
      readOfficers[label],
      {},
      (row) => {
        const to = ix(row.key);
        if (to === undefined) return;
        for (const link of [...row.links].sort(
          (x, y) => x.from.localeCompare(y.from) || x.type.localeCompare(y.type),
        )) {
          const from = ix(link.from);
          if (from === undefined || from === to) continue;
          p.officers.push({ from, to, type: link.type });
          p.read.officers++;
        }
      },
      byKey,
      'officers',
    );
  }

  for (const label of SHARED_LABELS) {
    await pageThrough(
      readShared[label],
      { cap: options.maxHolders },
      (row) => {
        for (const item of row.items) {
          p.read.identifiers++;
          if (item.count > options.maxHolders) {
            p.identifierHubs.push({ kind: label, key: item.key, label: item.label ?? '', holders: item.count });
            continue;
          }
          const holders = distinctIndexes(item.holders, ix);
          if (holders.length >= 2) p.shared.push({ kind: label, key: item.key, label: item.label ?? '', holders });
        }
      },
      (rows) => rows[0]?.last ?? null,
      'identifiers',
    );
  }

  await pageThrough(
    readCases,
    {},
    (row) => {
      p.read.cases++;
      p.cases.push({
        key: row.key,
        caseNo: row.caseNo ?? row.key,
        title: row.title ?? '',
        type: row.type ?? '',
        openedAt: (row.openedAt ?? '').slice(0, 10),
        regions: row.regions,
        amount: row.amount ?? row.goodsValue ?? 0,
        brands: [...new Set(row.brands)],
        parties: distinctIndexes(row.parties, ix),
      });
    },
    byKey,
    'cases',
  );
  return p;
}

function byKey(rows: { key: string }[]): string | null {
  return rows.length === 0 ? null : (rows[rows.length - 1] as { key: string }).key;
}

/** Party indexes of the keys, distinct and sorted (index order is key order: deterministic). */
function distinctIndexes(keys: readonly string[], ix: (key: string) => number | undefined): number[] {
  const out = new Set<number>();
  for (const key of keys) {
    const i = ix(key);
    if (i !== undefined) out.add(i);
  }
  return [...out].sort((a, b) => a - b);
}

function fold(
  map: Map<number, Flow>,
  from: number,
  to: number,
  record: string,
  at: string | null,
  volume: number,
): Flow {
  const k = pairKey(from, to);
  let flow = map.get(k);
  const day = (at ?? '').slice(0, 19);
  if (!flow) {
    flow = { from, to, count: 0, volume: 0, first: day, last: day, vague: 0, materials: 0, samples: [] };
    map.set(k, flow);
  }
  flow.count++;
  flow.volume += volume;
  if (day && (!flow.first || day < flow.first)) flow.first = day;
  if (day && day > flow.last) flow.last = day;
  if (flow.samples.length < 5) flow.samples.push(record);
  return flow;
}
