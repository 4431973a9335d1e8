/**
 * API answers → canvas elements: neighbours of an expand, the hops of a traced path, the members
 * and flows of a detected chain. Pure, so the mapping is tested without a browser.
 */
import { labelOfKey, type EntityLabel, type RelType } from '../../../../server/domain/model.ts';
import type { CommunityView, ExpandResult, TraceResult } from '../api/endpoints.ts';
import { edgeKey, type EntityNode, type RelEdge } from './types.ts';

type Ref = { key: string; label: string; name: string | null; regionCodes?: string[]; regions?: string[] };

export function toNode(ref: Ref & { at?: string; amount?: number; sharedBy?: string[] }): EntityNode {
  const label = (labelOfKey(ref.key) ?? ref.label) as EntityLabel;
  const node: EntityNode = {
    key: ref.key,
    label,
    name: ref.name ?? ref.key,
    regionCodes: ref.regionCodes ?? ref.regions ?? [],
  };
  if (ref.at) node.at = ref.at;
  if (ref.amount !== undefined) node.amount = ref.amount;
  if (ref.sharedBy && ref.sharedBy.length > 0) node.sharedBy = ref.sharedBy;
  return node;
}

export interface Elements {
  nodes: EntityNode[];
  edges: RelEdge[];
}

/** Neighbours as nodes, and one edge per neighbour in its stored direction. */
export function expandElements(result: ExpandResult): Elements {
  const nodes = [toNode(result.node)];
  const edges: RelEdge[] = [];
  for (const group of result.groups) {
    for (const item of group.items) {
      nodes.push(toNode(item));
      const [source, target] = group.direction === 'out' ? [result.node.key, item.key] : [item.key, result.node.key];
      edges.push({ key: edgeKey(source, group.type, target), source, target, type: group.type });
    }
  }
  return { nodes, edges };
}

export type Candidate = TraceResult['candidates'][number];

/** A traced path: its parties, and a FLOW edge per hop (an OPERATES link stays what it is). */
export function traceElements(candidate: Candidate): Elements {
  const nodes = new Map<string, EntityNode>();
  const edges: RelEdge[] = [];
  for (const hop of candidate.path) {
    for (const ref of [hop.from, hop.to]) if (!nodes.has(ref.key)) nodes.set(ref.key, toNode(ref));
    const type: RelType | 'FLOW' = hop.link ?? 'FLOW';
    edges.push({ key: edgeKey(hop.from.key, type, hop.to.key), source: hop.from.key, target: hop.to.key, type });
  }
  return { nodes: [...nodes.values()], edges };
}

/** A chain's members with their stage and community, and its flows (evidence from → to) as FLOW edges. */
export function chainElements(community: CommunityView): Elements {
  const nodes = new Map<string, EntityNode>();
  for (const stage of community.chain) {
    for (const member of stage.members) {
      nodes.set(member.key, { ...toNode(member), stage: stage.stage, community: community.id });
    }
  }
  const edges = new Map<string, RelEdge>();
  for (const item of community.evidence) {
    if (!item.from || !item.to || !nodes.has(item.from.key) || !nodes.has(item.to.key)) continue;
    const key = edgeKey(item.from.key, 'FLOW', item.to.key);
    edges.set(key, { key, source: item.from.key, target: item.to.key, type: 'FLOW' });
  }
  return { nodes: [...nodes.values()], edges: [...edges.values()] };
}
