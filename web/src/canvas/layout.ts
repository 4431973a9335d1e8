/**
 * Layout control: ForceAtlas2 in a web worker (graphology-layout-forceatlas2/worker) for canvases up
 * to FA2_LIMIT nodes, started and stopped by the analyst; beyond it the grouped layout; a chain laid
 * out left to right by stage. Layout writes only x/y of the sigma graph.
 */
import FA2Layout from 'graphology-layout-forceatlas2/worker';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import { createStore } from '../core/store.ts';
import type { Layout } from '../core/graph/layouts.ts';
import { sigmaGraph } from './instance.ts';

export const FA2_LIMIT = 20_000;

export const layoutStore = createStore<{ running: boolean }>({ running: false });

let worker: FA2Layout | null = null;

export function startLayout(): boolean {
  if (sigmaGraph.order === 0 || sigmaGraph.order > FA2_LIMIT) return false;
  worker?.kill();
  const settings = forceAtlas2.inferSettings(sigmaGraph);
  worker = new FA2Layout(sigmaGraph, {
    settings: { ...settings, barnesHutOptimize: sigmaGraph.order > 500, adjustSizes: false, slowDown: 5 },
  });
  worker.start();
  layoutStore.set({ running: true });
  return true;
}

export function stopLayout(): void {
  worker?.stop();
  layoutStore.set({ running: false });
}

export function toggleLayout(): void {
  if (layoutStore.get().running) stopLayout();
  else startLayout();
}

/** Runs FA2 for a moment after new elements arrive (small canvases only), then stops by itself. */
export function settle(ms = 1500): void {
  if (sigmaGraph.order > 3000 || layoutStore.get().running) return;
  if (startLayout()) setTimeout(() => stopLayout(), ms);
}

export function applyLayout(layout: Layout): void {
  stopLayout();
  for (const [key, at] of layout) if (sigmaGraph.hasNode(key)) sigmaGraph.mergeNodeAttributes(key, at);
}
