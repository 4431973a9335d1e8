/**
 * The canvas's investigation data with undo/redo: every analyst move (add, expand, hide, remove,
 * open a chain) is one step in the history; filters and colouring are view state and are not.
 */
import { createStore } from '../store.ts';
import { EMPTY_GRAPH, type GraphData } from './types.ts';

export interface GraphHistory {
  present: GraphData;
  past: GraphData[];
  future: GraphData[];
}

const LIMIT = 100;

export const graphStore = createStore<GraphHistory>({ present: EMPTY_GRAPH, past: [], future: [] });

/** Applies a pure update as one undoable step (no step when nothing changed). */
export function commit(update: (data: GraphData) => GraphData): void {
  graphStore.set((h) => step(h, update));
}

export function step(h: GraphHistory, update: (data: GraphData) => GraphData): GraphHistory {
  const next = update(h.present);
  if (next === h.present) return h;
  return { present: next, past: [...h.past, h.present].slice(-LIMIT), future: [] };
}

export function undo(h: GraphHistory): GraphHistory {
  const previous = h.past[h.past.length - 1];
  if (!previous) return h;
  return { present: previous, past: h.past.slice(0, -1), future: [h.present, ...h.future] };
}

export function redo(h: GraphHistory): GraphHistory {
  const next = h.future[0];
  if (!next) return h;
  return { present: next, past: [...h.past, h.present], future: h.future.slice(1) };
}

/** Replaces the canvas (opening a saved investigation): a step too, so it can be undone. */
export function replaceGraph(data: GraphData): void {
  commit(() => data);
}
