/** Pure updates of GraphData: each returns a new value and leaves its input untouched. */
import type { EntityNode, GraphData, RelEdge } from './types.ts';

/** Adds nodes and edges; a node already present keeps its data but gains community/stage/time if new. */
export function addElements(data: GraphData, nodes: readonly EntityNode[], edges: readonly RelEdge[]): GraphData {
  const nextNodes = new Map(data.nodes);
  let changed = false;
  for (const node of nodes) {
    const old = nextNodes.get(node.key);
    if (!old) {
      nextNodes.set(node.key, node);
      changed = true;
    } else {
      const merged = { ...node, ...old, community: node.community ?? old.community, stage: node.stage ?? old.stage };
      if (merged.community !== old.community || merged.stage !== old.stage) {
        nextNodes.set(node.key, merged);
        changed = true;
      }
    }
  }
  const nextEdges = new Map(data.edges);
  for (const edge of edges) {
    if (nextEdges.has(edge.key) || !nextNodes.has(edge.source) || !nextNodes.has(edge.target)) continue;
    nextEdges.set(edge.key, edge);
    changed = true;
  }
  const hidden = new Set(data.hidden);
  for (const node of nodes) if (hidden.delete(node.key)) changed = true;
  return changed ? { nodes: nextNodes, edges: nextEdges, hidden } : data;
}

/** Removes nodes and every edge touching them. */
export function removeNodes(data: GraphData, keys: Iterable<string>): GraphData {
  const drop = new Set(keys);
  if (![...drop].some((k) => data.nodes.has(k))) return data;
  const nodes = new Map([...data.nodes].filter(([k]) => !drop.has(k)));
  const edges = new Map([...data.edges].filter(([, e]) => !drop.has(e.source) && !drop.has(e.target)));
  const hidden = new Set([...data.hidden].filter((k) => !drop.has(k)));
  return { nodes, edges, hidden };
}

export function hideNodes(data: GraphData, keys: Iterable<string>): GraphData {
  const hidden = new Set(data.hidden);
  for (const k of keys) if (data.nodes.has(k)) hidden.add(k);
  return hidden.size === data.hidden.size ? data : { ...data, hidden };
}

export function showAll(data: GraphData): GraphData {
  return data.hidden.size === 0 ? data : { ...data, hidden: new Set() };
}

/** Keys of the nodes adjacent to `key`. */
export function neighboursOf(data: GraphData, key: string): Set<string> {
  const out = new Set<string>();
  for (const edge of data.edges.values()) {
    if (edge.source === key) out.add(edge.target);
    else if (edge.target === key) out.add(edge.source);
  }
  return out;
}
