/**
 * From the projection's aggregates to the weighted, undirected graph Louvain runs on. Every kind of
 * evidence adds weight to a pair (weights are parameters); hubs are damped or left out, and the
 * reasons are reported: infrastructure by name (payment platforms, couriers), identifiers with too
 * many holders (markets, registration agents — already left out by the projection), and parties
 * with too many distinct neighbours (damped by dampDegree / degree, excluded beyond excludeDegree).
 */
import { UndirectedGraph } from 'graphology';
import { isInfrastructureName } from '../domain/infrastructure.ts';
import type { DetectParams } from './params.ts';
import type { Projection } from './project.ts';

export interface PartyHub {
  key: string;
  name: string;
  label: string;
  degree: number;
  action: 'excluded' | 'damped';
  reason: 'infrastructure-name' | 'degree';
  factor: number;
}

export interface WeightedPairs {
  /** The graph's edges after damping, as parallel arrays sorted by (a, b), with a < b party indexes. */
  edges: PairEdges;
  /** Party indexes with at least one kept edge, ascending: the graph's nodes. */
  nodes: Uint32Array;
  excluded: Set<number>;
  partyHubs: PartyHub[];
  /** Edges folded into the pairs (before aggregation). */
  rawEdges: number;
}

export interface PairEdges {
  a: Uint32Array;
  b: Uint32Array;
  weight: Float64Array;
}

/** Raw weighted pairs as they are added, in growable typed arrays (no per-edge objects). */
export class EdgeList {
  length = 0;
  a = new Uint32Array(1024);
  b = new Uint32Array(1024);
  w = new Float64Array(1024);

  add(x: number, y: number, weight: number): void {
    if (x === y || weight <= 0) return;
    if (this.length === this.a.length) this.grow();
    const i = this.length++;
    this.a[i] = x < y ? x : y;
    this.b[i] = x < y ? y : x;
    this.w[i] = weight;
  }

  private grow(): void {
    const size = this.a.length * 2;
    const a = new Uint32Array(size);
    const b = new Uint32Array(size);
    const w = new Float64Array(size);
    a.set(this.a);
    b.set(this.b);
    w.set(this.w);
    Object.assign(this, { a, b, w });
  }

  /**
   * Sums the weights of each distinct pair and returns the pairs sorted by (a, b): a counting sort
   * on a, then each a's few entries sorted by b. Linear in the edges, and the order does not depend
   * on the order the edges were added in.
   */
  fold(parties: number): PairEdges {
    const start = new Uint32Array(parties + 1);
    for (let i = 0; i < this.length; i++)
      start[(this.a[i] as number) + 1] = (start[(this.a[i] as number) + 1] as number) + 1;
    for (let v = 0; v < parties; v++) start[v + 1] = (start[v + 1] as number) + (start[v] as number);
    const fill = start.slice(0, parties);
    const byA = new Uint32Array(this.length);
    for (let i = 0; i < this.length; i++) {
      const v = this.a[i] as number;
      byA[fill[v] as number] = i;
      fill[v] = (fill[v] as number) + 1;
    }
    const out = {
      a: new Uint32Array(this.length),
      b: new Uint32Array(this.length),
      weight: new Float64Array(this.length),
    };
    let n = 0;
    const group: number[] = [];
    for (let v = 0; v < parties; v++) {
      const from = start[v] as number;
      const to = start[v + 1] as number;
      if (from === to) continue;
      // Ties on b keep insertion order (stable sorts), so the summation order is fixed too. Most
      // parties have a few pairs: an insertion sort in place; a hub's many, a merge sort.
      if (to - from <= 32) {
        for (let j = from + 1; j < to; j++) {
          const i = byA[j] as number;
          const key = this.b[i] as number;
          let k = j - 1;
          while (k >= from && (this.b[byA[k] as number] as number) > key) {
            byA[k + 1] = byA[k] as number;
            k--;
          }
          byA[k + 1] = i;
        }
      } else {
        group.length = 0;
        for (let j = from; j < to; j++) group.push(byA[j] as number);
        group.sort((x, y) => (this.b[x] as number) - (this.b[y] as number));
        byA.set(group, from);
      }
      for (let j = from; j < to; j++) {
        const i = byA[j] as number;
        const b = this.b[i] as number;
        if (n > 0 && out.a[n - 1] === v && out.b[n - 1] === b) {
          out.weight[n - 1] = (out.weight[n - 1] as number) + (this.w[i] as number);
        } else {
          out.a[n] = v;
          out.b[n] = b;
          out.weight[n] = this.w[i] as number;
          n++;
        }
      }
    }
    return { a: out.a.subarray(0, n), b: out.b.subarray(0, n), weight: out.weight.subarray(0, n) };
  }
}

