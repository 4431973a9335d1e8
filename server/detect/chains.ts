/**
 * From communities to chains (DESIGN.md §6.4). Within each community: set aside consumers, orient
 * the goods and money flows, give every member a stage from flow direction and evidence (business
 * scope, what the parcels hold, officer links), order the stages, rank the candidate manufacturers,
 * and score the chain with a breakdown a person can read and check. A community that shows no
 * chain scores low and says why.
 */
import { buyersOf } from './graph.ts';
import { findNamesakes, foldNamesakes, type Namesake } from './namesakes.ts';
import type { Partition } from './louvain.ts';
import type { DetectParams } from './params.ts';
import { pairKey, type CaseFact, type Flow, type Party, type Projection } from './project.ts';

export { CHAIN_ORDER, STAGE_NAMES, STAGES, type Stage } from '../domain/stages.ts';
import { CHAIN_ORDER, STAGE_NAMES, type Stage } from '../domain/stages.ts';

// 印刷/包装材料, not 预包装食品 (pre-packaged food, in many traders' scope).
const MATERIALS_SCOPE = /印刷|彩印|印务|包装材料|包装装潢|标签/;
const STORAGE_SCOPE = /仓储|仓库|物流|货运|配送/;
const COUNTERFEIT_CASE = /假冒|商标|伪劣|冒用|仿冒|侵权|山寨|以假充真|不合格/;
const PRODUCTION_CASE = /生产|制造|加工|窝点|灌装/;

export interface ChainMember {
  party: number;
  stage: Stage;
  role: string;
  /** A namesake taken to be this member's ID-numbered party (./namesakes.ts): the stage and role are that party's. */
  sameAs?: number;
}

export interface Candidate {
  party: number;
  score: number;
  reasons: string[];
}

export interface Factor {
  factor: 'structure' | 'cases' | 'spread' | 'sharedIds' | 'brand' | 'disguise' | 'timeOrder';
  weight: number;
  /** 0–1 before weighting. */
  value: number;
  detail: string;
}

export type EvidenceKind = 'goods' | 'money' | 'case' | 'shared' | 'officer' | 'namesake';

export interface Evidence {
  kind: EvidenceKind;
  from?: number;
  to?: number;
  parties?: number[];
  count: number;
  volume?: number;
  first?: string;
  last?: string;
  /** Keys of the records behind it (shipments, payments, cases, identifiers): each leads to its batch and row. */
  records: string[];
  note: string;
}

export interface Chain {
  /** Dense community number of the partition. */
  community: number;
  members: ChainMember[];
  consumers: number;
  /** Members of the community outside its chain (tied only loosely). */
  peripheral: number;
  stages: Stage[];
  manufacturers: Candidate[];
  score: number;
  flagged: boolean;
  breakdown: Factor[];
  /** Plain statements of what is missing, for low scores. */
  gaps: string[];
  regions: string[];
  cases: string[];
  brands: string[];
  firstSeen: string;
  lastSeen: string;
  evidence: Evidence[];
}

const FACTOR_WEIGHTS: Readonly<Record<Factor['factor'], number>> = {
  structure: 0.25,
  cases: 0.25,
  sharedIds: 0.15,
  brand: 0.1,
  disguise: 0.15,
  spread: 0.05,
  timeOrder: 0.05,
};
const MAX_EVIDENCE = 300;

interface OfficerLink {
  other: number;
  type: string;
  outgoing: boolean;
}

interface Adjacency {
  goodsOut: Flow[][];
  goodsIn: Flow[][];
  moneyOut: Flow[][];
  moneyIn: Flow[][];
  officersOf: OfficerLink[][];
  casesOf: CaseFact[][];
  /** Parties sharing a phone or an account with this one. */
  sharedOf: number[][];
}

