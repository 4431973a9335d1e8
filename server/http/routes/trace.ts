/** Upstream trace from a party or a parcel (DESIGN.md §7); audited, scope-checked. */
import { z } from 'zod';
import { EXPLORERS } from '../../auth/roles.ts';
import { traceUpstream, TraceQuerySchema, TraceResultSchema } from '../../trace/service.ts';
import { defineRoute, type AnyRoute } from '../route.ts';

export function traceRoutes(): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/trace/:key',
      summary: 'Trace upstream from a party key, a parcel key or a waybill number to ranked candidate sources',
      tag: 'trace',
      allow: EXPLORERS,
      params: z.object({ key: z.string().min(1).max(300) }),
      query: TraceQuerySchema,
      response: TraceResultSchema,
      audit: { action: 'trace', detail: ({ query }) => ({ ...query }) },
      async handler({ params, query, scope, deps }) {
        return traceUpstream(deps.db, scope, params.key, query);
      },
    }),
  ];
}
