/**
 * Login sessions. The cookie carries a random 256-bit token; the database keeps only its SHA-256
 * (a stolen database does not yield live sessions), the account it belongs to, a CSRF token and an
 * expiry. Each process caches a resolved session for a few seconds, by the cookie's token (a hit
 * costs neither the hash nor a promise), so a logout or a disabled account takes effect everywhere
 * within SESSION_CACHE_MS.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/db.ts';
import { createSessionQuery, deleteExpiredSessions, deleteSessionQuery, getSessionQuery } from './queries.ts';
import { RoleSchema } from './roles.ts';
import { expandScope, type Scope } from './scope.ts';
import type { User } from './users.ts';

export const SESSION_COOKIE = 'ql_session';
export const SESSION_TTL_SECONDS = 8 * 60 * 60;
const SESSION_CACHE_MS = 5_000;
const CACHE_MAX = 10_000;

export interface Session {
  id: string;
  user: User;
  scope: Scope;
  csrf: string;
  expiresAt: string;
}

const sessionId = (token: string) => createHash('sha256').update(token).digest('hex');

export class Sessions {
  /** Resolved sessions (null: no live session) by the cookie's token, each until its `until`. */
  private readonly cache = new Map<string, { session: Session | null; until: number }>();
  /** Counts `forget` calls: a lookup that began before one is not cached (it may hold what changed). */
  private epoch = 0;

  constructor(private readonly db: Db) {}

  /**
   * Opens a session for an account whose password was just checked against `passwordHash`; null
   * when the account changed since (a new password, disabled): the sign-in then fails.
   */
  async create(
    user: User,
    passwordHash: string,
    meta: { ip: string | null; userAgent: string | null },
  ): Promise<{ token: string; session: Session } | null> {
    const token = randomBytes(32).toString('base64url');
    const csrf = randomBytes(24).toString('base64url');
    const id = sessionId(token);
    // Sign-ins are rare next to reads: each one also clears sessions that have expired.
    await this.purgeExpired();
    const [row] = await this.db.run(createSessionQuery, {
      id,
      username: user.username,
      passwordHash,
      csrf,
      ttlSeconds: SESSION_TTL_SECONDS,
      ip: meta.ip,
      userAgent: meta.userAgent?.slice(0, 200) ?? null,
    });
    if (!row) return null;
    const session: Session = { id, user, scope: expandScope(user.regions), csrf, expiresAt: row.expiresAt };
    return { token, session };
  }

  /** The session behind a token as resolved within SESSION_CACHE_MS; undefined when it must be looked up. */
  cached(token: string): Session | null | undefined {
    const cached = this.cache.get(token);
    return cached && cached.until > Date.now() ? cached.session : undefined;
  }

  /** The live session behind a cookie token, or null (unknown, expired, logged out, account disabled). */
  async resolve(token: string): Promise<Session | null> {
    if (!/^[\w-]{43}$/.test(token)) return null;
    const cached = this.cached(token);
    if (cached !== undefined) return cached;
    const id = sessionId(token);
    const epoch = this.epoch;
    const [row] = await this.db.run(getSessionQuery, { id });
    const role = RoleSchema.safeParse(row?.role);
    const session: Session | null =
      row && role.success
        ? {
            id,
            user: { username: row.username, displayName: row.displayName, role: role.data, regions: row.regions },
            scope: expandScope(row.regions),
            csrf: row.csrf,
            expiresAt: row.expiresAt,
          }
        : null;
    if (epoch !== this.epoch) return session;
    if (this.cache.size >= CACHE_MAX) this.cache.clear();
    this.cache.set(token, { session, until: Date.now() + SESSION_CACHE_MS });
    return session;
  }

  /** Drops this process's cached sessions of an account whose role, scope or standing changed. */
  forget(username: string): void {
    this.epoch++;
    for (const [token, entry] of this.cache) if (entry.session?.user.username === username) this.cache.delete(token);
  }

  async destroy(id: string): Promise<void> {
    for (const [token, entry] of this.cache) if (entry.session?.id === id) this.cache.delete(token);
    await this.db.run(deleteSessionQuery, { id });
  }

  private async purgeExpired(): Promise<number> {
    const [row] = await this.db.run(deleteExpiredSessions, { limit: 10_000 });
    return row?.deleted ?? 0;
  }
}
