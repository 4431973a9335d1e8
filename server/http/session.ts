/**
 * Reads the session cookie on every request and attaches the live session (or null). The cookie is
 * httpOnly, SameSite=Strict, Path=/, Secure when QUANLIAN_COOKIE_SECURE is set; CSRF tokens are
 * checked per route (route.ts).
 */
import type { CookieOptions, Request, RequestHandler, Response } from 'express';
import type { Config } from '../config.ts';
import { SESSION_COOKIE, SESSION_TTL_SECONDS, type Session, type Sessions } from '../auth/sessions.ts';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      session?: Session | null;
    }
  }
}

export function readCookie(req: Request, name: string): string | null {
  const header = req.headers.cookie;
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() !== name) continue;
    try {
      return decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      return null; // malformed escapes: no session
    }
  }
  return null;
}

export function sessionMiddleware(sessions: Sessions): RequestHandler {
  return (req, _res, next) => {
    const token = readCookie(req, SESSION_COOKIE);
    if (!token) {
      req.session = null;
      return next();
    }
    const cached = sessions.cached(token);
    if (cached !== undefined) {
      req.session = cached;
      return next();
    }
    sessions.resolve(token).then(
      (session) => {
        req.session = session;
        next();
      },
      (error: unknown) => next(error),
    );
  };
}

function cookieOptions(config: Config): CookieOptions {
  return { httpOnly: true, sameSite: 'strict', path: '/', secure: config.QUANLIAN_COOKIE_SECURE };
}

export function setSessionCookie(res: Response, config: Config, token: string): void {
  res.cookie(SESSION_COOKIE, token, { ...cookieOptions(config), maxAge: SESSION_TTL_SECONDS * 1000 });
}

export function clearSessionCookie(res: Response, config: Config): void {
  res.clearCookie(SESSION_COOKIE, cookieOptions(config));
}

/**
 * A fixed-window counter per key (the client address for login): at most `limit` attempts per
 * `windowMs`. In memory, per process: the per-account lock-out in the database is the durable guard.
 */
export class RateLimiter {
  private readonly hits = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Seconds to wait when over the limit, else 0 (and the attempt is counted). */
  take(key: string, now = Date.now()): number {
    const entry = this.hits.get(key);
    if (!entry || entry.resetAt <= now) {
      if (this.hits.size > 100_000) this.hits.clear();
      this.hits.set(key, { count: 1, resetAt: now + this.windowMs });
      return 0;
    }
    if (entry.count >= this.limit) return Math.ceil((entry.resetAt - now) / 1000);
    entry.count++;
    return 0;
  }
}
