/** Search, entity detail and expand, for the roles that explore the graph; every read audited. */
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
import { findPathsBetween, PathQuerySchema, PathResultSchema } from '../../explore/path.ts';
import { defineRoute, type AnyRoute } from '../route.ts';

/** What a search asked for, as the audit log keeps it: long digit runs (IDs, phones) masked. */
export function auditableQuery(q: string): string {
  return maskDigitRuns(q).slice(0, 200);
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
  ];
}
