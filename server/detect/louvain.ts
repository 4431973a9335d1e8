/**
 * Louvain on the weighted graph with a seeded random order (graphology-communities-louvain takes an
 * `rng`): the same seed on the same graph gives the same partition. Nodes are inserted in a fixed
 * order by the caller, so the graph itself is deterministic too.
 */
import louvainModule from 'graphology-communities-louvain';
import type { UndirectedGraph } from 'graphology';

/** mulberry32: small, fast, good enough to shuffle visiting order. */
export function seededRng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// The package is CommonJS with an ES-style declaration file: under NodeNext the default import is
// typed as the module namespace, while Node hands over `module.exports` (the function itself). The
// web app's typecheck (bundler resolution) sees the function directly: the type takes either.
type Louvain = typeof louvainModule extends { default: infer D } ? D : typeof louvainModule;
const louvain: Louvain =
  (louvainModule as unknown as { default?: Louvain }).default ?? (louvainModule as unknown as Louvain);

export interface Partition {
  /** Party index → community number (0-based, dense). */
  membership: Map<number, number>;
  count: number;
  modularity: number;
}

export function runLouvain(graph: UndirectedGraph, resolution: number, seed: number): Partition {
  if (graph.order === 0) return { membership: new Map(), count: 0, modularity: 0 };
  const result = louvain.detailed(graph, {
    getEdgeWeight: 'weight',
    resolution,
    rng: seededRng(seed),
    randomWalk: true,
    fastLocalMoves: true,
  });
  const membership = new Map<number, number>();
  for (const [node, community] of Object.entries(result.communities)) membership.set(Number(node), community as number);
  return { membership, count: result.count, modularity: result.modularity };
}
