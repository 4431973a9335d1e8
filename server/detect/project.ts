/**
 * Reads what detection needs from Neo4j, each source as one stream in key order (Db.stream: no query
 * per node, no paging), and folds it into compact aggregates as it arrives: parties get a dense
 * index, parallel shipments and payments between the same ordered pair fold into one flow, shared
 * identifiers become holder lists, cases become party lists. Streams run side by side (the three
 * party labels together, then two lanes of the rest), so Neo4j uses both cores while this thread
 * folds; each source folds into its own accumulator and they are joined in a fixed order, so the
 * projection does not depend on which stream finished first. If one stream fails, the others are
 * stopped. Memory is proportional to the parties, the distinct pairs and the held accounts (with
 * their holders), not to the records read: the paged reads are pulled a few pages at a time.
 */
import type { Db } from '../db/db.ts';
import type { ParamsOf, Query, RowOf } from '../db/registry.ts';
import {
  OFFICER_TARGET_LABELS,
  PROJECTED_PARTY_LABELS,
  readAccountHolders,
  readCases,
  readOfficers,
  readParties,
  readPayments,
  readShared,
  readShipments,
  SHARED_LOCATION_LABELS,
  type PartyLabel,
  type SharedLabel,
} from './queries.ts';

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
  /** `detail` names the source and the records read of it; `fraction` is of the sources finished. */
  (detail: string, fraction: number): void;
}

type Read = Projection['read'];
/** Records between two progress reports of one source. */
const PROGRESS_EVERY = 10_000;
/** With no report for this long (a slow source), the last one is repeated: it is the run's heartbeat. */
const HEARTBEAT_MS = 10_000;
/** Records per page of the paged reads (one Bolt row each). */
const PAGE = 5_000;
/** Rows (pages) the driver pulls at a time for the paged reads: bounds what it buffers. */
const PAGES_PER_PULL = 4;
/** Streams of a projection: party labels, shipments, officer labels, cases, accounts, payments, location labels. */
const SOURCES =
  PROJECTED_PARTY_LABELS.length + 1 + OFFICER_TARGET_LABELS.length + 1 + 1 + 1 + SHARED_LOCATION_LABELS.length;

