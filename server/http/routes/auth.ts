/** Login, logout and who am I. Login answers the same for an unknown user and a wrong password. */
import { z } from 'zod';
import { RoleSchema } from '../../auth/roles.ts';
import { checkLogin, LOCK_SECONDS, MAX_FAILED_LOGINS } from '../../auth/users.ts';
import type { Sessions } from '../../auth/sessions.ts';
import { TooManyAttemptsError, UnauthenticatedError } from '../../errors.ts';
import { defineRoute, type AnyRoute } from '../route.ts';
import { clearSessionCookie, RateLimiter, setSessionCookie } from '../session.ts';

export const SessionInfoSchema = z.object({
  user: z.object({
    username: z.string(),
    displayName: z.string(),
    role: RoleSchema,
    regions: z.array(z.string()),
  }),
  /** Send as the X-CSRF-Token header on every POST/DELETE. */
  csrfToken: z.string(),
  expiresAt: z.string(),
  /** The region codes the account sees: its own and every region under them, sorted. */
  scope: z.array(z.string()),
});

export type SessionInfo = z.infer<typeof SessionInfoSchema>;

export const LoginSchema = z.object({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(1024),
});

/** `perMinute`: sign-in attempts per client address (QUANLIAN_LOGIN_RATE). */
export function authRoutes(sessions: Sessions, perMinute: number): AnyRoute[] {
  const limiter = new RateLimiter(perMinute, 60_000);
  return [
    defineRoute({
      method: 'post',
      path: '/api/auth/login',
      summary: 'Sign in: sets the session cookie and returns the CSRF token',
      tag: 'auth',
      allow: 'public',
      body: LoginSchema,
      response: SessionInfoSchema,
      async handler({ body, req, res, deps }) {
        const wait = limiter.take(req.ip ?? 'unknown');
        if (wait > 0) {
          res.setHeader('Retry-After', String(wait));
          throw new TooManyAttemptsError(`too many sign-in attempts from this address; try again in ${wait} s`);
        }
        const result = await checkLogin(deps.db, body.username, body.password);
        const meta = { ip: req.ip ?? null, requestId: String(req.id ?? '') };
        const opened = result.ok
          ? await sessions.create(result.user, result.passwordHash, {
              ip: req.ip ?? null,
              userAgent: req.get('user-agent') ?? null,
            })
          : null;
        if (!result.ok || !opened) {
          // A failed check, or an account that changed between the check and the session (a new
          // password, disabled): no session either way.
          const reason = result.ok ? 'account-changed' : result.reason;
          await deps.audit.record({
            actor: body.username.slice(0, 64),
            role: '',
            action: 'login',
            outcome: 'denied',
            detail: { reason },
            ...meta,
          });
          // One answer for an unknown user, a wrong password, a locked or disabled account and one
          // that changed: anything else would tell a stranger which usernames exist. The audit log
          // keeps the reason, and an administrator sees the lock on the account list.
          throw new UnauthenticatedError(
            `wrong username or password (after ${MAX_FAILED_LOGINS} failures in a row an account is locked for ${LOCK_SECONDS / 60} minutes)`,
          );
        }
        const { token, session } = opened;
        await deps.audit.record({
          actor: result.user.username,
          role: result.user.role,
          action: 'login',
          outcome: 'ok',
          ...meta,
        });
        setSessionCookie(res, deps.config, token);
        return {
          user: session.user,
          csrfToken: session.csrf,
          expiresAt: session.expiresAt,
          scope: [...session.scope.codes],
        };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/auth/logout',
      summary: 'Sign out: ends the session',
      tag: 'auth',
      allow: 'signed-in',
      response: z.object({ signedOut: z.literal(true) }),
      async handler({ session, res, deps }) {
        await sessions.destroy(session.id);
        clearSessionCookie(res, deps.config);
        return { signedOut: true as const };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/auth/me',
      summary: 'The signed-in user, their region scope and the CSRF token',
      tag: 'auth',
      allow: 'signed-in',
      response: SessionInfoSchema,
      async handler({ session }) {
        return {
          user: session.user,
          csrfToken: session.csrf,
          expiresAt: session.expiresAt,
          scope: [...session.scope.codes],
        };
      },
    }),
  ];
}