function adjacency(p: Projection): Adjacency {
  const n = p.parties.length;
  const lists = <T>(): T[][] => Array.from({ length: n }, () => []);
  const a: Adjacency = {
    goodsOut: lists(),
    goodsIn: lists(),
    moneyOut: lists(),
    moneyIn: lists(),
    officersOf: lists(),
    casesOf: lists(),
    sharedOf: lists(),
  };
  for (const id of p.shared) {
    if (id.kind === 'Address') continue;
    for (const i of id.holders) for (const j of id.holders) if (i !== j) (a.sharedOf[i] as number[]).push(j);
  }
  for (const f of p.goods.values()) {
    (a.goodsOut[f.from] as Flow[]).push(f);
    (a.goodsIn[f.to] as Flow[]).push(f);
  }
  for (const f of p.money.values()) {
    (a.moneyOut[f.from] as Flow[]).push(f);
    (a.moneyIn[f.to] as Flow[]).push(f);
  }
  for (const l of p.officers) {
    (a.officersOf[l.from] as OfficerLink[]).push({ other: l.to, type: l.type, outgoing: true });
    (a.officersOf[l.to] as OfficerLink[]).push({ other: l.from, type: l.type, outgoing: false });
  }
  for (const c of p.cases) for (const i of c.parties) (a.casesOf[i] as CaseFact[]).push(c);
  return a;
}

/**
 * The part of a community that hangs together by flows, office and shared phones or accounts: the
 * connected piece with the most parcels and payments. Louvain also files loosely tied parties
 * (a shared building, one purchase) somewhere; they stay in the community but not in its chain.
 */
function mainComponent(p: Projection, a: Adjacency, members: number[]): number[] {
  // One payment between two parties is everyday life; repeated payments, or payment for goods, tie them.
  const tie = (f: Flow) => f.count >= 2 || p.goods.has(pairKey(f.to, f.from)) || p.goods.has(pairKey(f.from, f.to));
  const inSet = new Set(members);
  const seen = new Set<number>();
  let best: { parts: number[]; weight: number } = { parts: [], weight: -1 };
  for (const start of members) {
    if (seen.has(start)) continue;
    const parts: number[] = [];
    let weight = 0;
    const stack = [start];
    seen.add(start);
    while (stack.length) {
      const i = stack.pop() as number;
      parts.push(i);
      const next: number[] = [];
      for (const f of a.goodsOut[i] as Flow[])
        if (inSet.has(f.to)) {
          next.push(f.to);
          weight += f.count;
        }
      for (const f of a.goodsIn[i] as Flow[]) if (inSet.has(f.from)) next.push(f.from);
      for (const f of a.moneyOut[i] as Flow[])
        if (inSet.has(f.to) && tie(f)) {
          next.push(f.to);
          weight += f.count;
        }
      for (const f of a.moneyIn[i] as Flow[]) if (inSet.has(f.from) && tie(f)) next.push(f.from);
      for (const o of a.officersOf[i] as OfficerLink[]) if (inSet.has(o.other)) next.push(o.other);
      for (const j of a.sharedOf[i] as number[]) if (inSet.has(j)) next.push(j);
      for (const j of next)
        if (!seen.has(j)) {
          seen.add(j);
          stack.push(j);
        }
    }
    if (weight > best.weight || (weight === best.weight && parts.length > best.parts.length)) best = { parts, weight };
  }
  return best.parts.sort((x, y) => x - y);
}

