/**
 * Hash routes, so the server serves one index.html for the app: #/workbench?entity=KEY opens an
 * entity by URL, #/chains/ID a detected chain, #/investigations/ID a saved investigation.
 */
import { useSyncExternalStore } from 'react';
import type { Role } from '../../../server/auth/roles.ts';

export type Page = 'workbench' | 'chains' | 'hotspots' | 'investigations' | 'packets' | 'imports' | 'admin';
export interface Route {
  page: Page;
  id: string | null;
  params: URLSearchParams;
}

const PAGES: Page[] = ['workbench', 'chains', 'hotspots', 'investigations', 'packets', 'imports', 'admin'];

export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?');
  const [first = '', ...rest] = path.split('/');
  const page = (PAGES as string[]).includes(first) ? (first as Page) : 'workbench';
  return { page, id: rest.length ? decodeURIComponent(rest.join('/')) : null, params: new URLSearchParams(query) };
}

export function navigate(page: Page, id?: string | null, params?: Record<string, string>): void {
  const query = params ? `?${new URLSearchParams(params).toString()}` : '';
  window.location.hash = `#/${page}${id ? `/${encodeURIComponent(id)}` : ''}${query}`;
}

const subscribe = (listener: () => void) => {
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
};

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseRoute(hash);
}

/** Where each role starts, and what it may open (leaders: aggregates; partners: shared packets). */
export const HOME: Record<Role, Page> = {
  admin: 'workbench',
  analyst: 'workbench',
  investigator: 'workbench',
  leader: 'hotspots',
  partner: 'packets',
};

export const PAGES_OF: Record<Role, Page[]> = {
  admin: ['workbench', 'chains', 'investigations', 'packets', 'hotspots', 'imports', 'admin'],
  analyst: ['workbench', 'chains', 'investigations', 'packets', 'hotspots', 'imports'],
  investigator: ['workbench', 'chains', 'investigations', 'packets', 'hotspots'],
  leader: ['hotspots'],
  partner: ['packets'],
};
