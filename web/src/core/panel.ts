/** What the right-hand panel shows, and short notices (toasts) for the outcome of a move. */
import { createStore } from './store.ts';

export type Panel =
  | { kind: 'detail'; key: string }
  | { kind: 'trace'; key: string }
  | { kind: 'chain'; id: string }
  | { kind: 'save' }
  | null;

export const panelStore = createStore<Panel>(null);
export const openPanel = (panel: Panel) => panelStore.set(panel);

export interface Notice {
  id: number;
  text: string;
  tone: 'info' | 'error';
  action?: { label: string; run: () => void };
}
export const noticeStore = createStore<Notice[]>([]);
let nextId = 1;
export function notify(text: string, tone: Notice['tone'] = 'info', action?: Notice['action']): void {
  const id = nextId++;
  noticeStore.set((list) => [...list.slice(-4), { id, text, tone, ...(action ? { action } : {}) }]);
  setTimeout(() => dismiss(id), tone === 'error' ? 10_000 : 6_000);
}
export const dismiss = (id: number) => noticeStore.set((list) => list.filter((n) => n.id !== id));

/** Long work in progress (a detection run, a big expand): shown as a bar. */
export const busyStore = createStore<{ label: string; percent: number | null } | null>(null);