export function buildChains(source: Projection, partition: Partition, params: DetectParams): Chain[] {
  const namesakes = findNamesakes(source, partition);
  const p = foldNamesakes(source, namesakes);
  const namesakesOf = new Map<number, Namesake[]>();
  for (const n of namesakes) namesakesOf.set(n.strong, [...(namesakesOf.get(n.strong) ?? []), n]);
  const folded = new Set(namesakes.map((n) => n.weak));
  const a = adjacency(p);
  const buyer = buyersOf(p);
  const groups = new Map<number, number[]>();
  // Parties in index order, so every community lists its members in the same order on every run.
  const ordered = [...partition.membership.entries()].sort((x, y) => x[0] - y[0]);
  for (const [party, community] of ordered) {
    if (folded.has(party)) continue;
    let g = groups.get(community);
    if (!g) groups.set(community, (g = []));
    g.push(party);
  }
  const chains: Chain[] = [];
  for (const [community, members] of groups) {
    const others = members.filter((i) => buyer[i] !== 1);
    if (others.length < params.minSize) continue;
    const core = mainComponent(p, a, others);
    if (core.length < params.minSize) continue;
    const chain = chainOf(p, a, community, core, members.length - others.length, others.length - core.length, params);
    chains.push(withNamesakes(chain, namesakesOf));
  }
  chains.sort((x, y) => y.score - x.score || y.members.length - x.members.length || x.community - y.community);
  return chains;
}

/** Namesakes join the chain beside the member they are taken to be, with the evidence of why. */
function withNamesakes(chain: Chain, namesakesOf: Map<number, Namesake[]>): Chain {
  const extra: ChainMember[] = [];
  const evidence: Evidence[] = [];
  for (const m of chain.members)
    for (const n of namesakesOf.get(m.party) ?? []) {
      extra.push({ party: n.weak, stage: m.stage, role: m.role, sameAs: m.party });
      evidence.push({
        kind: 'namesake',
        parties: [m.party, n.weak],
        count: 1,
        records: [],
        note: `同名推定为同一人：${n.name}（身份证号）与 ${n.name}（仅姓名+电话/账户），同一网络内无其他同名者 / presumed the same person: same name, one known by ID number, the other only by name and phone or account, no other ID-numbered namesake in the network`,
      });
    }
  if (extra.length === 0) return chain;
  return {
    ...chain,
    members: [...chain.members, ...extra].sort((x, y) => x.party - y.party),
    evidence: [...evidence, ...chain.evidence].slice(0, MAX_EVIDENCE),
  };
}

