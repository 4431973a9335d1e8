/**
 * Upstream trace (DESIGN.md §7): from a party, or a seized parcel, follow inbound parcels and
 * outbound payments backwards in time, a level at a time (one statement reads up to four while
 * they are small), to `depth` levels. Each upstream hop must be no later than the hop below it plus
 * a tolerance (exports disagree on clocks and dates). Every party reached keeps its best path — a path is as
 * strong as its weakest hop — and hops where parcels and payments between the same pair agree are
 * stronger. Candidate sources are ranked by path strength and by what marks a producer (no supplier
 * above it in the data, labels or packaging coming in, a production-like name), and every hop
 * carries its evidence records with their provenance and a plain statement where the evidence is
 * thin. Region scope applies to every party and record the trace reads. Payment platforms and
 * couriers (domain/infrastructure.ts) are never followed: money paid to 支付宝 is a top-up, not a
 * purchase, and following such a hub would spend a trace's time on thousands of unrelated payments.
 */
import { z } from 'zod';
import { expandScope, type Scope } from '../auth/scope.ts';
import type { Db, Tx } from '../db/db.ts';
import { MATERIAL_ITEMS, VAGUE_ITEMS } from '../detect/project.ts';
import { toHalfWidth } from '../domain/identifiers.ts';
import { PROVINCE_CODE } from '../domain/regions.ts';
import { INFRASTRUCTURE_PATTERN } from '../domain/infrastructure.ts';
import { maskDigitRuns, ShownText } from '../domain/pii.ts';
import { LABEL_NAMES, labelOfKey, TRACE_STARTS } from '../domain/model.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import { BeyondSchema, shopOperators, startPoint, upstreamLevel } from './queries.ts';

type StartRow = z.output<typeof startPoint.row>;
type LevelRow = z.output<typeof upstreamLevel.row>;

export const TraceQuerySchema = z.strictObject({
  depth: z.coerce.number().int().min(1).max(6).default(4),
  toleranceDays: z.coerce.number().int().min(0).max(365).default(7),
  /** Suppliers followed per party, most evidence first. */
  perNode: z.coerce.number().int().min(1).max(50).default(10),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});
export type TraceQuery = z.infer<typeof TraceQuerySchema>;

/** A party (company, person, shop): its name is free text. */
const Ref = z.object({ key: z.string(), label: z.string(), name: ShownText.nullable() });
const Src = z.array(z.string());
export const HopSchema = z.object({
  /** The upstream party (supplier or payee) … */
  from: Ref,
  /** … and the party below it, towards the start. */
  to: Ref,
  shipments: z
    .object({
      count: z.number().int(),
      pieces: z.number(),
      first: z.string().nullable(),
      last: z.string().nullable(),
      items: z.array(ShownText),
      records: z.array(
        z.object({
          key: z.string(),
          at: z.string().nullable(),
          item: ShownText.nullable(),
          pieces: z.number().nullable(),
          waybill: z.string().nullable(),
          src: Src,
        }),
      ),
    })
    .nullable(),
  payments: z
    .object({
      count: z.number().int(),
      amount: z.number(),
      first: z.string().nullable(),
      last: z.string().nullable(),
      records: z.array(
        z.object({
          key: z.string(),
          at: z.string().nullable(),
          amount: z.number().nullable(),
          memo: ShownText.nullable(),
          src: Src,
        }),
      ),
    })
    .nullable(),
  corroborated: z.boolean(),
  /** A link that is not a flow: a shop's operator, through whom the shop's goods arrive. */
  link: z.enum(['OPERATES']).nullable(),
  strength: z.number(),
  /** Why this hop's evidence is thin, in Chinese / English; null when it is not. */
  thin: z.string().nullable(),
});
export type Hop = z.infer<typeof HopSchema>;

export type Beyond = z.infer<typeof BeyondSchema>;

