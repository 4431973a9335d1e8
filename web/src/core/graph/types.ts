/**
 * The investigation's data, kept apart from how it is drawn: entities and relationships as the API
 * returned them, plus what the analyst did to them (hidden). Render attributes (x, y, size, colour)
 * live only in the derived sigma graph (derive.ts).
 */
import type { EntityLabel, RelType } from '../../../../server/domain/model.ts';

export interface EntityNode {
  key: string;
  label: EntityLabel;
  name: string;
  regionCodes: string[];
  /** Shipments, payments and cases: when it happened (ISO date or date-time). */
  at?: string;
  /** Pieces of a shipment; yuan of a payment or a case. */
  amount?: number;
  /** Set when the node came from a detected chain: its community and stage in it. */
  community?: string;
  stage?: string;
  /** Regions that shared it through a case packet: drawn with a mark, so shared facts stand out. */
  sharedBy?: string[];
}

/** A stored relationship, or FLOW: goods or money moving between two parties (trace hops, chain evidence). */
export type EdgeType = RelType | 'FLOW';

export interface RelEdge {
  key: string;
  source: string;
  target: string;
  type: EdgeType;
}

export interface GraphData {
  nodes: ReadonlyMap<string, EntityNode>;
  edges: ReadonlyMap<string, RelEdge>;
  /** Keys the analyst hid (kept on the canvas data, not drawn). */
  hidden: ReadonlySet<string>;
}

export const EMPTY_GRAPH: GraphData = { nodes: new Map(), edges: new Map(), hidden: new Set() };

export function edgeKey(source: string, type: EdgeType, target: string): string {
  return `${source}|${type}|${target}`;
}
