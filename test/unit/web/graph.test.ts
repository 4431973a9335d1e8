/**
 * The workbench's data layer without a browser: pure canvas updates with undo/redo, the data →
 * sigma derivation (filters, colours, shapes, positions kept), API answers → canvas elements, the
 * layouts, the saved-investigation round trip, and the exports read back by graphology.
 */
import Graph from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import { parse as parseGraphml } from 'graphology-graphml';
import { describe, expect, it } from 'vitest';
import { deriveEdge, deriveNode, passesFilters, syncGraph } from '../../../web/src/core/graph/derive.ts';
import { exportGraph, toCsv, toGexf, toGraphML } from '../../../web/src/core/graph/export.ts';
import { chainElements, expandElements, traceElements } from '../../../web/src/core/graph/from-api.ts';
import { chainLayout, groupedLayout } from '../../../web/src/core/graph/layouts.ts';
import { addElements, hideNodes, removeNodes } from '../../../web/src/core/graph/ops.ts';
import { fromState, toState } from '../../../web/src/core/graph/saved.ts';
import { redo, step, undo, type GraphHistory } from '../../../web/src/core/graph/store.ts';
import { EMPTY_GRAPH, edgeKey, type EntityNode, type GraphData } from '../../../web/src/core/graph/types.ts';
import { NO_FILTERS } from '../../../web/src/core/view/store.ts';
import { ENTITY_STYLE } from '../../../web/src/canvas/style.ts';
import { createStore } from '../../../web/src/core/store.ts';
import { translate } from '../../../web/src/core/i18n/index.ts';

/** Two front companies share one warehouse; a parcel from the warehouse to a shop in 2024-03. */
const factory: EntityNode = { key: 'uscc:F', label: 'Company', name: '抚州某酒业', regionCodes: ['361003'] };
const warehouse: EntityNode = { key: 'uscc:W', label: 'Company', name: '进贤仓库', regionCodes: ['360124'] };
const shop: EntityNode = { key: 'shop:S', label: 'Shop', name: '东湖名酒店', regionCodes: ['360102'] };
const parcel: EntityNode = {
  key: 'wb:1',
  label: 'Shipment',
  name: 'SF1',
  regionCodes: [],
  at: '2024-03-05T10:00:00',
  amount: 12,
};
const e1 = { key: edgeKey('wb:1', 'SENT_BY', 'uscc:W'), source: 'wb:1', target: 'uscc:W', type: 'SENT_BY' as const };
const e2 = { key: edgeKey('wb:1', 'SENT_TO', 'shop:S'), source: 'wb:1', target: 'shop:S', type: 'SENT_TO' as const };

function fixture(): GraphData {
  return addElements(EMPTY_GRAPH, [factory, warehouse, shop, parcel], [e1, e2]);
}

describe('canvas data and history', () => {
  it('adds, hides and removes purely, and undo/redo walk the steps', () => {
    const data = fixture();
    expect(EMPTY_GRAPH.nodes.size).toBe(0);
    expect([data.nodes.size, data.edges.size]).toEqual([4, 2]);
    expect(addElements(data, [factory], [e1])).toBe(data);
    const dangling = { key: 'x', source: 'uscc:F', target: 'nowhere', type: 'HOLDS' as const };
    expect(addElements(data, [], [dangling])).toBe(data);

    let h: GraphHistory = { present: EMPTY_GRAPH, past: [], future: [] };
    h = step(h, () => data);
    h = step(h, (d) => hideNodes(d, ['uscc:F']));
    h = step(h, (d) => removeNodes(d, ['wb:1']));
    expect([h.present.nodes.size, h.present.edges.size, h.present.hidden.has('uscc:F')]).toEqual([3, 0, true]);
    expect(step(h, (d) => d)).toBe(h);
    h = undo(h);
    expect(h.present.edges.size).toBe(2);
    h = undo(undo(h));
    expect(h.present).toBe(EMPTY_GRAPH);
    expect(undo(h)).toBe(h);
    h = redo(redo(h));
    expect(h.present.hidden.has('uscc:F')).toBe(true);
    expect(data.hidden.size).toBe(0);
  });

  it('notifies store subscribers only on change', () => {
    const store = createStore({ n: 1 });
    let calls = 0;
    const off = store.subscribe(() => calls++);
    store.set((s) => s);
    store.set({ n: 2 });
    off();
    store.set({ n: 3 });
    expect([calls, store.get().n]).toEqual([1, 3]);
  });
});