function chainOf(
  p: Projection,
  a: Adjacency,
  community: number,
  core: number[],
  consumers: number,
  peripheral: number,
  params: DetectParams,
): Chain {
  const inCore = new Set(core);
  const stage = new Map<number, Stage>();
  const role = new Map<number, string>();
  const goodsOutCore = (i: number) => (a.goodsOut[i] as Flow[]).filter((f) => inCore.has(f.to));
  const goodsInCore = (i: number) => (a.goodsIn[i] as Flow[]).filter((f) => inCore.has(f.from));
  const sum = (flows: Flow[], pick: (f: Flow) => number) => flows.reduce((s, f) => s + pick(f), 0);

  // 1. Materials: printers and packaging firms, or parties whose parcels to members are labels and packaging.
  for (const i of core) {
    const out = goodsOutCore(i);
    const party = p.parties[i] as Party;
    const byScope = party.label === 'Company' && MATERIALS_SCOPE.test(party.scope) && out.length > 0;
    const byItems = out.length > 0 && sum(out, (f) => f.materials) * 2 >= sum(out, (f) => f.count);
    if (byScope || byItems) set(i, 'materials', 'label-supplier');
  }
  // 2. Retail: shops, and parties whose parcels go mostly to consumers or to nobody in the network.
  for (const i of core) {
    if (stage.has(i)) continue;
    const out = a.goodsOut[i] as Flow[];
    const toOutside = sum(
      out.filter((f) => !inCore.has(f.to)),
      (f) => f.count,
    );
    const total = sum(out, (f) => f.count);
    const buyers = (a.moneyIn[i] as Flow[]).filter((f) => !inCore.has(f.from)).length;
    if ((p.parties[i] as Party).label === 'Shop') set(i, 'retail', 'online-shop');
    else if (total >= 3 && toOutside * 2 >= total && goodsInCore(i).length > 0) set(i, 'retail', 'seller');
    else if (total === 0 && goodsInCore(i).length > 0) set(i, 'retail', 'seller');
    else if (goodsOutCore(i).length === 0 && buyers >= 3 && goodsInCore(i).length > 0) set(i, 'retail', 'seller');
  }
  // 3. Production: sends goods into the network, receives none from it but materials, and sits at the
  // top of the longest chain. A source that feeds a shorter chain (a front company shipping stock from
  // the warehouse in its own name) is a distributor.
  const internal = core.flatMap((i) => goodsOutCore(i).filter((f) => stage.get(f.from) !== 'materials'));
  const below = depthsBelow(internal);
  const sources = core.filter(
    (i) =>
      !stage.has(i) && goodsOutCore(i).length > 0 && goodsInCore(i).every((f) => stage.get(f.from) === 'materials'),
  );
  const topDepth = Math.max(0, ...sources.map((i) => below.get(i) ?? 0));
  for (const i of sources)
    if ((below.get(i) ?? 0) >= Math.min(3, topDepth)) set(i, 'production', 'manufacturer');
    else set(i, 'wholesale', 'distributor');
  // 4. Storage: warehouses by scope, or the first hop below production. 5. Wholesale: the rest that moves goods.
  for (const i of core) {
    if (stage.has(i)) continue;
    const out = goodsOutCore(i);
    const inbound = goodsInCore(i);
    if (out.length === 0 && inbound.length === 0) continue;
    const party = p.parties[i] as Party;
    const fromProduction = inbound.some((f) => stage.get(f.from) === 'production');
    if ((party.label === 'Company' && STORAGE_SCOPE.test(party.scope)) || fromProduction)
      set(i, 'storage', 'warehouse');
    else set(i, 'wholesale', 'wholesaler');
  }
  // 6. People and firms without parcels: officers take the stage of their firm or shop; money-only parties.
  const officerCount = new Map<number, number>();
  for (const i of core) {
    if (stage.has(i)) continue;
    const offices = (a.officersOf[i] as OfficerLink[]).filter(
      (o) => o.outgoing && inCore.has(o.other) && stage.has(o.other),
    );
    officerCount.set(i, offices.length);
    if (offices.length > 0) {
      const o = offices[0] as (typeof offices)[number];
      const st = stage.get(o.other) as Stage;
      const r = o.type === 'OPERATES' ? 'operator' : offices.length >= 2 ? 'nominee-legal-rep' : 'legal-rep';
      set(i, st, r);
    }
  }
  for (const i of core) {
    if (stage.has(i)) continue;
    const payers = (a.moneyIn[i] as Flow[]).filter((f) => inCore.has(f.from)).length;
    const party = p.parties[i] as Party;
    if (payers >= 1)
      set(i, 'finance', party.label === 'Person' ? (payers >= 3 ? 'collector' : 'payee') : 'front-company');
    else set(i, 'other', 'associate');
  }
  // Companies whose legal representative sits in two or more member firms: nominee pattern.
  const repOf = new Map<number, number[]>();
  for (const i of core)
    for (const o of a.officersOf[i] as OfficerLink[])
      if (o.outgoing && o.type === 'LEGAL_REP_OF' && inCore.has(o.other))
        repOf.set(i, [...(repOf.get(i) ?? []), o.other]);
  const nominees = [...repOf.entries()].filter(([, firms]) => firms.length >= 2);
  for (const [i] of nominees) role.set(i, 'nominee-legal-rep');

  const members: ChainMember[] = core.map((i) => ({
    party: i,
    stage: stage.get(i) as Stage,
    role: role.get(i) as string,
  }));
  const present = new Set(members.map((m) => m.stage));
  const stages = [
    ...CHAIN_ORDER.filter((s) => present.has(s)),
    ...(['finance', 'other'] as const).filter((s) => present.has(s)),
  ];

  const manufacturers = rankManufacturers(
    p,
    a,
    core,
    inCore,
    stage,
    core.flatMap((i) => goodsOutCore(i)),
  );

  // The chain's spine: the top manufacturer, everything its goods reach, its suppliers, and the
  // officers, operators and payees of those. Evidence is weighed on the spine only, so a large
  // community does not collect unrelated cases and identifiers from its loosely tied members.
  const spine = spineOf(a, core, inCore, manufacturers[0]?.party, stage);
  const onSpine = (i: number) => spine.has(i);

  const goods = core.flatMap((i) => (onSpine(i) ? goodsOutCore(i).filter((f) => onSpine(f.to)) : []));
  const money = core.flatMap((i) => (a.moneyOut[i] as Flow[]).filter((f) => inCore.has(f.to)));
  const caseSet = new Map<string, CaseFact>();
  for (const i of spine) for (const c of a.casesOf[i] as CaseFact[]) caseSet.set(c.key, c);
  const cases = [...caseSet.values()].sort(
    (x, y) => x.openedAt.localeCompare(y.openedAt) || x.key.localeCompare(y.key),
  );
  const shared = p.shared.filter((s) => s.holders.filter((h) => onSpine(h)).length >= 2);
  const regions = [...new Set([...spine].flatMap((i) => (p.parties[i] as Party).regions))].sort();
  const brands = [...new Set(cases.flatMap((c) => c.brands))].sort();

  // Score.
  const breakdown: Factor[] = [];
  const gaps: string[] = [];
  const factor = (f: Factor['factor'], value: number, detail: string) =>
    breakdown.push({ factor: f, weight: FACTOR_WEIGHTS[f], value: round(Math.max(0, Math.min(1, value))), detail });

  const goodsStages = CHAIN_ORDER.filter((s) => s !== 'materials' && present.has(s));
  const depth = longestPath(goods);
  const sellers = members.filter((m) => m.stage === 'retail' && m.role !== 'operator' && m.role !== 'legal-rep').length;
  // A chain has depth: production → distribution → sale is three parties in a row at least.
  const structure = Math.min(1, Math.max(0, depth - 1) / 2) * (present.has('production') ? 1 : 0.6);
  factor(
    'structure',
    structure,
    `${goodsStages.map((s) => STAGE_NAMES[s].zh).join(' → ') || '无货物流向'}；最长货物链 ${depth} 跳，${sellers} 个销售端 / longest goods path ${depth} hops, ${sellers} sellers`,
  );
  if (!present.has('production')) gaps.push('未发现生产环节 / no production stage found');
  if (!present.has('retail')) gaps.push('未发现零售环节 / no retail stage found');
  if (depth < 2) gaps.push('货物流向不足两跳 / goods move less than two hops');

  const counterfeitCases = cases.filter((c) => COUNTERFEIT_CASE.test(`${c.type} ${c.title}`));
  const accused = new Set(counterfeitCases.flatMap((c) => c.parties.filter((i) => onSpine(i))));
  factor(
    'cases',
    Math.min(1, accused.size / 2) * 0.7 + Math.min(1, cases.length / 3) * 0.3,
    `${cases.length} 起案件，其中 ${counterfeitCases.length} 起涉假冒/侵权，涉及 ${accused.size} 个成员 / ${cases.length} cases, ${counterfeitCases.length} counterfeit or infringement, against ${accused.size} members`,
  );
  if (cases.length === 0) gaps.push('成员无涉案记录 / no member appears in a case');

  factor('spread', (regions.length - 1) / 3, `跨 ${regions.length} 个区域 / spans ${regions.length} regions`);
  if (regions.length <= 1) gaps.push('仅涉及一个区域 / a single region');

  const collectors = members.filter((m) => m.role === 'collector' && onSpine(m.party)).length;
  const sharedIds = shared.filter((x) => x.kind !== 'Address');
  const spineNominees = nominees.filter(([i]) => onSpine(i));
  // Each concealment pattern counts a third: related firms sharing a phone is common in lawful trade
  // too, and one pattern alone does not make a network.
  const sharedScore =
    ((spineNominees.length > 0 ? 1 : 0) + (sharedIds.length > 0 ? 1 : 0) + (collectors > 0 ? 1 : 0)) / 3;
  factor(
    'sharedIds',
    sharedScore,
    `代持法人 ${spineNominees.length}，共用电话/账户 ${sharedIds.length}，代收款人 ${collectors} / nominee reps ${spineNominees.length}, shared phones or accounts ${sharedIds.length}, collectors ${collectors}`,
  );
  if (sharedScore === 0) gaps.push('无代持、共用电话/账户或代收款 / no nominee, shared phone or account, or collector');

  factor(
    'brand',
    brands.length > 0 ? 1 : 0,
    brands.length > 0 ? `涉案品牌 / brands: ${brands.join('、')}` : '无品牌证据 / no brand evidence',
  );

  const shipped = sum(goods, (f) => f.count);
  const vague = sum(goods, (f) => f.vague);
  const vagueShare = shipped > 0 ? vague / shipped : 0;
  factor(
    'disguise',
    (vagueShare / 0.15) * Math.min(1, shipped / 10),
    `${vague}/${shipped} 件内部运单品名模糊（日用品、礼品等） / internal parcels declared vaguely`,
  );

  const order = timeOrder(goods, stage);
  factor(
    'timeOrder',
    order.pairs === 0 ? 0 : order.inOrder / order.pairs,
    `${order.inOrder}/${order.pairs} 个相邻环节按时间先后开始 / stage pairs starting in chain order`,
  );

  const isChain = depth >= 2 && (present.has('production') || goodsStages.length >= 3);
  const sumScore = breakdown.reduce((s, f) => s + f.weight * f.value, 0);
  // Without a production-to-sale path the evidence counts half: such a community never ranks above real chains.
  const score = round(isChain ? sumScore : sumScore / 2);
  if (!isChain) gaps.push('没有从生产到销售的链条，得分减半 / no production-to-sale chain: score halved');
  const flagged = score >= params.threshold && isChain;

  const evidence = buildEvidence(goods, money, cases, shared, core, inCore, a);
  const dates = [...goods, ...money]
    .flatMap((f) => [f.first, f.last])
    .filter(Boolean)
    .sort();
  return {
    community,
    members,
    consumers,
    peripheral,
    stages,
    manufacturers,
    score,
    flagged,
    breakdown,
    gaps,
    regions,
    cases: cases.map((c) => c.key),
    brands,
    firstSeen: (dates[0] ?? '').slice(0, 10),
    lastSeen: (dates[dates.length - 1] ?? '').slice(0, 10),
    evidence,
  };

  function set(i: number, s: Stage, r: string) {
    stage.set(i, s);
    role.set(i, r);
  }
}

