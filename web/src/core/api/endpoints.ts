/**
 * Typed calls of the Quanlian API. The types come from the server's own zod schemas (type-only
 * imports: nothing of the server is bundled), so a change of contract fails the web typecheck.
 */
import type { SessionInfo } from '../../../../server/http/routes/auth.ts';
import type { EntityDetail, ExpandResult, SearchResult } from '../../../../server/explore/schemas.ts';
import type { PathResult } from '../../../../server/explore/path.ts';
import type { TraceResult } from '../../../../server/trace/service.ts';
import type { Hotspots } from '../../../../server/hotspots/service.ts';
import type { CommunityListItem, CommunityView, JobView, RunView } from '../../../../server/http/routes/detect.ts';
import type { SourceRowsView } from '../../../../server/http/routes/ingest.ts';
import type { ExportRecorded } from '../../../../server/http/routes/explore.ts';
import { api, setCsrfToken } from './client.ts';

export type { EntityDetail, ExpandResult, SearchResult, PathResult, TraceResult, Hotspots };
export type { CommunityListItem, CommunityView, JobView, RunView, SessionInfo, SourceRowsView };

export type SessionUser = SessionInfo['user'];

export async function login(username: string, password: string): Promise<SessionInfo> {
  const info = await api<SessionInfo>('POST', '/api/auth/login', { body: { username, password } });
  setCsrfToken(info.csrfToken);
  return info;
}

export async function me(): Promise<SessionInfo> {
  const info = await api<SessionInfo>('GET', '/api/auth/me');
  setCsrfToken(info.csrfToken);
  return info;
}

export async function logout(): Promise<void> {
  await api('POST', '/api/auth/logout');
  setCsrfToken(null);
}

export const search = (q: string, options: { labels?: string[]; limit?: number; cursor?: string } = {}) =>
  api<SearchResult>('GET', '/api/search', { query: { q, ...options } });

const enc = encodeURIComponent;

/** Records a canvas export in the audit log; the file is made only once this has answered. */
export const recordExport = (format: 'png' | 'gexf' | 'graphml' | 'csv', nodes: string[], edges: number) =>
  api<ExportRecorded>('POST', '/api/exports', { body: { format, nodes, edges } });

export const entity = (key: string) => api<EntityDetail>('GET', `/api/entities/${enc(key)}`);

/** The original rows of a source file behind an entity's provenance (audited; identifiers masked). */
export const sourceRows = (batchId: string, lines: number[]) =>
  api<SourceRowsView>('GET', `/api/batches/${enc(batchId)}/rows`, { query: { lines: lines.slice(0, 50).join(',') } });

export const neighbours = (
  key: string,
  options: { types?: string[]; direction?: 'in' | 'out' | 'both'; limitPerType?: number } = {},
) => api<ExpandResult>('GET', `/api/entities/${enc(key)}/neighbours`, { query: options });

export const paths = (from: string, to: string, options: { maxHops?: number; limit?: number } = {}) =>
  api<PathResult>('GET', '/api/path', { query: { from, to, ...options } });

export const trace = (key: string, options: { depth?: number; toleranceDays?: number; limit?: number } = {}) =>
  api<TraceResult>('GET', `/api/trace/${enc(key)}`, { query: options });

export const unmask = (key: string, reason: string) =>
  api<{ key: string; field: string; masked: string | null; value: string }>(
    'POST',
    `/api/entities/${enc(key)}/unmask`,
    { body: { reason } },
  );

export const runs = (limit = 20) => api<{ items: RunView[] }>('GET', '/api/runs', { query: { limit } });

export const communities = (runId: string, options: { flagged?: boolean; offset?: number; limit?: number } = {}) =>
  api<{ items: CommunityListItem[] }>('GET', `/api/runs/${enc(runId)}/communities`, {
    query: { flagged: options.flagged ? 'true' : 'false', offset: options.offset, limit: options.limit },
  });

export const community = (id: string) => api<CommunityView>('GET', `/api/communities/${enc(id)}`);

export const startRun = (params: { resolution?: number; seed?: number } = {}) =>
  api<JobView>('POST', '/api/runs', { body: params });

export const job = (id: string) => api<JobView>('GET', `/api/jobs/${enc(id)}`);

export const cancelJob = (id: string) => api<JobView>('POST', `/api/jobs/${enc(id)}/cancel`);

export const hotspots = (query: { from?: string; to?: string; category?: string; region?: string } = {}) =>
  api<Hotspots>('GET', '/api/hotspots', { query });
