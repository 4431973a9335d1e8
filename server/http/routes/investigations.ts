/**
 * Saved investigations: the roles that explore the graph keep canvases on the server and share them
 * within scope (leaders see aggregates only, partners only packets). Reads, and every change, are
 * audited. Bodies that carry a canvas may be up to 4 MB.
 */
import { EXPLORERS } from '../../auth/roles.ts';
import {
  CreateInvestigationSchema,
  DeletedInvestigationSchema,
  INVESTIGATION_BODY_LIMIT,
  InvestigationListSchema,
  InvestigationParamsSchema,
  InvestigationSchema,
  ListInvestigationsQuerySchema,
  UpdateInvestigationSchema,
} from '../../investigations/schemas.ts';
import {
  createInvestigation,
  deleteInvestigation,
  getInvestigation,
  listInvestigations,
  updateInvestigation,
} from '../../investigations/service.ts';
import { defineRoute, type AnyRoute } from '../route.ts';

export function investigationRoutes(): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/investigations',
      summary: 'Your saved investigations and those shared with you (your scope covers theirs), newest first',
      tag: 'investigations',
      allow: EXPLORERS,
      query: ListInvestigationsQuerySchema,
      response: InvestigationListSchema,
      async handler({ query, user, scope, deps }) {
        return listInvestigations(deps.db, { username: user.username, scope }, query);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/investigations',
      summary: 'Save a canvas as a new investigation (shared: colleagues whose scope covers yours may open it)',
      tag: 'investigations',
      allow: EXPLORERS,
      body: CreateInvestigationSchema,
      bodyLimit: INVESTIGATION_BODY_LIMIT,
      response: InvestigationSchema,
      status: 201,
      audit: {
        action: 'investigation.create',
        target: () => null,
        detail: ({ body }) => ({ shared: body.shared, nodes: body.state.nodes.length }),
      },
      async handler({ body, user, scope, deps }) {
        return createInvestigation(deps.db, { username: user.username, scope }, body);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/investigations/:id',
      summary: 'One saved investigation with its canvas (audited)',
      tag: 'investigations',
      allow: EXPLORERS,
      params: InvestigationParamsSchema,
      response: InvestigationSchema,
      audit: { action: 'investigation.read' },
      async handler({ params, user, scope, deps }) {
        return getInvestigation(deps.db, { username: user.username, scope }, params.id);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/investigations/:id',
      summary: 'Change your investigation; `version` must be the stored one (else 409 stale-version)',
      tag: 'investigations',
      allow: EXPLORERS,
      params: InvestigationParamsSchema,
      body: UpdateInvestigationSchema,
      bodyLimit: INVESTIGATION_BODY_LIMIT,
      response: InvestigationSchema,
      audit: {
        action: 'investigation.update',
        detail: ({ body }) => ({
          version: body.version,
          ...(body.shared === undefined ? {} : { shared: body.shared }),
          ...(body.state ? { nodes: body.state.nodes.length } : {}),
        }),
      },
      async handler({ params, body, user, scope, deps }) {
        return updateInvestigation(deps.db, { username: user.username, scope }, params.id, body);
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/api/investigations/:id',
      summary: 'Delete your investigation',
      tag: 'investigations',
      allow: EXPLORERS,
      params: InvestigationParamsSchema,
      response: DeletedInvestigationSchema,
      audit: { action: 'investigation.delete' },
      async handler({ params, user, scope, deps }) {
        return deleteInvestigation(deps.db, { username: user.username, scope }, params.id);
      },
    }),
  ];
}
