/**
 * Exports of the canvas: the investigation as a graphology graph (entity data plus the position and
 * colour it has on screen), written as GEXF (Gephi), GraphML, or two CSV files. Hidden and filtered
 * nodes are left out: an export is what the analyst sees.
 */
// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- an ambient module declaration is pulled in this way, for both the web and the root typecheck
/// <reference path="./gexf-writer.d.ts" />
import Graph from 'graphology';
import writeGexf from 'graphology-gexf/common/writer.js';
import type { GraphData } from './types.ts';

export interface Drawn {
  x: number;
  y: number;
  color: string;
  hidden: boolean;
}

export function exportGraph(data: GraphData, drawn: (key: string) => Drawn | undefined): Graph {
  const graph = new Graph({ type: 'directed', multi: false });
  for (const node of data.nodes.values()) {
    const at = drawn(node.key);
    if (!at || at.hidden) continue;
    graph.addNode(node.key, {
      label: node.name,
      entity: node.label,
      regions: node.regionCodes.join(';'),
      ...(node.at ? { at: node.at } : {}),
      ...(node.amount !== undefined ? { amount: node.amount } : {}),
      ...(node.community ? { community: node.community } : {}),
      ...(node.stage ? { stage: node.stage } : {}),
      x: at.x,
      y: at.y,
      color: at.color,
    });
  }
  for (const edge of data.edges.values()) {
    if (graph.hasNode(edge.source) && graph.hasNode(edge.target) && !graph.hasEdge(edge.key))
      graph.addDirectedEdgeWithKey(edge.key, edge.source, edge.target, { type: edge.type, label: edge.type });
  }
  return graph;
}

export function toGexf(graph: Graph): string {
  return writeGexf(graph, { version: '1.3', pretty: true });
}

const xml = (value: unknown) =>
  String(value).replace(
    /[<>&"']/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] ?? c,
  );

/** GraphML with typed keys for every attribute present (graphology-graphml only parses in browsers). */
export function toGraphML(graph: Graph): string {
  const keys = (items: Iterable<Record<string, unknown>>) => {
    const types = new Map<string, string>();
    for (const attrs of items)
      for (const [name, value] of Object.entries(attrs))
        if (!types.has(name)) types.set(name, typeof value === 'number' ? 'double' : 'string');
    return types;
  };
  const nodeKeys = keys(graph.mapNodes((_, a) => a));
  const edgeKeys = keys(graph.mapEdges((_, a) => a));
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">'];
  for (const [name, type] of nodeKeys)
    lines.push(`  <key id="n_${xml(name)}" for="node" attr.name="${xml(name)}" attr.type="${type}"/>`);
  for (const [name, type] of edgeKeys)
    lines.push(`  <key id="e_${xml(name)}" for="edge" attr.name="${xml(name)}" attr.type="${type}"/>`);
  lines.push('  <graph edgedefault="directed">');
  graph.forEachNode((key, attrs) => {
    const data = Object.entries(attrs).map(([n, v]) => `<data key="n_${xml(n)}">${xml(v)}</data>`);
    lines.push(`    <node id="${xml(key)}">${data.join('')}</node>`);
  });
  graph.forEachEdge((key, attrs, source, target) => {
    const data = Object.entries(attrs).map(([n, v]) => `<data key="e_${xml(n)}">${xml(v)}</data>`);
    lines.push(`    <edge id="${xml(key)}" source="${xml(source)}" target="${xml(target)}">${data.join('')}</edge>`);
  });
  lines.push('  </graph>', '</graphml>');
  return lines.join('\n');
}

const csvCell = (value: unknown) => {
  const text = value === undefined || value === null ? '' : String(value);
  // A leading = + - @ would run as a formula in a spreadsheet: quote it inert.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

export function toCsv(graph: Graph): { nodes: string; edges: string } {
  const nodeRows = [['key', 'entity', 'label', 'regions', 'at', 'amount', 'community', 'stage', 'x', 'y']];
  graph.forEachNode((key, a) =>
    nodeRows.push(
      [key, a.entity, a.label, a.regions, a.at, a.amount, a.community, a.stage, a.x, a.y].map((v) =>
        v === undefined ? '' : String(v),
      ),
    ),
  );
  const edgeRows = [['key', 'source', 'target', 'type']];
  graph.forEachEdge((key, a, source, target) => edgeRows.push([key, source, target, String(a.type)]));
  const text = (rows: string[][]) => '\uFEFF' + rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
  return { nodes: text(nodeRows), edges: text(edgeRows) };
}

/** Saves text or a blob as a download in the browser. */
export function download(name: string, content: string | Blob, type = 'text/plain'): void {
  const blob = typeof content === 'string' ? new Blob([content], { type: `${type};charset=utf-8` }) : content;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
