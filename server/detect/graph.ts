/**
 * From the projection's aggregates to the weighted, undirected graph Louvain runs on. Every kind of
 * evidence adds weight to a pair (weights are parameters); hubs are damped or left out, and the
 * reasons are reported: infrastructure by name (payment platforms, couriers), identifiers with too
 * many holders (markets, registration agents — already left out by the projection), and parties
 * with too many distinct neighbours (damped by dampDegree / degree, excluded beyond excludeDegree).
 */
import { UndirectedGraph } from 'graphology';
import type { DetectParams } from './params.ts';
import { INFRASTRUCTURE_NAMES } from './params.ts';
import type { Projection } from './project.ts';
import { PAIR } from './project.ts';

export interface PartyHub {
  key: string;
  name: string;
  label: string;
  degree: number;
  action: 'excluded' | 'damped';
  reason: 'infrastructure-name' | 'degree';
  factor: number;
}

export interface WeightedGraph {
  graph: UndirectedGraph;
  /** Undirected pair (low index first) → weight, after damping. */
  weights: Map<number, number>;
  excluded: Set<number>;
  partyHubs: PartyHub[];
  /** Edges folded into the pairs (before aggregation). */
  rawEdges: number;
}

const upair = (a: number, b: number): number => (a < b ? a * PAIR + b : b * PAIR + a);

export function buildGraph(p: Projection, params: DetectParams): WeightedGraph {
  const w = params.weights;
  const weights = new Map<number, number>();
  let rawEdges = 0;
  const add = (a: number, b: number, weight: number) => {
    if (a === b || weight <= 0) return;
    const k = upair(a, b);
    weights.set(k, (weights.get(k) ?? 0) + weight);
    rawEdges++;
  };
  for (const flow of p.goods.values()) add(flow.from, flow.to, w.goods * (1 + Math.log2(flow.count)));
  for (const flow of p.money.values()) add(flow.from, flow.to, w.money * (1 + Math.log2(flow.count)));
  for (const link of p.officers) add(link.from, link.to, link.type === 'OPERATES' ? w.operator : w.officer);
  for (const id of p.shared) {
    const base = id.kind === 'Phone' ? w.sharedPhone : id.kind === 'Account' ? w.sharedAccount : w.sharedAddress;
    const each = base / (id.holders.length - 1);
    for (let i = 0; i < id.holders.length; i++)
      for (let j = i + 1; j < id.holders.length; j++) add(id.holders[i] as number, id.holders[j] as number, each);
  }
  for (const c of p.cases) {
    const n = c.parties.length;
    if (n < 2 || n > params.hubs.maxHolders) continue;
    for (let i = 0; i < n; i++)
      for (let j = i + 1; j < n; j++) add(c.parties[i] as number, c.parties[j] as number, w.case / (n - 1));
  }

  // End buyers (see WeightsSchema.buyer): their ties are scaled down.
  const buyer = buyersOf(p);

  // Distinct neighbours per party.
  const degree = new Uint32Array(p.parties.length);
  for (const k of weights.keys()) {
    const i = Math.floor(k / PAIR);
    const j = k % PAIR;
    degree[i] = (degree[i] as number) + 1;
    degree[j] = (degree[j] as number) + 1;
  }
  const excluded = new Set<number>();
  const factor = new Float64Array(p.parties.length).fill(1);
  const partyHubs: PartyHub[] = [];
  const { dampDegree, excludeDegree } = params.hubs;
  p.parties.forEach((party, i) => {
    const d = degree[i] as number;
    if (d === 0) return;
    const hub = { key: party.key, name: party.name, label: party.label, degree: d };
    if (INFRASTRUCTURE_NAMES.some((re) => re.test(party.name))) {
      excluded.add(i);
      partyHubs.push({ ...hub, action: 'excluded', reason: 'infrastructure-name', factor: 0 });
    } else if (d > excludeDegree) {
      excluded.add(i);
      partyHubs.push({ ...hub, action: 'excluded', reason: 'degree', factor: 0 });
    } else if (d > dampDegree) {
      factor[i] = dampDegree / d;
      partyHubs.push({ ...hub, action: 'damped', reason: 'degree', factor: factor[i] as number });
    }
  });
  partyHubs.sort((a, b) => b.degree - a.degree);

  // Nodes in index order and edges in pair order, so Louvain sees the same graph in the same order
  // whatever order the database returned the records in.
  const graph = new UndirectedGraph({ allowSelfLoops: false, multi: false });
  const pairs = Float64Array.from(weights.keys()).sort();
  const nodes = new Set<number>();
  for (const k of pairs) {
    const a = Math.floor(k / PAIR);
    const b = k % PAIR;
    if (excluded.has(a) || excluded.has(b)) {
      weights.delete(k);
      continue;
    }
    nodes.add(a);
    nodes.add(b);
  }
  for (const i of [...nodes].sort((x, y) => x - y)) graph.addNode(String(i));
  for (const k of pairs) {
    const weight = weights.get(k);
    if (weight === undefined) continue;
    const a = Math.floor(k / PAIR);
    const b = k % PAIR;
    const scale = buyer[a] === 1 || buyer[b] === 1 ? w.buyer : 1;
    const damped = weight * scale * Math.min(factor[a] as number, factor[b] as number);
    weights.set(k, damped);
    graph.addUndirectedEdge(String(a), String(b), { weight: damped });
  }
  return { graph, weights, excluded, partyHubs, rawEdges };
}

/** 1 for a person who only buys: sends no parcel, holds no office, is in no case, receives no money. */
export function buyersOf(p: Projection): Uint8Array {
  const active = new Uint8Array(p.parties.length);
  for (const f of p.goods.values()) active[f.from] = 1;
  for (const f of p.money.values()) active[f.to] = 1;
  for (const l of p.officers) {
    active[l.from] = 1;
    active[l.to] = 1;
  }
  for (const c of p.cases) for (const i of c.parties) active[i] = 1;
  const buyer = new Uint8Array(p.parties.length);
  p.parties.forEach((party, i) => {
    if (party.label === 'Person' && active[i] === 0) buyer[i] = 1;
  });
  return buyer;
}