export async function readProjection(
  db: Db,
  options: {
    maxHolders: number;
    signal?: AbortSignal;
    onProgress?: ReadProgress;
    /** Records per page of the paged reads (tests make it small to cross page boundaries). */
    page?: number;
  },
): Promise<Projection> {
  const { signal, onProgress, maxHolders, page = PAGE } = options;
  // Cancelling the run, or any stream failing, stops every stream.
  const stop = new AbortController();
  const forward = () => stop.abort(signal?.reason);
  if (signal?.aborted) forward();
  signal?.addEventListener('abort', forward, { once: true });
  const lane = <T>(work: () => Promise<T>): Promise<T> =>
    work().catch((error: unknown) => {
      stop.abort(error);
      throw error;
    });

  let finished = 0;
  let last = { detail: 'parties 0', at: performance.now() };
  const report = (detail: string) => {
    last = { detail, at: performance.now() };
    onProgress?.(detail, finished / SOURCES);
  };
  const heartbeat = setInterval(() => {
    if (performance.now() - last.at >= HEARTBEAT_MS) report(last.detail);
  }, HEARTBEAT_MS / 2);
  /** Records folded so far per stream, so a retried stream's count starts again from zero. */
  const folded = new Map<string, number>();
  const readOf = (phase: keyof Read) =>
    [...folded].reduce((n, [id, count]) => (id.startsWith(`${phase}#`) ? n + count : n), 0);
  /**
   * One source streamed into a fresh accumulator (fresh again if the transaction is retried). `row`
   * folds one result row and returns how many records it held (a page holds many).
   */
  const stream = <Q extends Query, A>(
    query: Q,
    params: ParamsOf<Q>,
    phase: keyof Read,
    start: () => A,
    row: (acc: A, row: RowOf<Q>) => number,
  ): Promise<A> => {
    const id = `${phase}#${query.name}`;
    let reported = 0;
    const paged = 'page' in (params as object);
    return db
      .stream(
        query,
        params,
        {
          start: () => {
            folded.set(id, 0);
            reported = 0;
            return start();
          },
          row: (acc, r) => {
            const count = (folded.get(id) as number) + row(acc, r);
            folded.set(id, count);
            if (count - reported >= PROGRESS_EVERY) {
              reported = count;
              report(`${phase} ${readOf(phase)}`);
            }
          },
        },
        { timeoutMs: 600_000, signal: stop.signal, ...(paged ? { fetchSize: PAGES_PER_PULL } : {}) },
      )
      .then((acc) => {
        finished++;
        report(`${phase} ${readOf(phase)}`);
        return acc;
      });
  };

  try {
    return await project();
  } finally {
    clearInterval(heartbeat);
    signal?.removeEventListener('abort', forward);
  }

  async function project(): Promise<Projection> {
    const read: Read = { parties: 0, shipments: 0, payments: 0, officers: 0, identifiers: 0, cases: 0 };
    const parties: Party[] = [];
    const index = new Map<string, number>();
    const byLabel = await Promise.all(
      PROJECTED_PARTY_LABELS.map((label) =>
        lane(() =>
          stream(
            readParties[label],
            { page },
            'parties',
            () => [] as Party[],
            (acc, { rows }) => {
              for (const [key, name, scope, regions, merged] of rows)
                acc.push({ key, label, name: name ?? '', scope: scope ?? '', regions, merged });
              return rows.length;
            },
          ),
        ),
      ),
    );
    // Label by label, each in key order: the index is the same whatever order the streams ended in.
    for (const party of byLabel.flat()) {
      if (index.has(party.key)) continue;
      index.set(party.key, parties.length);
      parties.push(party);
      read.parties++;
    }
    if (parties.length >= PAIR)
      throw new Error(`quanlian/detect: ${parties.length} parties exceed the projection's limit`);
    const ix = (key: string | null): number | undefined => (key === null ? undefined : index.get(key));

    const goods = () =>
      stream(
        readShipments,
        { page },
        'shipments',
        () => ({ flows: new Map<number, Flow>(), count: 0 }),
        (acc, { rows }) => {
          for (const [key, senders, recipients, at, pieces, item] of rows) {
            acc.count++;
            const kind = VAGUE_ITEMS.test((item ?? '').trim()) ? 1 : MATERIAL_ITEMS.test((item ?? '').trim()) ? 2 : 0;
            for (const sender of senders) {
              const from = ix(sender);
              if (from === undefined) continue;
              for (const recipient of recipients) {
                const to = ix(recipient);
                if (to === undefined || from === to) continue;
                const flow = fold(acc.flows, from, to, key, at, pieces ?? 1);
                if (kind === 1) flow.vague++;
                else if (kind === 2) flow.materials++;
              }
            }
          }
          return rows.length;
        },
      );

    const officers = async () => {
      const lists = [];
      for (const label of OFFICER_TARGET_LABELS) {
        lists.push(
          await stream(
            readOfficers[label],
            {},
            'officers',
            () => [] as OfficerLink[],
            (acc, r) => {
              const to = ix(r.key);
              if (to === undefined) return 1;
              for (const link of [...r.links].sort(
                (x, y) => x.from.localeCompare(y.from) || x.type.localeCompare(y.type),
              )) {
                const from = ix(link.from);
                if (from !== undefined && from !== to) acc.push({ from, to, type: link.type });
              }
              return 1;
            },
          ),
        );
      }
      return lists.flat();
    };

    const cases = () =>
      stream(
        readCases,
        {},
        'cases',
        () => [] as CaseFact[],
        (acc, r) => {
          acc.push({
            key: r.key,
            caseNo: r.caseNo ?? r.key,
            title: r.title ?? '',
            type: r.type ?? '',
            openedAt: (r.openedAt ?? '').slice(0, 10),
            regions: r.regions,
            amount: r.amount ?? r.goodsValue ?? 0,
            brands: [...new Set(r.brands)],
            parties: distinctIndexes(r.parties, ix),
          });
          return 1;
        },
      );

    type SharedFold = { shared: SharedIdentifier[]; hubs: IdentifierHub[]; count: number };
    const share = (
      acc: SharedFold,
      kind: SharedLabel,
      key: string,
      label: string | null,
      holderKeys: string[],
      count: number,
    ) => {
      acc.count++;
      if (count > maxHolders) {
        acc.hubs.push({ kind, key, label: label ?? '', holders: count });
        return;
      }
      const holders = distinctIndexes(holderKeys, ix);
      if (holders.length >= 2) acc.shared.push({ kind, key, label: label ?? '', holders });
    };
    const locations = async () => {
      const folds: SharedFold[] = [];
      for (const kind of SHARED_LOCATION_LABELS) {
        folds.push(
          await stream(
            readShared[kind],
            { cap: maxHolders },
            'identifiers',
            (): SharedFold => ({ shared: [], hubs: [], count: 0 }),
            (acc, r) => (share(acc, kind, r.key, r.label, r.holders, r.count), 1),
          ),
        );
      }
      return folds;
    };

    // Accounts first (their holders, and the shared ones), then the payments joined through them.
    const money = async () => {
      const accounts = await stream(
        readAccountHolders,
        { page },
        'identifiers',
        () => ({ holders: new Map<string, number[]>(), fold: { shared: [], hubs: [], count: 0 } as SharedFold }),
        (acc, { rows }) => {
          for (const [key, holders, label] of rows) {
            acc.holders.set(key, distinctIndexes(holders, ix));
            if (holders.length >= 2) share(acc.fold, 'Account', key, label, holders, holders.length);
          }
          return rows.length;
        },
      );
      const partiesOf = (keys: readonly string[]): number[] => {
        if (keys.length === 1) return accounts.holders.get(keys[0] as string) ?? [];
        return [...new Set(keys.flatMap((k) => accounts.holders.get(k) ?? []))].sort((a, b) => a - b);
      };
      const payments = await stream(
        readPayments,
        { page },
        'payments',
        () => ({ flows: new Map<number, Flow>(), count: 0 }),
        (acc, { rows }) => {
          for (const [key, paying, receiving, at, amount] of rows) {
            acc.count++;
            const froms = partiesOf(paying);
            const tos = partiesOf(receiving);
            // An account with many holders before resolution is ambiguous: take at most two per side.
            for (let i = 0; i < Math.min(2, froms.length); i++)
              for (let j = 0; j < Math.min(2, tos.length); j++) {
                const from = froms[i] as number;
                const to = tos[j] as number;
                if (from !== to) fold(acc.flows, from, to, key, at, amount ?? 0);
              }
          }
          return rows.length;
        },
      );
      return { accounts: accounts.fold, payments };
    };

    // Two lanes of about equal work: shipments, officers and cases; accounts, payments and locations.
    const [[shipped, officerLinks, caseFacts], [paid, located]] = await Promise.all([
      lane(async () => [await goods(), await officers(), await cases()] as const),
      lane(async () => [await money(), await locations()] as const),
    ]);
    const sharedFolds = [...located, paid.accounts]; // SHARED_LABELS order: Address, Phone, Account
    read.shipments = shipped.count;
    read.payments = paid.payments.count;
    read.officers = officerLinks.length;
    read.identifiers = sharedFolds.reduce((n, f) => n + f.count, 0);
    read.cases = caseFacts.length;
    return {
      parties,
      index,
      goods: shipped.flows,
      money: paid.payments.flows,
      officers: officerLinks,
      shared: sharedFolds.flatMap((f) => f.shared),
      identifierHubs: sharedFolds.flatMap((f) => f.hubs),
      cases: caseFacts,
      read,
    };
  }
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