describe('data → sigma derivation', () => {
  it('filters by time, region, type and flow size', () => {
    expect(passesFilters(parcel, NO_FILTERS)).toBe(true);
    expect(passesFilters(parcel, { ...NO_FILTERS, from: '2024-03-06' })).toBe(false);
    expect(passesFilters(parcel, { ...NO_FILTERS, to: '2024-03-05' })).toBe(true);
    expect(passesFilters(parcel, { ...NO_FILTERS, minPieces: 13 })).toBe(false);
    expect(passesFilters(shop, { ...NO_FILTERS, regions: ['360124'] })).toBe(false);
    // An entity without a region (a parcel) stays when regions are filtered.
    expect(passesFilters(parcel, { ...NO_FILTERS, regions: ['360124'] })).toBe(true);
    expect(passesFilters(shop, { ...NO_FILTERS, labels: ['Company'] })).toBe(false);
  });

  it('derives shape, colour and visibility, and hides edges of hidden nodes', () => {
    const data = hideNodes(fixture(), ['shop:S']);
    const company = deriveNode(factory, data, 'type', NO_FILTERS, 0);
    expect([company.type, company.color, company.hidden, company.label]).toEqual([
      ENTITY_STYLE.Company.shape,
      ENTITY_STYLE.Company.color,
      false,
      '抚州某酒业',
    ]);
    expect(deriveNode(shop, data, 'type', NO_FILTERS, 0).hidden).toBe(true);
    expect(deriveNode(factory, data, 'region', NO_FILTERS, 0).color).toBe(
      deriveNode({ ...shop, key: 'other', regionCodes: ['361003'] }, data, 'region', NO_FILTERS, 0).color,
    );
    expect(deriveEdge(e2, new Set(['shop:S'])).hidden).toBe(true);
    expect(deriveEdge(e1, new Set()).type).toBe('arrow');
  });

  it('syncs the sigma graph incrementally and keeps positions across changes', () => {
    const graph = new Graph({ type: 'directed' });
    const data = fixture();
    syncGraph(graph, data, 'type', NO_FILTERS, new Map([['uscc:F', { x: 100, y: -50 }]]));
    expect([graph.order, graph.size]).toEqual([4, 2]);
    expect(graph.getNodeAttributes('uscc:F')).toMatchObject({ x: 100, y: -50 });
    graph.setNodeAttribute('uscc:W', 'x', 42);
    syncGraph(graph, removeNodes(data, ['shop:S']), 'stage', { ...NO_FILTERS, from: '2025-01-01' });
    expect([graph.order, graph.size]).toEqual([3, 1]);
    expect(graph.getNodeAttribute('uscc:W', 'x')).toBe(42);
    expect(graph.getNodeAttribute('wb:1', 'hidden')).toBe(true);
  });
});

