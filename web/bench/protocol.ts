/**
 * What `npm run bench:web` (node) and the bench page (web/bench/render.ts) exchange: the graph as
 * compact JSON (investigation data only — the page derives the render attributes from the app's
 * style tables, as the workbench does) and the figures the page measures. No DOM types here, so the
 * node side type-checks against it too.
 */
import type { EntityLabel, RelType } from '../../server/domain/model.ts';

/** [entity label, display name, x, y, global hub (drawn larger)] */
export type BenchNode = [EntityLabel, string, number, number, 0 | 1];
/** [source index, target index, relationship type, or null for an undirected association] */
export type BenchEdge = [number, number, RelType | null];

export interface BenchGraph {
  nodes: BenchNode[];
  edges: BenchEdge[];
}

export interface BenchOptions {
  /** URL of the graph JSON, relative to the page. */
  graphUrl: string;
  /** Bench-only overrides merged over the app's sigmaSettings() (to measure what a change would buy). */
  settings: Record<string, unknown>;
  /** Pan/zoom a snapshot while the camera moves, as the app does above 3k nodes (false: redraw every step). */
  texture: boolean;
}

export interface BenchResult {
  nodes: number;
  edges: number;
  fetch_ms: number;
  graph_build_ms: number;
  /** `new Sigma(...)` until it returns (its first render runs synchronously inside). */
  sigma_init_ms: number;
  /** `new Sigma(...)` until the GPU has drawn its first render and two animation frames have passed (on screen). */
  first_render_ms: number;
  sequence_ms: number;
  frames: number;
  fps: number;
  p50_frame_ms: number;
  p95_frame_ms: number;
  worst_frame_ms: number;
  /** sigma renders during the sequence, and main-thread time per render (JS + label drawing + GL calls). */
  renders: number;
  p50_render_ms: number;
  p95_render_ms: number;
  /** Most labels drawn in one render (labels do appear when zoomed in). */
  max_labels: number;
  renderer: string;
  viewport: string;
  dpr: number;
}
