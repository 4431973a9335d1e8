/** Accounts and the audit log, for admins. */
import { z } from 'zod';
import { listEvents, verifyChain } from '../../audit/log.ts';
import { StoredEventSchema } from '../../audit/queries.ts';
import { RoleSchema } from '../../auth/roles.ts';
import type { Sessions } from '../../auth/sessions.ts';
import {
  addUser,
  describeChange,
  listUsers,
  NewUserSchema,
  updateUser,
  UserChangeSchema,
  UsernameSchema,
} from '../../auth/users.ts';
import { defineRoute, type AnyRoute } from '../route.ts';

const UserSchema = z.object({
  username: z.string(),
  displayName: z.string(),
  role: RoleSchema,
  regions: z.array(z.string()),
});

export const AuditQuerySchema = z.strictObject({
  before: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  target: z.string().min(1).max(300).optional().describe('the entity, case, account or batch an event names'),
  actor: z.string().max(64).optional(),
  action: z.string().max(64).optional(),
  outcome: z.enum(['ok', 'denied', 'not-found', 'invalid', 'error']).optional(),
  since: z.iso.datetime().optional(),
  until: z.iso.datetime().optional(),
});

/** An audit event as stored, its detail parsed back from JSON. */
const AuditEventSchema = StoredEventSchema.omit({ prevHash: true }).extend({
  detail: z.record(z.string(), z.unknown()),
});

export const AccountListSchema = z.object({
  items: z.array(
    UserSchema.extend({
      createdAt: z.string(),
      lastLoginAt: z.string().nullable(),
      lockedUntil: z.string().nullable(),
      disabled: z.boolean(),
    }),
  ),
});
export const AuditPageSchema = z.object({ items: z.array(AuditEventSchema), nextBefore: z.number().int().nullable() });
export const ChainCheckSchema = z.object({
  ok: z.boolean(),
  events: z.number().int(),
  headSeq: z.number().int(),
  problem: z
    .object({ seq: z.number().int(), kind: z.enum(['hash', 'link', 'gap', 'head']), detail: z.string() })
    .nullable(),
});
/** What the web app's admin page reads (type-only imports there). */
export type Account = z.output<typeof UserSchema>;
export type AccountList = z.output<typeof AccountListSchema>;
export type AccountChange = z.input<typeof UserChangeSchema>;
export type NewAccount = z.input<typeof NewUserSchema>;
export type AuditPage = z.output<typeof AuditPageSchema>;
export type AuditQuery = z.output<typeof AuditQuerySchema>;
export type ChainCheck = z.output<typeof ChainCheckSchema>;

export function adminRoutes(sessions: Sessions): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/users',
      summary: 'All accounts (without password hashes)',
      tag: 'admin',
      allow: ['admin'],
      response: AccountListSchema,
      async handler({ deps }) {
        const rows = await listUsers(deps.db);
        return { items: rows.map((r) => ({ ...r, role: RoleSchema.parse(r.role) })) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/users',
      summary: 'Create an account with a role and a region scope',
      tag: 'admin',
      allow: ['admin'],
      body: NewUserSchema,
      response: UserSchema,
      status: 201,
      audit: {
        action: 'user.add',
        target: ({ body }) => body.username,
        detail: ({ body }) => ({ role: body.role, regions: body.regions }),
      },
      async handler({ body, user, deps }) {
        return addUser(deps.db, body, user.username);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/users/:username',
      summary:
        'Change an account: display name, role, regions, disabled, a new password, or lift a lock-out; ' +
        'disabling it or a new password ends its sessions',
      tag: 'admin',
      allow: ['admin'],
      params: z.strictObject({ username: UsernameSchema }),
      body: UserChangeSchema,
      response: AccountListSchema.shape.items.element.extend({ sessionsEnded: z.number().int() }),
      audit: {
        action: 'user.update',
        target: ({ params }) => params.username,
        detail: ({ body }) => describeChange(body),
      },
      async handler({ params, body, user, session, deps }) {
        // An admin who sets their own password stays signed in here; their other sessions end.
        const own = params.username === user.username ? session.id : null;
        const { account, sessionsEnded } = await updateUser(deps.db, params.username, body, user.username, own);
        sessions.forget(params.username);
        return { ...account, sessionsEnded };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/audit',
      summary: 'The audit log, newest first, filtered; keyset paging with `before`',
      tag: 'admin',
      allow: ['admin'],
      query: AuditQuerySchema,
      response: AuditPageSchema,
      audit: { action: 'audit.read', target: () => null, detail: ({ query }) => ({ ...query }) },
      async handler({ query, deps }) {
        return listEvents(deps.db, query);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/audit/verify',
      summary: 'Checks the audit chain: every hash, link, number and the head',
      tag: 'admin',
      allow: ['admin'],
      response: ChainCheckSchema,
      audit: { action: 'audit.verify', target: () => null },
      async handler({ deps }) {
        return verifyChain(deps.db);
      },
    }),
  ];
}
