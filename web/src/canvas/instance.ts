/**
 * The graphology graph sigma renders (derived from the investigation data by core/graph/derive.ts)
 * and the live sigma instance, for the few callers that need them: layout, fit, export, save.
 */
import Graph from 'graphology';
import type Sigma from 'sigma';

/** Untyped for sigma's sake (its plugins take plain attributes); derive.ts defines what nodes carry. */
export const sigmaGraph = new Graph({ type: 'directed', multi: false, allowSelfLoops: true });

let current: Sigma | null = null;
export const setSigma = (sigma: Sigma | null) => {
  current = sigma;
};
export const getSigma = () => current;

/** Positions of the nodes on screen (graph coordinates), for saving an investigation. */
export function currentPositions(): Map<string, { x: number; y: number }> {
  const out = new Map<string, { x: number; y: number }>();
  sigmaGraph.forEachNode((key, a) => out.set(key, { x: a.x as number, y: a.y as number }));
  return out;
}

export function fitView(): void {
  void getSigma()?.getCamera().animatedReset({ duration: 300 });
}

/** Positions to give nodes when they next appear (a reopened investigation); consumed by the next sync. */
export const pendingPositions = new Map<string, { x: number; y: number }>();
