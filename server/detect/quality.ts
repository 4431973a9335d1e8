/**
 * How well a detection run recovers the networks a seed planted (seed/README.md, truth.json): ARI and
 * NMI of the partition restricted to planted members, best-match Jaccard per network, the share of
 * networks whose chain ranks a planted manufacturer first, the share of flagged chains with no
 * planted member, and stage agreement. Used by bench/quality.ts and the detection tests.
 */
import type { Chain } from './chains.ts';
import type { DetectionResult } from './pipeline.ts';

export interface TruthNetwork {
  id: string;
  manufacturers: string[];
  members: { entity: string; stage: string; role: string; keys: string[] }[];
}

export interface Truth {
  networks: TruthNetwork[];
}

export interface Quality {
  plantedMembers: number;
  /** Planted members found as parties in the projected graph. */
  mappedMembers: number;
  ari: number;
  nmi: number;
  jaccard: { network: string; jaccard: number; community: number | null }[];
  meanJaccard: number;
  manufacturerFirst: number;
  flagged: number;
  falseFlags: number;
  falseFlagShare: number;
  stageAgreement: number;
}

export function measureQuality(result: DetectionResult, truth: Truth): Quality {
  const { projection, partition, chains } = result;
  const byKey = new Map<string, number>();
  projection.parties.forEach((party, i) => {
    byKey.set(party.key, i);
    for (const k of party.merged) if (!byKey.has(k)) byKey.set(k, i);
  });
  // A namesake the run took to be another party (./namesakes.ts) counts as that party.
  const sameAs = new Map<number, number>();
  for (const c of chains) for (const m of c.members) if (m.sameAs !== undefined) sameAs.set(m.party, m.sameAs);
  const partyOf = (keys: string[]): number | undefined => {
    for (const k of keys) {
      const i = byKey.get(k);
      if (i !== undefined) return sameAs.get(i) ?? i;
    }
    return undefined;
  };
  const planted = new Map<number, string>();
  let plantedMembers = 0;
  for (const net of truth.networks)
    for (const m of net.members) {
      plantedMembers++;
      const i = partyOf(m.keys);
      if (i !== undefined && partition.membership.has(i) && !planted.has(i)) planted.set(i, net.id);
    }
  const truthLabels: string[] = [];
  const predLabels: number[] = [];
  for (const [i, net] of planted) {
    truthLabels.push(net);
    predLabels.push(partition.membership.get(i) as number);
  }

  const chainOf = new Map<number, number>();
  chains.forEach((c, ci) => c.members.forEach((m) => chainOf.set(m.party, ci)));
  const jaccard: Quality['jaccard'] = [];
  let manufacturerFirst = 0;
  let stageHits = 0;
  let stageTotal = 0;
  for (const net of truth.networks) {
    const members = new Set<number>();
    for (const m of net.members) {
      const i = partyOf(m.keys);
      if (i !== undefined) members.add(i);
    }
    let best = { jaccard: 0, chain: -1 };
    const candidates = new Set([...members].map((i) => chainOf.get(i)).filter((c) => c !== undefined));
    for (const ci of candidates) {
      const chain = chains[ci] as Chain;
      const set = new Set(chain.members.map((m) => m.sameAs ?? m.party));
      let inter = 0;
      for (const i of members) if (set.has(i)) inter++;
      const j = inter / (members.size + set.size - inter);
      if (j > best.jaccard) best = { jaccard: j, chain: ci };
    }
    jaccard.push({
      network: net.id,
      jaccard: round(best.jaccard),
      community: best.chain >= 0 ? (chains[best.chain] as Chain).community : null,
    });
    if (best.chain < 0) continue;
    const chain = chains[best.chain] as Chain;
    const makers = new Set(
      net.manufacturers.map((id) => partyOf(net.members.find((m) => m.entity === id)?.keys ?? [])),
    );
    const top = chain.manufacturers[0];
    if (top && makers.has(top.party)) manufacturerFirst++;
    const stageOf = new Map(chain.members.map((m) => [m.party, m.stage]));
    for (const m of net.members) {
      const i = partyOf(m.keys);
      if (i === undefined || !stageOf.has(i)) continue;
      stageTotal++;
      if (stageOf.get(i) === m.stage) stageHits++;
    }
  }
  const plantedSet = new Set(planted.keys());
  const flaggedChains = chains.filter((c) => c.flagged);
  const falseFlags = flaggedChains.filter((c) => !c.members.some((m) => plantedSet.has(m.party))).length;
  return {
    plantedMembers,
    mappedMembers: planted.size,
    ari: round(adjustedRandIndex(truthLabels, predLabels)),
    nmi: round(normalizedMutualInformation(truthLabels, predLabels)),
    jaccard,
    meanJaccard: round(jaccard.reduce((s, j) => s + j.jaccard, 0) / Math.max(1, jaccard.length)),
    manufacturerFirst: round(manufacturerFirst / Math.max(1, truth.networks.length)),
    flagged: flaggedChains.length,
    falseFlags,
    falseFlagShare: round(falseFlags / Math.max(1, flaggedChains.length)),
    stageAgreement: round(stageHits / Math.max(1, stageTotal)),
  };
}

function contingency<A, B>(a: A[], b: B[]): { table: Map<string, number>; rows: Map<A, number>; cols: Map<B, number> } {
  const table = new Map<string, number>();
  const rows = new Map<A, number>();
  const cols = new Map<B, number>();
  a.forEach((x, i) => {
    const y = b[i] as B;
    const k = `${String(x)}\u0000${String(y)}`;
    table.set(k, (table.get(k) ?? 0) + 1);
    rows.set(x, (rows.get(x) ?? 0) + 1);
    cols.set(y, (cols.get(y) ?? 0) + 1);
  });
  return { table, rows, cols };
}

const choose2 = (n: number) => (n * (n - 1)) / 2;

/** Hubert & Arabie's adjusted Rand index: 1 for identical partitions, about 0 for chance. */
export function adjustedRandIndex<A, B>(a: A[], b: B[]): number {
  const n = a.length;
  if (n < 2) return 1;
  const { table, rows, cols } = contingency(a, b);
  let index = 0;
  for (const v of table.values()) index += choose2(v);
  let sumRows = 0;
  for (const v of rows.values()) sumRows += choose2(v);
  let sumCols = 0;
  for (const v of cols.values()) sumCols += choose2(v);
  const expected = (sumRows * sumCols) / choose2(n);
  const max = (sumRows + sumCols) / 2;
  if (max === expected) return 1;
  return (index - expected) / (max - expected);
}

/** Normalised mutual information (arithmetic mean of the entropies). */
export function normalizedMutualInformation<A, B>(a: A[], b: B[]): number {
  const n = a.length;
  if (n === 0) return 1;
  const { table, rows, cols } = contingency(a, b);
  const h = (m: Map<unknown, number>) => [...m.values()].reduce((s, v) => s - (v / n) * Math.log(v / n), 0);
  const ha = h(rows);
  const hb = h(cols);
  const rowsByName = new Map([...rows].map(([key, v]) => [String(key), v]));
  const colsByName = new Map([...cols].map(([key, v]) => [String(key), v]));
  let mi = 0;
  for (const [k, v] of table) {
    const [x, y] = k.split('\u0000') as [string, string];
    mi += (v / n) * Math.log((n * v) / ((rowsByName.get(x) as number) * (colsByName.get(y) as number)));
  }
  if (ha === 0 && hb === 0) return 1;
  return (2 * mi) / (ha + hb);
}

const round = (x: number) => Math.round(x * 10_000) / 10_000;