export const TraceResultSchema = z.object({
  start: z.object({
    kind: z.enum(['party', 'shipment']),
    key: z.string(),
    label: z.string(),
    /** A party's name, or a parcel's waybill number. */
    name: z.string().nullable(),
    at: z.string().nullable(),
    party: Ref.nullable(),
  }),
  params: z.object({ depth: z.number().int(), toleranceDays: z.number().int(), perNode: z.number().int() }),
  candidates: z.array(
    Ref.extend({
      depth: z.number().int(),
      score: z.number(),
      reasons: z.array(z.string()),
      /** Hops from the start upwards to this candidate. */
      path: z.array(HopSchema),
      thin: z.boolean(),
      /** Its trail goes on outside the scope (null: it does not, or its level was not read). */
      beyond: BeyondSchema.nullable(),
    }),
  ),
  /** The same for the start (and a shop's operators), whose trail may leave the scope at once. */
  beyond: BeyondSchema.nullable(),
  reached: z.number().int(),
  truncated: z.boolean(),
  statement: z.string().nullable(),
});
export type TraceResult = z.infer<typeof TraceResultSchema>;

const FAR_FUTURE = '9999-12-31T23:59:59';
/** Parties followed per level (the strongest paths first): a beam, so a trace stays bounded. */
const MAX_FRONTIER = 25;
/** Levels a level statement may read past its own, while each has at most MAX_FRONTIER entries. */
const LOOK_AHEAD = 3;
/** Records read per party and level; beyond it the party is a hub and the trace says so. */
const SCAN = 400;
/** Names of producers (not of traders: 酒业, 商贸 and 实业 name sellers as often as makers). */
const PRODUCER_NAME = /厂|制造|生产|加工|酿造|酿酒/;

interface Reached {
  ref: z.infer<typeof Ref>;
  depth: number;
  parent: string | null;
  hop: Hop | null;
  pathScore: number;
  /** Latest evidence time of the hop into this party from below (bounds the next level). */
  time: string;
  upstream: number;
  materialsIn: boolean;
}

function plusDays(iso: string, days: number): string {
  if (iso >= FAR_FUTURE) return FAR_FUTURE;
  const t = Date.parse(iso.length === 10 ? `${iso}T00:00:00Z` : `${iso.slice(0, 19)}Z`);
  if (Number.isNaN(t)) return FAR_FUTURE;
  return new Date(t + days * 86_400_000).toISOString().slice(0, 19);
}

const hasBeyond = (b: Beyond) => b.parcels + b.payments + b.unnamedParcels + b.unheldPayments > 0;

function sumBeyond(list: Beyond[]): Beyond | null {
  if (list.length === 0) return null;
  const cents = (a: number, b: number) => Math.round((a + b) * 100) / 100;
  return list.reduce((a, b) => ({
    parcels: a.parcels + b.parcels,
    senders: a.senders + b.senders,
    payments: a.payments + b.payments,
    amount: cents(a.amount, b.amount),
    payees: a.payees + b.payees,
    unnamedParcels: a.unnamedParcels + b.unnamedParcels,
    unheldPayments: a.unheldPayments + b.unheldPayments,
    unheldAmount: cents(a.unheldAmount, b.unheldAmount),
    unheldAccounts: a.unheldAccounts + b.unheldAccounts,
  }));
}

type Said = { zh: string; en: string };
const yuan = (amount: number) => `¥${Math.round(amount).toLocaleString('en-US')}`;

/**
 * What lies past a party's trail: `12 件包裹来自 3 个辖区外寄件方` (outside the scope: the other regions
 * are asked through a joint meeting), and `2 件包裹未记寄件方、4 笔付款（¥58,000）付给 1 个户主不明的账户`
 * (not named: `ask` says whom to ask, the courier, the bank); and in English.
 */
