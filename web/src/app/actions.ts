/**
 * The investigative moves, each one undoable step on the canvas: add what a search found, expand a
 * node's neighbours (reporting what the caps left out), show a traced path, open a detected chain.
 * Failures become notices in words a user understands; nothing half-applied is left behind.
 */
import * as api from '../core/api/endpoints.ts';
import { chainElements, expandElements, toNode, traceElements, type Candidate } from '../core/graph/from-api.ts';
import { chainLayout } from '../core/graph/layouts.ts';
import { addElements, hideNodes, removeNodes, showAll } from '../core/graph/ops.ts';
import { commit, graphStore, redo, undo } from '../core/graph/store.ts';
import { langStore, makeT } from '../core/i18n/index.ts';
import { busyStore, notify, openPanel } from '../core/panel.ts';
import { select, setColorBy, setHighlight, viewStore } from '../core/view/store.ts';
import { applyLayout, settle } from '../canvas/layout.ts';
import { fitView } from '../canvas/instance.ts';

const t = () => makeT(langStore.get());

export function report(error: unknown): void {
  notify(t().error(error), 'error');
}

export function addSearchItems(items: api.SearchResult['items']): void {
  commit((data) => addElements(data, items.map(toNode), []));
  const last = items[items.length - 1];
  if (last) {
    select(last.key);
    if (items.length === 1) openPanel({ kind: 'detail', key: last.key });
  }
  settle();
}

export async function expand(key: string, types?: string[], limitPerType = 25): Promise<void> {
  busyStore.set({ label: t()('common.loading'), percent: null });
  try {
    const result = await api.neighbours(key, { ...(types ? { types } : {}), limitPerType });
    const { nodes, edges } = expandElements(result);
    commit((data) => addElements(data, nodes, edges));
    settle();
    const tr = t();
    for (const group of result.groups.filter((g) => g.more > 0)) {
      notify(tr('expand.more', { type: tr.rel(group.type), n: group.more }), 'info', {
        label: tr('expand.loadMore'),
        run: () => void expand(key, [group.type], 200),
      });
    }
    if (result.partial) notify(tr('expand.partial'));
  } catch (error) {
    report(error);
  } finally {
    busyStore.set(null);
  }
}

export function showTracePath(candidate: Candidate): void {
  const { nodes, edges } = traceElements(candidate);
  commit((data) => addElements(data, nodes, edges));
  setHighlight({ nodes: new Set(nodes.map((n) => n.key)), edges: new Set(edges.map((e) => e.key)) });
  settle();
  setTimeout(fitView, 1600);
}

export async function openChain(id: string): Promise<void> {
  busyStore.set({ label: t()('common.loading'), percent: null });
  try {
    const community = await api.community(id);
    const { nodes, edges } = chainElements(community);
    commit((data) => addElements(data, nodes, edges));
    applyLayout(
      chainLayout(
        nodes,
        community.chain.map((s) => s.stage),
      ),
    );
    setColorBy('stage');
    setHighlight({ nodes: new Set(nodes.map((n) => n.key)), edges: new Set(edges.map((e) => e.key)) });
    openPanel({ kind: 'chain', id });
    setTimeout(fitView, 50);
  } catch (error) {
    report(error);
  } finally {
    busyStore.set(null);
  }
}

export function hide(keys: string[]): void {
  commit((data) => hideNodes(data, keys));
}

export function remove(keys: string[]): void {
  commit((data) => removeNodes(data, keys));
  if (keys.includes(viewStore.get().selected ?? '')) select(null);
}

export const unhideAll = () => commit(showAll);
export const undoStep = () => graphStore.set(undo);
export const redoStep = () => graphStore.set(redo);

export function clearCanvas(): void {
  commit((data) => removeNodes(data, [...data.nodes.keys()]));
  select(null);
  setHighlight(null);
  openPanel(null);
}
