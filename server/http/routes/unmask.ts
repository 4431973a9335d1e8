/** Unmask a personal identifier: investigators and admins, with a reason; every attempt audited. */
import { z } from 'zod';
import { UNMASKERS } from '../../auth/roles.ts';
import { unmask, UnmaskBodySchema, UnmaskResultSchema } from '../../unmask/service.ts';
import { defineRoute, type AnyRoute } from '../route.ts';

export function unmaskRoutes(): AnyRoute[] {
  return [
    defineRoute({
      method: 'post',
      path: '/api/entities/:key/unmask',
      summary:
        'Decrypt the ID number, phone or account number of a person, phone or account (reason required, audited)',
      tag: 'entities',
      allow: UNMASKERS,
      params: z.object({ key: z.string().min(1).max(300) }),
      body: UnmaskBodySchema,
      response: UnmaskResultSchema,
      audit: { action: 'unmask', reason: ({ body }) => body.reason },
      async handler({ params, scope, deps }) {
        return unmask(deps.db, scope, deps.secrets.encKey, params.key);
      },
    }),
  ];
}
