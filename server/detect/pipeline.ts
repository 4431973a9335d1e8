/**
 * The computing half of a detection run: read → project → Louvain → chains, with timings, progress
 * and cancellation between phases (and between rows while reading). Persisting is persist.ts's.
 */
import crypto from 'node:crypto';
import type { Db } from '../db/db.ts';
import { buildChains, type Chain } from './chains.ts';
import { toGraph, weighPairs, type PartyHub, type WeightedPairs } from './graph.ts';
import { runLouvain, type Partition } from './louvain.ts';
import type { DetectParams } from './params.ts';
import { readProjection, type IdentifierHub, type Party, type Projection } from './project.ts';

export type Phase = 'read' | 'project' | 'louvain' | 'chains' | 'write' | 'done';

export interface Progress {
  phase: Phase;
  /** 0–100 over the whole run. */
  percent: number;
  detail?: string;
}

export interface Timings {
  read_s: number;
  project_s: number;
  /** Building the graphology graph from the weighted pairs. */
  graph_s: number;
  louvain_s: number;
  chains_s: number;
  write_s: number;
  total_s: number;
}

export interface DetectionResult {
  params: DetectParams;
  projection: Projection;
  partition: Partition;
  chains: Chain[];
  partyHubs: PartyHub[];
  identifierHubs: IdentifierHub[];
  /** sha256 over the projected, weighted graph: equal digests mean the same input to Louvain. */
  graphDigest: string;
  counts: {
    parties: number;
    nodes: number;
    edges: number;
    rawEdges: number;
    communities: number;
    chains: number;
    flagged: number;
  };
  timings: Timings;
}

const PHASE_SPAN: Record<Exclude<Phase, 'done'>, [number, number]> = {
  read: [0, 60],
  project: [60, 70],
  louvain: [70, 85],
  chains: [85, 90],
  write: [90, 100],
};

export function progressAt(phase: Exclude<Phase, 'done'>, fraction: number): number {
  const [from, to] = PHASE_SPAN[phase];
  return Math.round(from + (to - from) * Math.max(0, Math.min(1, fraction)));
}

export async function computeDetection(
  db: Db,
  params: DetectParams,
  hooks: { signal?: AbortSignal; onProgress?: (p: Progress) => void } = {},
): Promise<DetectionResult> {
  const { signal, onProgress } = hooks;
  const started = performance.now();
  const timings: Timings = { read_s: 0, project_s: 0, graph_s: 0, louvain_s: 0, chains_s: 0, write_s: 0, total_s: 0 };
  const seconds = (from: number) => Math.round((performance.now() - from) / 10) / 100;

  onProgress?.({ phase: 'read', percent: 0 });
  let t = performance.now();
  const projection = await readProjection(db, {
    maxHolders: params.hubs.maxHolders,
    ...(signal ? { signal } : {}),
    onProgress: (detail, fraction) => onProgress?.({ phase: 'read', percent: progressAt('read', fraction), detail }),
  });
  timings.read_s = seconds(t);

  signal?.throwIfAborted();
  onProgress?.({ phase: 'project', percent: progressAt('project', 0) });
  t = performance.now();
  const weighed = weighPairs(projection, params);
  const graphDigest = digestOf(projection, weighed);
  timings.project_s = seconds(t);
  t = performance.now();
  const graph = toGraph(weighed);
  timings.graph_s = seconds(t);

  signal?.throwIfAborted();
  onProgress?.({ phase: 'louvain', percent: progressAt('louvain', 0) });
  t = performance.now();
  const partition = runLouvain(graph, params.resolution, params.seed);
  timings.louvain_s = seconds(t);

  signal?.throwIfAborted();
  onProgress?.({ phase: 'chains', percent: progressAt('chains', 0) });
  t = performance.now();
  const chains = buildChains(projection, partition, params);
  timings.chains_s = seconds(t);
  timings.total_s = seconds(started);

  return {
    params,
    projection,
    partition,
    chains,
    partyHubs: weighed.partyHubs,
    identifierHubs: projection.identifierHubs,
    graphDigest,
    counts: {
      parties: projection.parties.length,
      nodes: graph.order,
      edges: graph.size,
      rawEdges: weighed.rawEdges,
      communities: partition.count,
      chains: chains.length,
      flagged: chains.filter((c) => c.flagged).length,
    },
    timings,
  };
}

/**
 * Digest of the weighted graph: its nodes' keys in index order (the projection reads parties sorted
 * by key, label by label), then its edges as positions in that node list and weights to 1e-6, as
 * raw typed arrays. The edges come sorted by index pair, so what is hashed is canonical without
 * sorting strings, and a party with no edge changes nothing.
 */
export function digestOf(p: Projection, pairs: Pick<WeightedPairs, 'nodes' | 'edges'>): string {
  const { nodes, edges } = pairs;
  const hash = crypto.createHash('sha256');
  const position = new Uint32Array(p.parties.length);
  let chunk = '';
  nodes.forEach((i, n) => {
    position[i] = n;
    chunk += `${(p.parties[i] as Party).key}\n`;
    if (chunk.length > 65_536) {
      hash.update(chunk);
      chunk = '';
    }
  });
  hash.update(chunk);
  const a = new Uint32Array(edges.a.length);
  const b = new Uint32Array(edges.a.length);
  const weight = new Float64Array(edges.a.length);
  for (let e = 0; e < edges.a.length; e++) {
    a[e] = position[edges.a[e] as number] as number;
    b[e] = position[edges.b[e] as number] as number;
    weight[e] = Math.round((edges.weight[e] as number) * 1e6);
  }
  for (const array of [a, b, weight]) hash.update(new Uint8Array(array.buffer));
  return hash.digest('hex');
}