function spineOf(
  a: Adjacency,
  core: number[],
  inCore: Set<number>,
  top: number | undefined,
  stage: Map<number, Stage>,
): Set<number> {
  if (top === undefined) return new Set(core);
  const spine = new Set([top]);
  const queue = [top];
  while (queue.length > 0) {
    const i = queue.shift() as number;
    for (const f of a.goodsOut[i] as Flow[])
      if (inCore.has(f.to) && !spine.has(f.to)) {
        spine.add(f.to);
        queue.push(f.to);
      }
  }
  for (const f of a.goodsIn[top] as Flow[])
    if (inCore.has(f.from) && stage.get(f.from) === 'materials') spine.add(f.from);
  for (const i of [...spine])
    for (const o of a.officersOf[i] as OfficerLink[]) if (inCore.has(o.other)) spine.add(o.other);
  for (const i of [...spine])
    for (const f of a.moneyOut[i] as Flow[]) if (inCore.has(f.to) && stage.get(f.to) === 'finance') spine.add(f.to);
  for (const i of [...spine])
    for (const o of a.officersOf[i] as OfficerLink[]) if (inCore.has(o.other)) spine.add(o.other);
  return spine;
}

function rankManufacturers(
  p: Projection,
  a: Adjacency,
  core: number[],
  inCore: Set<number>,
  stage: Map<number, Stage>,
  goods: Flow[],
): Candidate[] {
  let candidates = core.filter((i) => stage.get(i) === 'production');
  if (candidates.length === 0)
    candidates = core.filter(
      (i) =>
        (a.goodsOut[i] as Flow[]).some((f) => inCore.has(f.to)) &&
        stage.get(i) !== 'materials' &&
        stage.get(i) !== 'retail',
    );
  if (candidates.length === 0) return [];
  const out = new Map<number, Flow[]>();
  for (const f of goods) out.set(f.from, [...(out.get(f.from) ?? []), f]);
  const reach = (start: number): number => {
    const seen = new Set([start]);
    const queue = [start];
    while (queue.length) {
      const i = queue.shift() as number;
      for (const f of out.get(i) ?? [])
        if (!seen.has(f.to)) {
          seen.add(f.to);
          queue.push(f.to);
        }
    }
    return seen.size - 1;
  };
  const active = new Set(goods.flatMap((f) => [f.from, f.to])).size || 1;
  const volume = new Map(candidates.map((i) => [i, (out.get(i) ?? []).reduce((s, f) => s + f.volume, 0)]));
  const maxVolume = Math.max(1, ...volume.values());
  const firstOut = new Map(
    candidates.map((i) => [
      i,
      (out.get(i) ?? [])
        .map((f) => f.first)
        .filter(Boolean)
        .sort()[0] ?? '9999',
    ]),
  );
  const earliest = [...firstOut.values()].sort()[0];
  const ranked = candidates.map((i) => {
    const reasons: string[] = [];
    const r = reach(i);
    let score = 0.4 * Math.min(1, r / Math.max(1, active - 1));
    reasons.push(`下游可达 ${r} 个成员 / reaches ${r} members downstream`);
    const v = volume.get(i) as number;
    score += 0.25 * (v / maxVolume);
    reasons.push(`发出 ${Math.round(v)} 件 / ${Math.round(v)} pieces sent`);
    const materials = (a.goodsIn[i] as Flow[]).filter((f) => stage.get(f.from) === 'materials' && inCore.has(f.from));
    if (materials.length > 0) {
      score += 0.15;
      reasons.push('收到标签/包装材料 / receives labels and packaging');
    }
    const prodCases = (a.casesOf[i] as CaseFact[]).filter((c) => PRODUCTION_CASE.test(`${c.type} ${c.title}`));
    if (prodCases.length > 0) {
      score += 0.1;
      reasons.push(`生产类案件 ${prodCases.length} 起 / production cases`);
    }
    if (firstOut.get(i) === earliest) {
      score += 0.1;
      reasons.push('最早发货 / first to ship');
    }
    return { party: i, score: round(score), reasons };
  });
  // A firm's legal representative often ships in their own name: the firm is the manufacturer, and
  // takes the better of the two scores.
  const byParty = new Map(ranked.map((c) => [c.party, c]));
  const folded = new Set<number>();
  for (const c of ranked) {
    const person = p.parties[c.party] as Party;
    if (person.label !== 'Person') continue;
    const firm = (a.officersOf[c.party] as OfficerLink[]).find(
      (o) => o.outgoing && o.type === 'LEGAL_REP_OF' && byParty.has(o.other),
    );
    if (!firm) continue;
    const f = byParty.get(firm.other) as Candidate;
    if (c.score > f.score) f.score = c.score;
    f.reasons.push(LEGAL_REP_SHIPS);
    folded.add(c.party);
  }
  return ranked.filter((c) => !folded.has(c.party)).sort((x, y) => y.score - x.score || x.party - y.party);
}

