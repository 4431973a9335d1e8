/** Saved investigations: the canvas (entities, positions, hidden), filters and notes, kept server-side. */
import type {
  Investigation,
  InvestigationList,
  InvestigationState,
} from '../../../../server/investigations/schemas.ts';
import { api } from './client.ts';

export type { Investigation, InvestigationList, InvestigationState };

const enc = encodeURIComponent;

export const listInvestigations = () => api<InvestigationList>('GET', '/api/investigations', { query: { limit: 100 } });
export const getInvestigation = (id: string) => api<Investigation>('GET', `/api/investigations/${enc(id)}`);
export const createInvestigation = (body: {
  title: string;
  notes: string;
  state: InvestigationState;
  shared: boolean;
}) => api<Investigation>('POST', '/api/investigations', { body });
export const updateInvestigation = (
  id: string,
  body: { title?: string; notes?: string; state?: InvestigationState; shared?: boolean; version: number },
) => api<Investigation>('POST', `/api/investigations/${enc(id)}`, { body });
export const deleteInvestigation = (id: string) =>
  api<{ id: string; deleted: true }>('DELETE', `/api/investigations/${enc(id)}`);
