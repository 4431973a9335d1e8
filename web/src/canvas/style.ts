/**
 * How each entity label looks on the canvas: a node program (shape) and a colour per label, the
 * relationship types drawn with arrows, and the palettes used to colour by community, stage or
 * region. The legend reads the same tables, so canvas and legend cannot disagree.
 */
import type { EntityLabel, RelType } from '../../../server/domain/model.ts';
import { STAGES, type Stage } from '../../../server/domain/stages.ts';

/** Node programs registered in settings.ts: the shape a label is drawn with. */
export type NodeShape = 'circle' | 'square' | 'ring';

export const ENTITY_STYLE: Readonly<Record<EntityLabel, { shape: NodeShape; color: string; size: number }>> = {
  Company: { shape: 'square', color: '#c0392b', size: 7 },
  Person: { shape: 'circle', color: '#2c6fbb', size: 6 },
  Shop: { shape: 'ring', color: '#e67e22', size: 6 },
  Address: { shape: 'circle', color: '#7f8c8d', size: 3.5 },
  Phone: { shape: 'circle', color: '#16a085', size: 3.5 },
  Account: { shape: 'circle', color: '#8e44ad', size: 3.5 },
  Shipment: { shape: 'square', color: '#a07a4a', size: 3 },
  Payment: { shape: 'square', color: '#6c5ce7', size: 3 },
  Case: { shape: 'ring', color: '#d63031', size: 8 },
  Brand: { shape: 'ring', color: '#2d3436', size: 5 },
};

/** Types with a meaningful direction (a flow or an assertion) get arrow heads. */
export const DIRECTED_TYPES: ReadonlySet<RelType> = new Set<RelType>([
  'SENT_BY',
  'SENT_TO',
  'FROM_ACCOUNT',
  'TO_ACCOUNT',
  'FROM_ADDR',
  'TO_ADDR',
  'LEGAL_REP_OF',
  'SHAREHOLDER_OF',
  'OPERATES',
  'INVOLVES',
  'INFRINGES',
]);

export const EDGE_COLOR = '#b8c0cc';
export const DIMMED_NODE = '#e3e6ea';
export const DIMMED_EDGE = '#f0f1f3';
export const HIGHLIGHT = '#f1c40f';

/** A categorical palette (colour-blind aware, after Okabe–Ito and Tableau 10) cycled by index. */
export const PALETTE = [
  '#0072b2',
  '#e69f00',
  '#009e73',
  '#d55e00',
  '#cc79a7',
  '#56b4e9',
  '#8c564b',
  '#bcbd22',
  '#7f7f7f',
  '#17becf',
  '#9467bd',
  '#2ca02c',
];

/** Colours of the chain stages (server/domain/stages.ts), and of members without one. */
export const STAGE_COLORS: Readonly<Record<Stage | 'unknown', string>> = {
  materials: '#e67e22',
  production: '#c0392b',
  storage: '#f1c40f',
  wholesale: '#27ae60',
  retail: '#2980b9',
  finance: '#7f8c8d',
  other: '#9b59b6',
  unknown: '#bdc3c7',
};

/** The stage order of a chain, left to right. */
export const STAGE_ORDER: readonly string[] = STAGES;

export function paletteColor(index: number): string {
  return PALETTE[((index % PALETTE.length) + PALETTE.length) % PALETTE.length] ?? '#999';
}