/**
 * A firm's reason when its legal representative ships in person. It names nobody: a reason is
 * shown to every user who sees the firm, and the representative may lie outside their region scope
 * (the chain's officer evidence names the person where the reader may see them). Runs stored before
 * this wording named the person; `scoped.ts` reads those as this.
 */
export const LEGAL_REP_SHIPS = '法定代表人以个人名义发货 / its legal representative ships in person';

/** For each sender, the hops on the longest goods path below it (cycles cut), capped at 6. */
function depthsBelow(goods: Flow[]): Map<number, number> {
  const out = new Map<number, number[]>();
  for (const f of goods) out.set(f.from, [...(out.get(f.from) ?? []), f.to]);
  const memo = new Map<number, number>();
  const onPath = new Set<number>();
  const visit = (i: number): number => {
    const known = memo.get(i);
    if (known !== undefined) return known;
    onPath.add(i);
    let best = 0;
    for (const j of out.get(i) ?? []) if (!onPath.has(j)) best = Math.max(best, 1 + visit(j));
    onPath.delete(i);
    best = Math.min(best, 6);
    memo.set(i, best);
    return best;
  };
  for (const i of out.keys()) visit(i);
  return memo;
}

/** Hops on the longest goods path between members (cycles cut: each party once per path), capped at 6. */
function longestPath(goods: Flow[]): number {
  return Math.max(0, ...depthsBelow(goods).values());
}

