/**
 * View state of the workbench: filters, colouring, selection and the highlighted trace path. None of
 * it changes the investigation data; the sigma graph and its reducers are derived from it.
 */
import type { EntityLabel } from '../../../../server/domain/model.ts';
import { createStore } from '../store.ts';

export type ColorBy = 'type' | 'community' | 'stage' | 'region';

export interface Filters {
  /** Inclusive day bounds (YYYY-MM-DD) on shipments, payments and cases; null: open. */
  from: string | null;
  to: string | null;
  /** Region codes shown (null: all). Entities with no region always show. */
  regions: string[] | null;
  /** Entity labels shown (null: all). */
  labels: EntityLabel[] | null;
  minPieces: number;
  minAmount: number;
}

export const NO_FILTERS: Filters = { from: null, to: null, regions: null, labels: null, minPieces: 0, minAmount: 0 };

export interface Highlight {
  nodes: ReadonlySet<string>;
  edges: ReadonlySet<string>;
}

export interface ViewState {
  colorBy: ColorBy;
  filters: Filters;
  selected: string | null;
  highlight: Highlight | null;
}

export const viewStore = createStore<ViewState>({
  colorBy: 'type',
  filters: NO_FILTERS,
  selected: null,
  highlight: null,
});

export const setFilters = (patch: Partial<Filters>) =>
  viewStore.set((v) => ({ ...v, filters: { ...v.filters, ...patch } }));
export const setColorBy = (colorBy: ColorBy) => viewStore.set((v) => ({ ...v, colorBy }));
export const select = (selected: string | null) =>
  viewStore.set((v) => (v.selected === selected ? v : { ...v, selected }));
export const setHighlight = (highlight: Highlight | null) => viewStore.set((v) => ({ ...v, highlight }));
