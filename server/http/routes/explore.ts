/** Search, entity detail and expand, for the roles that explore the graph; every read audited. */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { EXPLORERS } from '../../auth/roles.ts';
import { maskDigitRuns } from '../../domain/pii.ts';
import {
  entityDetail,
  EntityDetailSchema,
  EntityParamsSchema,
  expand,
  ExpandQuerySchema,
  ExpandResultSchema,
  search,
  SearchQuerySchema,
  SearchResultSchema,
} from '../../explore/service.ts';
import { EntityKeySchema } from '../../explore/schemas.ts';
import { findPathsBetween, PathQuerySchema, PathResultSchema } from '../../explore/path.ts';
import { defineRoute, type AnyRoute } from '../route.ts';

/** What a search asked for, as the audit log keeps it: long digit runs (IDs, phones) masked. */
export function auditableQuery(q: string): string {
  return maskDigitRuns(q).slice(0, 200);
}

/** The most entities one canvas export may name (the workbench draws tens of thousands at most). */
export const EXPORT_MAX_NODES = 50_000;
/** Keys the audit event lists by name; the rest it counts and fingerprints. */
const EXPORT_KEYS_LISTED = 50;

/**
 * What the workbench is about to export (DESIGN.md §8: every export is audited): the canvas file
 * (PNG, GEXF, GraphML, CSV) is made in the browser from what the API already answered, so the
 * browser records it here first and makes the file only once this answers 200 — the event is then
 * committed. The event keeps the format, the counts, the first keys and a SHA-256 of all of them.
 */
export const ExportRecordSchema = z.strictObject({
  format: z.enum(['png', 'gexf', 'graphml', 'csv']),
  nodes: z.array(EntityKeySchema).max(EXPORT_MAX_NODES),
  edges: z
    .number()
    .int()
    .min(0)
    .max(10 * EXPORT_MAX_NODES),
});
export const ExportRecordedSchema = z.strictObject({
  format: z.string(),
  nodes: z.number().int(),
  edges: z.number().int(),
  digest: z.string(),
});

export type ExportRecorded = z.infer<typeof ExportRecordedSchema>;

function exportDigest(keys: readonly string[]): string {
  return createHash('sha256')
    .update([...keys].sort().join('\n'))
    .digest('hex');
}

export function exploreRoutes(): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/search',
      summary:
        'Full-text search in Chinese over names, aliases, addresses and case titles, and exact identifiers (USCC, phone, ID number, bank card or account, Alipay or WeChat id, transaction number, shop id, waybill, case number)',
      tag: 'explore',
      allow: EXPLORERS,
      query: SearchQuerySchema,
      response: SearchResultSchema,
      audit: {
        action: 'search',
        target: () => null,
        detail: ({ query }) => ({ q: auditableQuery(query.q), labels: query.labels ?? null }),
      },
      async handler({ query, scope, deps }) {
        return search(deps.db, scope, { ...query, hmacKey: deps.secrets.hmacKey });
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/entities/:key',
      summary: 'One entity: properties (personal identifiers masked), regions, provenance, cases, neighbour counts',
      tag: 'entities',
      allow: EXPLORERS,
      params: EntityParamsSchema,
      response: EntityDetailSchema,
      audit: { action: 'entity.read' },
      async handler({ params, scope, deps }) {
        return entityDetail(deps.db, scope, params.key);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/entities/:key/neighbours',
      summary: 'Neighbours by relationship type and direction, capped, with how many more there are',
      tag: 'entities',
      allow: EXPLORERS,
      params: EntityParamsSchema,
      query: ExpandQuerySchema,
      response: ExpandResultSchema,
      audit: { action: 'entity.expand', detail: ({ query }) => ({ ...query }) },
      async handler({ params, query, scope, deps }) {
        return expand(deps.db, scope, params.key, query);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/path',
      summary: 'Shortest paths between two entities through the relationship types asked for, within your region scope',
      tag: 'explore',
      allow: EXPLORERS,
      query: PathQuerySchema,
      response: PathResultSchema,
      audit: {
        action: 'path',
        target: ({ query }) => `${query.from} → ${query.to}`,
        detail: ({ query }) => ({ ...query }),
      },
      async handler({ query, scope, deps }) {
        return findPathsBetween(deps.db, scope, query);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/exports',
      summary:
        'Records a canvas export (PNG, GEXF, GraphML, CSV) in the audit log before the browser makes the file; the file is made only after a 200',
      tag: 'explore',
      allow: EXPLORERS,
      body: ExportRecordSchema,
      bodyLimit: EXPORT_MAX_NODES * 320,
      response: ExportRecordedSchema,
      audit: {
        action: 'export',
        target: ({ body }) => body.format,
        detail: ({ body }) => ({
          format: body.format,
          nodes: body.nodes.length,
          edges: body.edges,
          keys: body.nodes.slice(0, EXPORT_KEYS_LISTED),
        }),
        // The digest the answer carries, computed once by the handler.
        result: (recorded) => ({ detail: { digest: recorded.digest } }),
      },
      async handler({ body }) {
        return { format: body.format, nodes: body.nodes.length, edges: body.edges, digest: exportDigest(body.nodes) };
      },
    }),
  ];
}