/** Do the stages start in chain order? First parcel sent by each stage, compared along the chain. */
function timeOrder(goods: Flow[], stage: Map<number, Stage>): { pairs: number; inOrder: number } {
  const first = new Map<Stage, string>();
  for (const f of goods) {
    const s = stage.get(f.from);
    if (!s || !f.first) continue;
    const cur = first.get(s);
    if (!cur || f.first < cur) first.set(s, f.first);
  }
  const seq = CHAIN_ORDER.filter((s) => first.has(s));
  let inOrder = 0;
  for (let k = 1; k < seq.length; k++)
    if ((first.get(seq[k - 1] as Stage) as string) <= (first.get(seq[k] as Stage) as string)) inOrder++;
  return { pairs: Math.max(0, seq.length - 1), inOrder };
}

function buildEvidence(
  goods: Flow[],
  money: Flow[],
  cases: CaseFact[],
  shared: Projection['shared'],
  core: number[],
  inCore: Set<number>,
  a: Adjacency,
): Evidence[] {
  const out: Evidence[] = [];
  for (const c of cases)
    out.push({
      kind: 'case',
      parties: c.parties.filter((i) => inCore.has(i)),
      count: 1,
      volume: c.amount,
      first: c.openedAt,
      records: [c.key],
      note: `${c.caseNo} ${c.title || c.type}`.trim(),
    });
  for (const s of shared)
    out.push({
      kind: 'shared',
      parties: s.holders.filter((i) => inCore.has(i)),
      count: s.holders.length,
      records: [s.key],
      note: `${s.kind === 'Phone' ? '共用电话' : s.kind === 'Account' ? '共用账户' : '共用地址'} ${s.label}`.trim(),
    });
  for (const i of core)
    for (const o of a.officersOf[i] as OfficerLink[])
      if (o.outgoing && inCore.has(o.other))
        out.push({ kind: 'officer', from: i, to: o.other, count: 1, records: [], note: o.type });
  const flows = (kind: 'goods' | 'money', list: Flow[]) =>
    [...list]
      .sort((x, y) => y.count - x.count || x.from - y.from || x.to - y.to)
      .map((f) => ({
        kind,
        from: f.from,
        to: f.to,
        count: f.count,
        volume: round(f.volume),
        first: f.first,
        last: f.last,
        records: f.samples,
        note: kind === 'goods' && f.vague > 0 ? `${f.vague} 件品名模糊 / vaguely declared` : '',
      }));
  out.push(...flows('goods', goods), ...flows('money', money));
  return out.slice(0, MAX_EVIDENCE);
}

const round = (x: number) => Math.round(x * 1000) / 1000;
