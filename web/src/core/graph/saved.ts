/**
 * A canvas ↔ the saved-investigation state: entities with their positions, relationships, what the
 * analyst hid, and the filters. Pure both ways, so a save and a reopen give back the same canvas.
 */
import type { EntityLabel } from '../../../../server/domain/model.ts';
import type { InvestigationState } from '../api/investigations.ts';
import { NO_FILTERS, type Filters } from '../view/store.ts';
import type { EdgeType, GraphData } from './types.ts';

export function toState(
  data: GraphData,
  positions: ReadonlyMap<string, { x: number; y: number }>,
  filters: Filters,
): InvestigationState {
  return {
    nodes: [...data.nodes.values()].map((n) => ({
      key: n.key,
      label: n.label,
      name: n.name,
      x: positions.get(n.key)?.x ?? 0,
      y: positions.get(n.key)?.y ?? 0,
      regionCodes: n.regionCodes,
      ...(n.at ? { at: n.at } : {}),
      ...(n.amount !== undefined ? { amount: n.amount } : {}),
      ...(n.community ? { community: n.community } : {}),
      ...(n.stage ? { stage: n.stage } : {}),
      ...(data.hidden.has(n.key) ? { hidden: true } : {}),
    })),
    edges: [...data.edges.values()].map((e) => ({ key: e.key, source: e.source, target: e.target, type: e.type })),
    filters: { ...filters },
  };
}

export function fromState(state: InvestigationState): {
  data: GraphData;
  positions: Map<string, { x: number; y: number }>;
  filters: Filters;
} {
  const nodes = new Map<string, GraphData['nodes'] extends ReadonlyMap<string, infer N> ? N : never>();
  const positions = new Map<string, { x: number; y: number }>();
  const hidden = new Set<string>();
  for (const n of state.nodes) {
    nodes.set(n.key, {
      key: n.key,
      label: n.label as EntityLabel,
      name: n.name,
      regionCodes: n.regionCodes ?? [],
      ...(n.at ? { at: n.at } : {}),
      ...(n.amount !== undefined ? { amount: n.amount } : {}),
      ...(n.community ? { community: n.community } : {}),
      ...(n.stage ? { stage: n.stage } : {}),
    });
    positions.set(n.key, { x: n.x, y: n.y });
    if (n.hidden) hidden.add(n.key);
  }
  const edges = new Map(
    state.edges.map((e) => {
      const key = e.key ?? `${e.source}|${e.type}|${e.target}`;
      return [key, { key, source: e.source, target: e.target, type: e.type as EdgeType }] as const;
    }),
  );
  return {
    data: { nodes, edges, hidden },
    positions,
    filters: { ...NO_FILTERS, ...(state.filters as Partial<Filters>) },
  };
}