/**
 * The projection proper: every piece of evidence into typed arrays, folded into one weighted pair
 * each, hubs damped or excluded. No per-edge objects: the graphology graph is built from the
 * result (toGraph), once, as DESIGN.md §6 says.
 */
export function weighPairs(p: Projection, params: DetectParams): WeightedPairs {
  const w = params.weights;
  const list = new EdgeList();
  for (const flow of p.goods.values()) list.add(flow.from, flow.to, w.goods * (1 + Math.log2(flow.count)));
  for (const flow of p.money.values()) list.add(flow.from, flow.to, w.money * (1 + Math.log2(flow.count)));
  for (const link of p.officers) list.add(link.from, link.to, link.type === 'OPERATES' ? w.operator : w.officer);
  for (const id of p.shared) {
    const base = id.kind === 'Phone' ? w.sharedPhone : id.kind === 'Account' ? w.sharedAccount : w.sharedAddress;
    const each = base / (id.holders.length - 1);
    for (let i = 0; i < id.holders.length; i++)
      for (let j = i + 1; j < id.holders.length; j++) list.add(id.holders[i] as number, id.holders[j] as number, each);
  }
  for (const c of p.cases) {
    const n = c.parties.length;
    if (n < 2 || n > params.hubs.maxHolders) continue;
    for (let i = 0; i < n; i++)
      for (let j = i + 1; j < n; j++) list.add(c.parties[i] as number, c.parties[j] as number, w.case / (n - 1));
  }
  const rawEdges = list.length;
  const pairs = list.fold(p.parties.length);

  // End buyers (see WeightsSchema.buyer): their ties are scaled down.
  const buyer = buyersOf(p);

  // Distinct neighbours per party.
  const degree = new Uint32Array(p.parties.length);
  for (let e = 0; e < pairs.a.length; e++) {
    const i = pairs.a[e] as number;
    const j = pairs.b[e] as number;
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
    if (isInfrastructureName(party.name)) {
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

  const keep = new Uint8Array(pairs.a.length);
  const present = new Uint8Array(p.parties.length);
  let kept = 0;
  for (let e = 0; e < pairs.a.length; e++) {
    const a = pairs.a[e] as number;
    const b = pairs.b[e] as number;
    if (excluded.has(a) || excluded.has(b)) continue;
    keep[e] = 1;
    kept++;
    present[a] = 1;
    present[b] = 1;
  }
  let nodeCount = 0;
  for (let i = 0; i < present.length; i++) nodeCount += present[i] as number;
  const nodes = new Uint32Array(nodeCount);
  for (let i = 0, n = 0; i < present.length; i++) if (present[i] === 1) nodes[n++] = i;
  const edges: PairEdges = { a: new Uint32Array(kept), b: new Uint32Array(kept), weight: new Float64Array(kept) };
  let n = 0;
  for (let e = 0; e < pairs.a.length; e++) {
    if (keep[e] === 0) continue;
    const a = pairs.a[e] as number;
    const b = pairs.b[e] as number;
    const scale = buyer[a] === 1 || buyer[b] === 1 ? w.buyer : 1;
    edges.a[n] = a;
    edges.b[n] = b;
    edges.weight[n] = (pairs.weight[e] as number) * scale * Math.min(factor[a] as number, factor[b] as number);
    n++;
  }
  return { edges, nodes, excluded, partyHubs, rawEdges };
}

/**
 * The graphology graph Louvain runs on: nodes in index order and edges in pair order, so Louvain
 * sees the same graph in the same order whatever order the database returned the records in.
 */
export function toGraph({ nodes, edges }: Pick<WeightedPairs, 'nodes' | 'edges'>): UndirectedGraph {
  const graph = new UndirectedGraph({ allowSelfLoops: false, multi: false });
  const keys: string[] = [];
  for (const i of nodes) {
    keys[i] = String(i);
    graph.addNode(keys[i]);
  }
  for (let e = 0; e < edges.a.length; e++)
    graph.addUndirectedEdge(keys[edges.a[e] as number], keys[edges.b[e] as number], {
      weight: edges.weight[e] as number,
    });
  return graph;
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
