/**
 * Layouts that need no simulation: a detected chain left to right by stage, and a grouped layout
 * (communities packed on a spiral, members on rings around their centre) for graphs too large for
 * ForceAtlas2 in the browser. Both are pure: they return positions, the canvas applies them.
 */
import { STAGE_ORDER } from '../../canvas/style.ts';
import type { EntityNode } from './types.ts';

export type Layout = Map<string, { x: number; y: number }>;

/** Stages as columns in the chain's order (others last), members of a stage stacked and centred. */
export function chainLayout(
  nodes: readonly EntityNode[],
  order: readonly string[] = STAGE_ORDER,
  columnGap = 160,
  rowGap = 36,
): Layout {
  const columns = new Map<string, EntityNode[]>();
  for (const node of nodes) {
    const stage = node.stage ?? 'unknown';
    (columns.get(stage) ?? columns.set(stage, []).get(stage))?.push(node);
  }
  const rank = (stage: string) => (order.includes(stage) ? order.indexOf(stage) : order.length);
  const stages = [...columns.keys()].sort((a, b) => rank(a) - rank(b));
  const out: Layout = new Map();
  stages.forEach((stage, column) => {
    const members = (columns.get(stage) ?? []).sort((a, b) => a.key.localeCompare(b.key));
    members.forEach((node, row) => {
      out.set(node.key, { x: column * columnGap, y: (row - (members.length - 1) / 2) * rowGap });
    });
  });
  return out;
}

/** Groups (by community, else by label) placed on a sunflower spiral, biggest first; members on rings. */
export function groupedLayout(nodes: readonly EntityNode[], spacing = 6): Layout {
  const groups = new Map<string, EntityNode[]>();
  for (const node of nodes) {
    const group = node.community ?? `label:${node.label}`;
    (groups.get(group) ?? groups.set(group, []).get(group))?.push(node);
  }
  const ordered = [...groups.entries()].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));
  const out: Layout = new Map();
  const golden = Math.PI * (3 - Math.sqrt(5));
  let reach = 0;
  ordered.forEach(([, members], i) => {
    const radius = Math.sqrt(members.length) * spacing;
    reach = Math.max(reach, radius);
    const distance = i === 0 ? 0 : Math.sqrt(i) * reach * 2.2;
    const cx = Math.cos(i * golden) * distance;
    const cy = Math.sin(i * golden) * distance;
    members
      .sort((a, b) => a.key.localeCompare(b.key))
      .forEach((node, j) => {
        // Sunflower inside the group too: even density, no overlap at any size.
        const r = Math.sqrt(j + 0.5) * spacing;
        out.set(node.key, { x: cx + Math.cos(j * golden) * r, y: cy + Math.sin(j * golden) * r });
      });
  });
  return out;
}
