/** Hotspots: aggregates within the caller's scope, for leaders and the roles that explore. */
import { EXPLORERS } from '../../auth/roles.ts';
import { hotspots, HotspotQuerySchema, HotspotsSchema } from '../../hotspots/service.ts';
import { defineRoute, type AnyRoute } from '../route.ts';

export function hotspotRoutes(): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/hotspots',
      summary:
        'Cases and amounts by region × month × category, cross-region parcel flows, top flagged chains, spikes (reused for a minute)',
      tag: 'hotspots',
      allow: [...EXPLORERS, 'leader'],
      query: HotspotQuerySchema,
      response: HotspotsSchema,
      audit: { action: 'hotspots.read', target: () => null, detail: ({ query }) => ({ ...query }) },
      async handler({ query, scope, deps }) {
        return hotspots(deps.db, scope, query);
      },
    }),
  ];
}