function describeBeyond(b: Beyond): { outside: Said | null; unnamed: (Said & { ask: Said }) | null } {
  const outside: Said[] = [];
  if (b.parcels > 0)
    outside.push({
      zh: `${b.parcels} 件包裹来自 ${b.senders} 个辖区外寄件方`,
      en: `${plural(b.parcels, 'parcel')} from ${plural(b.senders, 'sender')} outside it`,
    });
  if (b.payments > 0)
    outside.push({
      zh: `${b.payments} 笔付款（${yuan(b.amount)}）付给 ${b.payees} 个辖区外收款方`,
      en: `${plural(b.payments, 'payment')} (${yuan(b.amount)}) to ${plural(b.payees, 'payee')} outside it`,
    });
  const unnamed: Said[] = [];
  const ask: Said[] = [];
  if (b.unnamedParcels > 0) {
    unnamed.push({
      zh: `${b.unnamedParcels} 件包裹未记寄件方`,
      en: `${plural(b.unnamedParcels, 'parcel')} with no sender on record`,
    });
    ask.push({ zh: '向快递公司调取寄件人信息', en: 'ask the courier for the senders' });
  }
  if (b.unheldPayments > 0) {
    unnamed.push({
      zh: `${b.unheldPayments} 笔付款（${yuan(b.unheldAmount)}）付给 ${b.unheldAccounts} 个户主不明的账户`,
      en: `${plural(b.unheldPayments, 'payment')} (${yuan(b.unheldAmount)}) to ${plural(b.unheldAccounts, 'account')} whose holder is not on record`,
    });
    ask.push({ zh: '向银行或支付机构调取开户信息', en: 'ask the bank or payment platform for the account holders' });
  }
  const join = (parts: Said[], and = ', '): Said => ({
    zh: parts.map((x) => x.zh).join('、'),
    en: parts.map((x) => x.en).join(and),
  });
  return {
    outside: outside.length > 0 ? join(outside) : null,
    unnamed: unnamed.length > 0 ? { ...join(unnamed), ask: join(ask, ' and ') } : null,
  };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function hopStrength(h: Pick<Hop, 'shipments' | 'payments'>): number {
  const s = h.shipments ? 1 + Math.log2(1 + h.shipments.count) : 0;
  const p = h.payments ? 0.5 + 0.5 * Math.log2(1 + h.payments.count) : 0;
  const raw = (s + p) * (h.shipments && h.payments ? 1.5 : 1);
  return Math.round((1 - Math.exp(-raw / 2.5)) * 1000) / 1000;
}

function thinness(h: Pick<Hop, 'shipments' | 'payments'>): string | null {
  const { shipments: s, payments: p } = h;
  if (s && !p && s.count === 1) return '仅一件包裹，无付款佐证 / a single parcel, no payment to corroborate';
  if (!s && p) return '只有付款，没有运单 / payments only, no parcels';
  if (s && s.items.length > 0 && s.items.every((i) => VAGUE_ITEMS.test(i)))
    return '品名均为模糊申报（日用品、礼品等） / every parcel declared vaguely';
  return null;
}

/**
 * The trace's statements (a parcel's start point, a shop's operators, one for up to four levels) run one
 * after another under one time limit (Db.reads): a trace that runs past it stops as one transaction would.
 */
export async function traceUpstream(db: Db, scope: Scope, key: string, query: TraceQuery): Promise<TraceResult> {
  // Decided from the key's text alone (its prefix names its label), never from the data, so the
  // answer says nothing about whether such an entity exists or lies in scope.
  const label = labelOfKey(key);
  if (label && !TRACE_STARTS.includes(label))
    throw new ValidationError(
      `溯源从企业、人员、店铺或运单开始，不能从${LABEL_NAMES[label].zh}开始 / a trace starts at a company, person, shop or parcel, not at ${LABEL_NAMES[label].en.toLowerCase()} ${key}`,
      { details: { field: 'key', label } },
    );
  // A bare waybill number as ingest stores it: half-width, no spaces, upper case (`yt 1234…` finds YT1234…).
  const start = label ? key : toHalfWidth(key).replace(/\s+/g, '').toUpperCase();
  return db.reads('trace/upstream', (tx) => trace(tx, scope, start, query));
}

/**
 * Has Neo4j plan the trace's statements before a user needs them. The level statement is long
 * (about 28,000 characters), and planning it took 5 to 10 s on a 2-core machine, more under load:
 * once per start of Neo4j (or eviction from its plan cache), inside the first trace's time limit,
 * which it could run past. A trace from a key that names nothing plans the level statement (one plan
 * for every size of its lists) and the start point (for a province-wide scope; a smaller one plans
 * it again, in milliseconds), and reads nothing. Returns the time it took.
 */
export async function warmTracePlans(db: Db, timeoutMs = 120_000): Promise<number> {
  const started = performance.now();
  const query = TraceQuerySchema.parse({});
  await db
    .reads('trace/warm', (tx) => trace(tx, expandScope([PROVINCE_CODE]), 'pid:plan-warm-up', query), { timeoutMs })
    .catch((error: unknown) => {
      if (!(error instanceof NotFoundError)) throw error;
    });
  return performance.now() - started;
}

async function trace(tx: Tx, scope: Scope, key: string, query: TraceQuery): Promise<TraceResult> {
  const codes = [...scope.codes];
  // Level rows by party and time bound. A level statement also returns the next levels (up to
  // LOOK_AHEAD) of the parties it reaches while they are few (upstream-level.cypher's look-ahead),
  // so a level whose parties and bounds were all read ahead costs no statement; a party read ahead
  // under another bound than the one this trace gives it is read again.
  const rows = new Map<string, LevelRow>();
  const entry = (k: string, before: string) => `${k}\u0000${before}`;
  const levelOf = async (frontier: { key: string; before: string }[], depth: number, known: Iterable<string>) => {
    const missing = frontier.filter((f) => !rows.has(entry(f.key, f.before)));
    if (missing.length > 0) {
      const read = await tx.run(upstreamLevel, {
        lists: { frontier: missing, scope: codes, known: [...known] },
        perNode: query.perNode,
        scan: SCAN,
        infrastructure: INFRASTRUCTURE_PATTERN,
        toleranceDays: query.toleranceDays,
        ahead: MAX_FRONTIER,
        levels: Math.min(LOOK_AHEAD, query.depth - depth),
      });
      for (const row of read) rows.set(entry(row.key, row.before), row);
    }
    return frontier.flatMap((f) => rows.get(entry(f.key, f.before)) ?? []);
  };
  // A trace from a party starts at that party with no time bound, so its first level is the first
  // statement, and its row names the party: no start point is read. A key that gives no row (a
  // parcel `wb:…`, a bare waybill number, a party outside the scope, or nothing) goes to the start
  // point, which finds the parcel and its sender. A party outside the scope thus costs the same two
  // statements, each reading no further than the key, as a key that names nothing: neither the
  // answer nor its time says which it was.
  let start: StartRow | undefined;
  if (!key.startsWith('wb:') && key.includes(':')) {
    const [own] = await levelOf([{ key, before: FAR_FUTURE }], 1, [key]);
    if (own) {
      start = {
        kind: 'party',
        key,
        label: own.label,
        name: own.name,
        at: null,
        party: null,
        partyLabel: null,
        partyName: null,
      };
    }
  }
  start ??= (await tx.run(startPoint, { key, scope: codes }))[0];
  if (!start) throw new NotFoundError(`nothing to trace from ${key}`);
  const rootKey = start.kind === 'party' ? start.key : start.party;
  const result: TraceResult = {
    start: {
      kind: start.kind,
      key: start.key,
      label: start.label,
      name: start.kind === 'party' && start.name ? maskDigitRuns(start.name) : start.name,
      at: start.at,
      party: start.party ? { key: start.party, label: start.partyLabel ?? 'Party', name: start.partyName } : null,
    },
    params: { depth: query.depth, toleranceDays: query.toleranceDays, perNode: query.perNode },
    candidates: [],
    reached: 0,
    truncated: false,
    statement: null,
    beyond: null,
  };
  if (!rootKey) {
    result.statement = '这件包裹没有可见的寄件人 / this parcel has no sender in your scope';
    return result;
  }
  const reached = new Map<string, Reached>();
  const beyondOf = new Map<string, Beyond>();
  reached.set(rootKey, {
    ref:
      start.kind === 'party'
        ? { key: start.key, label: start.label, name: start.name }
        : { key: rootKey, label: start.partyLabel ?? 'Party', name: start.partyName },
    depth: 0,
    parent: null,
    hop: null,
    pathScore: 1,
    time: start.at ?? FAR_FUTURE,
    upstream: 0,
    materialsIn: false,
  });
  let frontier = [rootKey];
  // A platform shop receives no parcels itself: its operators do, so they join the start.
  const root = reached.get(rootKey) as Reached;
  if (root.ref.label === 'Shop') {
    for (const o of await tx.run(shopOperators, { key: rootKey, scope: codes })) {
      if (reached.has(o.key)) continue;
      const ref = { key: o.key, label: o.label, name: o.name };
      const hop: Hop = {
        from: ref,
        to: root.ref,
        shipments: null,
        payments: null,
        corroborated: false,
        link: 'OPERATES',
        strength: 1,
        thin: null,
      };
      reached.set(o.key, {
        ref,
        depth: 0,
        parent: rootKey,
        hop,
        pathScore: 1,
        time: root.time,
        upstream: 0,
        materialsIn: false,
      });
      frontier.push(o.key);
    }
  }
  for (let depth = 1; depth <= query.depth && frontier.length > 0; depth++) {
    const bounds = frontier.map((k) => ({
      key: k,
      before: plusDays((reached.get(k) as Reached).time, query.toleranceDays),
    }));
    // Rows read already (the start's, or read ahead) are used; the rest is one statement.
    const level = await levelOf(bounds, depth, reached.keys());
    for (const row of level) if (hasBeyond(row.beyond)) beyondOf.set(row.key, row.beyond);
    const hops = new Map<string, Pick<Hop, 'shipments' | 'payments'> & { from: z.infer<typeof Ref>; to: string }>();
    // Every party's goods first, then every party's money: a pair seen both ways is one hop.
    for (const { key: to, goods } of level)
      for (const s of goods) {
        hops.set(`${to}\u0000${s.from}`, {
          from: { key: s.from, label: s.label, name: s.name },
          to,
          shipments: {
            count: s.count,
            pieces: s.pieces,
            first: s.first,
            last: s.last,
            items: s.items,
            records: s.samples,
          },
          payments: null,
        });
      }
    for (const { key: payer, money } of level)
      for (const p of money) {
        const id = `${payer}\u0000${p.payee}`;
        const payments = { count: p.count, amount: p.amount, first: p.first, last: p.last, records: p.samples };
        const hop = hops.get(id);
        if (hop) hop.payments = payments;
        else
          hops.set(id, { from: { key: p.payee, label: p.label, name: p.name }, to: payer, shipments: null, payments });
      }
    const next = new Map<string, Reached>();
    for (const h of hops.values()) {
      const below = reached.get(h.to) as Reached;
      below.upstream++;
      if (h.shipments?.items.some((i) => MATERIAL_ITEMS.test(i))) below.materialsIn = true;
      if (reached.has(h.from.key)) continue; // reached at a lower level already: no cycles, shortest first
      const strength = hopStrength(h);
      const hop: Hop = {
        from: h.from,
        to: below.ref,
        shipments: h.shipments,
        payments: h.payments,
        corroborated: Boolean(h.shipments && h.payments),
        link: null,
        strength,
        thin: thinness(h),
      };
      const pathScore = Math.min(below.pathScore, strength);
      const current = next.get(h.from.key);
      if (current && current.pathScore >= pathScore) continue;
      const time =
        [h.shipments?.last, h.payments?.last]
          .filter((t): t is string => Boolean(t))
          .sort()
          .at(-1) ?? below.time;
      next.set(h.from.key, { ref: h.from, depth, parent: h.to, hop, pathScore, time, upstream: 0, materialsIn: false });
    }
    const ordered = [...next.values()].sort((a, b) => b.pathScore - a.pathScore || a.ref.key.localeCompare(b.ref.key));
    if (ordered.length > MAX_FRONTIER) result.truncated = true;
    for (const r of ordered) reached.set(r.ref.key, r);
    frontier = ordered.slice(0, MAX_FRONTIER).map((r) => r.ref.key);
  }
  result.reached = [...reached.values()].filter((r) => r.depth > 0).length;

  const candidates = [...reached.values()]
    .filter((r) => r.depth > 0)
    .map((r) => {
      const reasons: string[] = [];
      let bonus = 0;
      const beyond = beyondOf.get(r.ref.key) ?? null;
      if (beyond) {
        // Not a source for all the data says: its suppliers or payees lie where the reader may not
        // look, or are not named.
        const { outside, unnamed } = describeBeyond(beyond);
        if (outside)
          reasons.push(`上游记录通向您的辖区之外：${outside.zh} / its trail goes on outside your scope: ${outside.en}`);
        if (unnamed)
          reasons.push(
            `上游记录的对方未被识别：${unnamed.zh} / its trail goes on to parties not on record: ${unnamed.en}`,
          );
      } else if (r.upstream === 0 && r.depth < query.depth) {
        bonus += 0.4;
        reasons.push('上游再无供货方 / no supplier above it in the data');
      }
      if (r.materialsIn) {
        bonus += 0.5;
        reasons.push('收到标签、包装等材料 / receives labels or packaging');
      }
      if (
        r.hop?.shipments &&
        r.hop.shipments.items.length > 0 &&
        r.hop.shipments.items.every((i) => MATERIAL_ITEMS.test(i))
      ) {
        bonus -= 0.5;
        reasons.push('只供应标签、包装等材料，不是成品来源 / supplies labels or packaging, not the goods');
      }
      if (r.ref.label === 'Company' && PRODUCER_NAME.test(r.ref.name ?? '')) {
        bonus += 0.2;
        reasons.push('名称显示生产加工 / a production-like name');
      }
      bonus += 0.1 * r.depth;
      const path: Hop[] = [];
      for (let at: Reached | undefined = r; at?.hop; at = at.parent ? reached.get(at.parent) : undefined)
        path.unshift(at.hop);
      const weakest = Math.min(...path.map((h) => h.strength));
      const thin = path.some((h) => h.thin !== null) || weakest < 0.5;
      if (thin) reasons.push('路径上有证据薄弱的环节 / a hop on the path has thin evidence');
      return {
        ...r.ref,
        depth: r.depth,
        score: Math.round(r.pathScore * (1 + bonus) * 1000) / 1000,
        reasons,
        path,
        thin,
        beyond,
      };
    })
    .sort((a, b) => b.score - a.score || a.key.localeCompare(b.key));
  result.candidates = candidates.slice(0, query.limit);
  result.beyond = sumBeyond(
    [...reached.values()].filter((r) => r.depth === 0).flatMap((r) => beyondOf.get(r.ref.key) ?? []),
  );
  const { outside, unnamed } = result.beyond ? describeBeyond(result.beyond) : { outside: null, unnamed: null };
  const said: string[] = [];
  if (candidates.length === 0) {
    if (!outside && !unnamed)
      said.push(
        '在您的辖区内、时间容差内没有找到上游供货或付款记录 / no inbound parcels or outbound payments within your scope and the time tolerance',
      );
    if (outside)
      said.push(
        `在您的辖区内没有找到上游，但${outside.zh}，可经联席会议向对方地区调取 / nothing upstream within your scope, but ${outside.en}: ask those regions through a joint meeting`,
      );
    if (unnamed)
      said.push(
        `${outside ? '另有' : '没有找到已识别的上游，但'}${unnamed.zh}，可${unnamed.ask.zh} / ${outside ? 'also' : 'no upstream party on record, but'} ${unnamed.en}: ${unnamed.ask.en}`,
      );
  } else {
    if ((result.candidates[0] as { thin: boolean }).thin)
      said.push(
        '最可能的来源证据薄弱，需要补充调查 / the most likely source rests on thin evidence: corroborate before acting',
      );
    if (outside)
      said.push(
        `起点的上游还通向您的辖区之外：${outside.zh} / the start's trail also goes on outside your scope: ${outside.en}`,
      );
    if (unnamed)
      said.push(
        `起点还有未识别的上游：${unnamed.zh}，可${unnamed.ask.zh} / the start's trail also goes on to parties not on record: ${unnamed.en}: ${unnamed.ask.en}`,
      );
  }
  result.statement = said.length > 0 ? said.join('；') : null;
  // Checked against TraceResultSchema once, where it leaves the server (the route's response schema).
  return result;
}