describe('API answers → canvas elements', () => {
  it('maps an expand, a traced path and a chain', () => {
    const expanded = expandElements({
      node: { key: 'shop:S', label: 'Shop', name: '东湖名酒店', regionCodes: ['360102'] },
      groups: [
        {
          type: 'SENT_TO',
          direction: 'in',
          more: 3,
          items: [{ ...parcel, relationship: { properties: {}, srcCount: 1 } }],
        },
      ],
      partial: false,
    });
    expect(expanded.edges).toEqual([
      { key: edgeKey('wb:1', 'SENT_TO', 'shop:S'), source: 'wb:1', target: 'shop:S', type: 'SENT_TO' },
    ]);
    expect(expanded.nodes[1]).toMatchObject({ key: 'wb:1', at: parcel.at, amount: 12 });

    const hop = (from: EntityNode, to: EntityNode) => ({
      from: { key: from.key, label: from.label, name: from.name },
      to: { key: to.key, label: to.label, name: to.name },
      shipments: null,
      payments: null,
      corroborated: false,
      link: null,
      strength: 1,
      thin: null,
    });
    const traced = traceElements({
      key: 'uscc:F',
      label: 'Company',
      name: '抚州某酒业',
      depth: 2,
      score: 1,
      reasons: [],
      thin: false,
      beyond: null,
      path: [hop(warehouse, shop), hop(factory, warehouse)],
    });
    expect(traced.nodes.map((n) => n.key)).toEqual(['uscc:W', 'shop:S', 'uscc:F']);
    expect(traced.edges.map((e) => [e.source, e.type, e.target])).toEqual([
      ['uscc:W', 'FLOW', 'shop:S'],
      ['uscc:F', 'FLOW', 'uscc:W'],
    ]);

    const member = (n: EntityNode) => ({ key: n.key, name: n.name, label: n.label, role: 'x', regions: n.regionCodes });
    const chain = chainElements({
      id: 'c1',
      chain: [
        { stage: 'production', zh: '生产', en: 'Production', members: [member(factory)] },
        { stage: 'retail', zh: '零售', en: 'Retail', members: [member(shop)] },
      ],
      evidence: [{ kind: 'shipment', from: member(factory), to: member(shop), count: 3, note: '', records: [] }],
    } as never);
    expect(chain.nodes.map((n) => [n.key, n.stage, n.community])).toEqual([
      ['uscc:F', 'production', 'c1'],
      ['shop:S', 'retail', 'c1'],
    ]);
    expect(chain.edges).toHaveLength(1);
    const layout = chainLayout(chain.nodes);
    expect((layout.get('uscc:F')?.x ?? 0) < (layout.get('shop:S')?.x ?? 0)).toBe(true);
  });

  it('lays out groups without overlap', () => {
    const nodes = Array.from({ length: 300 }, (_, i) => ({ ...shop, key: `shop:${i}`, community: `c${i % 7}` }));
    const layout = groupedLayout(nodes);
    const points = [...layout.values()];
    expect(layout.size).toBe(300);
    let closest = Infinity;
    for (let i = 0; i < points.length; i++)
      for (let j = i + 1; j < points.length; j++) {
        const a = points[i];
        const b = points[j];
        if (a && b) closest = Math.min(closest, Math.hypot(a.x - b.x, a.y - b.y));
      }
    expect(closest).toBeGreaterThan(1);
  });
});

describe('saving and exporting', () => {
  it('round-trips a canvas through the saved state', () => {
    const data = hideNodes(fixture(), ['uscc:F']);
    const positions = new Map([...data.nodes.keys()].map((k, i) => [k, { x: i, y: -i }]));
    const filters = { ...NO_FILTERS, minPieces: 5 };
    const back = fromState(toState(data, positions, filters));
    expect([...back.data.nodes.values()]).toEqual([...data.nodes.values()]);
    expect([...back.data.edges.values()]).toEqual([...data.edges.values()]);
    expect(back.data.hidden).toEqual(data.hidden);
    expect(back.positions).toEqual(positions);
    expect(back.filters).toEqual(filters);
  });

  it('exports what is drawn as GEXF, GraphML and CSV that read back', () => {
    const data = fixture();
    const drawn = (key: string) => ({ x: 1, y: 2, color: '#000', hidden: key === 'shop:S' });
    const graph = exportGraph(data, drawn);
    expect([graph.order, graph.size]).toEqual([3, 1]);
    const gexf = parseGexf(Graph, toGexf(graph));
    expect([gexf.order, gexf.size, gexf.getNodeAttribute('uscc:F', 'label')]).toEqual([3, 1, '抚州某酒业']);
    const graphml = parseGraphml(Graph, toGraphML(graph));
    expect([graphml.order, graphml.size, graphml.getNodeAttribute('wb:1', 'entity')]).toEqual([3, 1, 'Shipment']);
    const csv = toCsv(graph);
    expect(csv.nodes.split('\r\n').filter(Boolean)).toHaveLength(4);
    expect(csv.edges).toContain('SENT_BY');
    const hostile = exportGraph(addElements(EMPTY_GRAPH, [{ ...shop, name: '=HYPERLINK("x")' }], []), () => drawn('x'));
    expect(toCsv(hostile).nodes).toContain(`"'=HYPERLINK(""x"")"`);
  });

  it('fills message placeholders in both languages', () => {
    expect(translate('zh', 'canvas.nodes', { n: 3 })).toBe('3 个节点');
    expect(translate('en', 'canvas.nodes', { n: 3 })).toBe('3 nodes');
  });
});
