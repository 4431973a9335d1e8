/**
 * The one place where investigation data becomes what sigma draws. `deriveNode`/`deriveEdge` are
 * pure (tested); `syncGraph` applies them to the graphology instance sigma renders, adding and
 * dropping elements incrementally so positions survive every change. Hover, selection and trace
 * highlighting are not derived here: reducers in the canvas controllers apply them per frame.
 */
import type Graph from 'graphology';
import {
  DIRECTED_TYPES,
  EDGE_COLOR,
  ENTITY_STYLE,
  STAGE_COLORS,
  paletteColor,
  type NodeShape,
} from '../../canvas/style.ts';
import type { ColorBy, Filters } from '../view/store.ts';
import type { EntityNode, GraphData, RelEdge } from './types.ts';

export interface NodeAttrs {
  label: string;
  size: number;
  color: string;
  type: NodeShape;
  hidden: boolean;
  entity: string;
  x: number;
  y: number;
}

export interface EdgeAttrs {
  size: number;
  color: string;
  type: 'arrow' | 'line';
  hidden: boolean;
  relType: string;
}

/** Whether the filters keep a node (the analyst's hidden set is applied separately). */
export function passesFilters(node: EntityNode, filters: Filters): boolean {
  if (filters.labels && !filters.labels.includes(node.label)) return false;
  if (filters.regions && node.regionCodes.length > 0 && !node.regionCodes.some((c) => filters.regions?.includes(c)))
    return false;
  if (node.at) {
    const day = node.at.slice(0, 10);
    if (filters.from && day < filters.from) return false;
    if (filters.to && day > filters.to) return false;
  }
  if (node.amount !== undefined) {
    if (node.label === 'Shipment' && node.amount < filters.minPieces) return false;
    if (node.label === 'Payment' && node.amount < filters.minAmount) return false;
  }
  return true;
}

/** A stable small integer for a string, so a community or region keeps its colour as the canvas grows. */
export function hashIndex(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

export function nodeColor(node: EntityNode, colorBy: ColorBy): string {
  switch (colorBy) {
    case 'community':
      return node.community ? paletteColor(hashIndex(node.community)) : '#c8ccd2';
    case 'stage':
      return STAGE_COLORS[(node.stage ?? 'unknown') as keyof typeof STAGE_COLORS] ?? STAGE_COLORS.unknown;
    case 'region': {
      const code = node.regionCodes[0];
      return code ? paletteColor(hashIndex(code)) : '#c8ccd2';
    }
    default:
      return ENTITY_STYLE[node.label].color;
  }
}

export function deriveNode(
  node: EntityNode,
  data: GraphData,
  colorBy: ColorBy,
  filters: Filters,
  degree: number,
): Omit<NodeAttrs, 'x' | 'y'> {
  const style = ENTITY_STYLE[node.label];
  return {
    label: node.sharedBy ? `${node.name} ⇄` : node.name,
    // Hubs of the investigation grow a little, so the eye finds them; never more than double.
    size: style.size * Math.min(2, 1 + Math.log10(1 + degree) / 2),
    color: nodeColor(node, colorBy),
    type: style.shape,
    hidden: data.hidden.has(node.key) || !passesFilters(node, filters),
    entity: node.label,
  };
}

export function deriveEdge(edge: RelEdge, hiddenNodes: ReadonlySet<string>): EdgeAttrs {
  const flow = edge.type === 'FLOW';
  return {
    size: flow ? 2.5 : 1,
    color: flow ? '#d35400' : EDGE_COLOR,
    type: flow || DIRECTED_TYPES.has(edge.type as never) ? 'arrow' : 'line',
    hidden: hiddenNodes.has(edge.source) || hiddenNodes.has(edge.target),
    relType: edge.type,
  };
}

/** Where a new node appears: beside a neighbour already placed, else near the centre of what is drawn. */
export function initialPosition(
  graph: Graph,
  key: string,
  neighbours: readonly string[],
  pending: ReadonlySet<string>,
): { x: number; y: number } {
  const h = hashIndex(key);
  const angle = ((h % 3600) / 3600) * 2 * Math.PI;
  const radius = 8 + (h % 17);
  const placed = neighbours.find((n) => graph.hasNode(n) && !pending.has(n));
  if (placed) {
    const at = graph.getNodeAttributes(placed) as NodeAttrs;
    return { x: at.x + Math.cos(angle) * radius, y: at.y + Math.sin(angle) * radius };
  }
  const spread = 20 + Math.sqrt(graph.order) * 6;
  return { x: Math.cos(angle) * spread * ((h % 97) / 97), y: Math.sin(angle) * spread * ((h % 89) / 89) };
}

export type Positions = ReadonlyMap<string, { x: number; y: number }>;

/**
 * Brings the sigma graph in line with the data and view: adds, drops and restyles; keeps x and y.
 * New nodes take their place from `positions` (a reopened investigation), else beside a neighbour.
 */
export function syncGraph(
  graph: Graph,
  data: GraphData,
  colorBy: ColorBy,
  filters: Filters,
  positions: Positions = new Map(),
): void {
  for (const key of graph.nodes()) if (!data.nodes.has(key)) graph.dropNode(key);
  const degree = new Map<string, number>();
  for (const e of data.edges.values()) {
    degree.set(e.source, (degree.get(e.source) ?? 0) + 1);
    degree.set(e.target, (degree.get(e.target) ?? 0) + 1);
  }
  const hidden = new Set<string>();
  const fresh = new Set<string>();
  for (const node of data.nodes.values()) {
    const attrs = deriveNode(node, data, colorBy, filters, degree.get(node.key) ?? 0);
    if (attrs.hidden) hidden.add(node.key);
    if (graph.hasNode(node.key)) graph.mergeNodeAttributes(node.key, attrs);
    else {
      const at = positions.get(node.key);
      graph.addNode(node.key, { ...attrs, x: at?.x ?? 0, y: at?.y ?? 0 });
      if (!at) fresh.add(node.key);
    }
  }
  for (const key of graph.edges()) if (!data.edges.has(key)) graph.dropEdge(key);
  for (const edge of data.edges.values()) {
    const attrs = deriveEdge(edge, hidden);
    if (graph.hasEdge(edge.key)) graph.mergeEdgeAttributes(edge.key, attrs);
    else if (graph.hasNode(edge.source) && graph.hasNode(edge.target))
      graph.addDirectedEdgeWithKey(edge.key, edge.source, edge.target, attrs);
  }
  if (fresh.size === 0) return;
  const adjacency = new Map<string, string[]>();
  for (const e of data.edges.values()) {
    if (fresh.has(e.source)) (adjacency.get(e.source) ?? adjacency.set(e.source, []).get(e.source))?.push(e.target);
    if (fresh.has(e.target)) (adjacency.get(e.target) ?? adjacency.set(e.target, []).get(e.target))?.push(e.source);
  }
  const pending = new Set(fresh);
  for (const key of fresh) {
    graph.mergeNodeAttributes(key, initialPosition(graph, key, adjacency.get(key) ?? [], pending));
    pending.delete(key);
  }
}
