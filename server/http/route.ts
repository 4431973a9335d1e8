/**
 * Routes are declared, not hand-wired: each one names its method and path, who may call it, zod
 * schemas for its path parameters, query, body and response, and whether calls are audited. One
 * mounting function applies the same sequence to all of them — session → role → CSRF on writes →
 * body (JSON, up to the route's limit) → input validation → handler → audit → response validation —
 * so no route can skip a step, the authorisation matrix test can walk the table, and OpenAPI is
 * generated from the same schemas.
 */
import { timingSafeEqual } from 'node:crypto';
import express, { type Request, type RequestHandler, type Response, type Router } from 'express';
import type { z } from 'zod';
import { auditOutcome, type AuditLog } from '../audit/log.ts';
import type { Role } from '../auth/roles.ts';
import { coversProvince, type Scope } from '../auth/scope.ts';
import type { Session } from '../auth/sessions.ts';
import type { User } from '../auth/users.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/db.ts';
import { PROVINCE_CODE } from '../domain/regions.ts';
import { CsrfError, ForbiddenError, QuanlianError, UnauthenticatedError, ValidationError } from '../errors.ts';
import type { Secrets } from '../secrets.ts';

/**
 * What a handler returns to answer with something other than JSON (a file download): the route
 * layer records the audit event first, then calls `send`.
 */
export class RawResponse {
  constructor(readonly send: (res: Response) => void) {}
}

export interface RouteDeps {
  config: Config;
  db: Db;
  secrets: Secrets;
  audit: AuditLog;
}

export interface RouteContext<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  user: User;
  scope: Scope;
  session: Session;
  req: Request;
  res: Response;
  deps: RouteDeps;
}

/** 'public': no login (login itself, health); 'signed-in': any role; else the roles listed. */
export type Access = 'public' | 'signed-in' | readonly Role[];

type AnyZod = z.ZodType;
type Out<S> = S extends z.ZodType ? z.output<S> : Record<string, never>;

export interface RouteSpec<
  P extends AnyZod | undefined,
  Q extends AnyZod | undefined,
  B extends AnyZod | undefined,
  R extends AnyZod,
> {
  method: 'get' | 'post' | 'delete';
  /** Express path under /api, e.g. `/api/entities/:key`. */
  path: string;
  summary: string;
  tag: string;
  allow: Access;
  /**
   * The route acts on every region's data at once (a detection run replaces the current run for
   * everyone): of the allowed roles, only admins and accounts whose scope covers the province may
   * call it; anyone else is refused (403) as a role outside `allow` is.
   */
  provinceWide?: true;
  params?: P;
  query?: Q;
  body?: B;
  response: R;
  status?: number;
  /** Largest JSON body in bytes (default DEFAULT_BODY_LIMIT); it is read only once access is granted. */
  bodyLimit?: number;
  /** Audited calls record this action, whatever the outcome (a denied or not-found attempt too). */
  audit?: {
    action: string;
    target?: (input: { params: Out<P>; query: Out<Q>; body: Out<B> }) => string | null;
    detail?: (input: { params: Out<P>; query: Out<Q>; body: Out<B> }) => Record<string, unknown>;
    reason?: (input: { body: Out<B> }) => string | null;
    /** What only the answer knows (an upload's job and files): its target and detail win on success. */
    result?: (output: z.output<R>) => { target?: string | null; detail?: Record<string, unknown> };
  };
  handler(ctx: RouteContext<Out<P>, Out<Q>, Out<B>>): Promise<z.input<R>>;
}

// The table holds routes of many shapes; each was type-checked where it was defined.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRoute = RouteSpec<any, any, any, any>;

export function defineRoute<
  P extends AnyZod | undefined = undefined,
  Q extends AnyZod | undefined = undefined,
  B extends AnyZod | undefined = undefined,
  R extends AnyZod = AnyZod,
>(spec: RouteSpec<P, Q, B, R>): RouteSpec<P, Q, B, R> {
  return spec;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** JSON bodies up to 1 MB unless a route declares its own `bodyLimit`. */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;
const jsonParsers = new Map<number, RequestHandler>();

/**
 * Reads a JSON body up to `limit` bytes (413 beyond). A body already read by an app-level parser is
 * left as it is, and one that is not JSON is left to the route (uploads stream their own).
 */
function readJsonBody(req: Request, res: Response, limit: number): Promise<void> {
  let parser = jsonParsers.get(limit);
  if (!parser) jsonParsers.set(limit, (parser = express.json({ limit })));
  const parse = parser;
  return new Promise((resolve, reject) => {
    void parse(req, res, (error?: unknown) => (error ? reject(error) : resolve()));
  });
}

/** Whether a request carries a body at all (a length or chunked encoding, as body-parser judges). */
function hasBody(req: Request): boolean {
  return req.headers['content-length'] !== undefined || req.headers['transfer-encoding'] !== undefined;
}

function parseInput<S extends AnyZod | undefined>(schema: S, value: unknown, where: string): Out<S> {
  if (!schema) return {} as Out<S>;
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return parsed.data as Out<S>;
  const errors = parsed.error.issues.map((i) => ({ in: where, path: i.path.join('.'), message: i.message }));
  const first = errors[0];
  throw new ValidationError(`invalid ${where}${first ? `: ${first.path || '(root)'}: ${first.message}` : ''}`, {
    details: { errors },
  });
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Mounts every route on `router` with the one sequence of checks described above. */
export function mountRoutes(router: Router, routes: readonly AnyRoute[], deps: RouteDeps): void {
  for (const route of routes) {
    const handler: RequestHandler = async (req, res, next) => {
      const session = req.session ?? null;
      let input: { params: unknown; query: unknown; body: unknown } = { params: {}, query: {}, body: {} };
      const audit = async (
        outcome: 'ok' | 'denied' | 'not-found' | 'invalid' | 'error',
        extra: Record<string, unknown> = {},
        output?: unknown,
      ) => {
        if (!route.audit || !session) return;
        const safe = (f: ((i: never) => unknown) | undefined, arg: unknown = input) => {
          try {
            return f ? f(arg as never) : undefined;
          } catch {
            return undefined;
          }
        };
        const fromResult =
          output === undefined
            ? undefined
            : (safe(route.audit.result, output) as ReturnType<NonNullable<typeof route.audit.result>> | undefined);
        const target =
          fromResult?.target !== undefined
            ? fromResult.target
            : ((safe(route.audit.target) as string | null | undefined) ?? defaultTarget(req));
        await deps.audit.record({
          actor: session.user.username,
          role: session.user.role,
          action: route.audit.action,
          outcome,
          target,
          reason: (safe(route.audit.reason) as string | null | undefined) ?? null,
          detail: {
            ...((safe(route.audit.detail) as Record<string, unknown> | undefined) ?? {}),
            ...fromResult?.detail,
            ...extra,
          },
          ip: req.ip ?? null,
          requestId: String(req.id ?? ''),
        });
      };
      try {
        if (route.allow !== 'public') {
          if (!session) throw new UnauthenticatedError('sign in first (POST /api/auth/login)');
          if (route.allow !== 'signed-in' && !route.allow.includes(session.user.role)) {
            throw new ForbiddenError(
              `the ${session.user.role} role may not ${route.method.toUpperCase()} ${route.path}`,
            );
          }
          if (route.provinceWide && session.user.role !== 'admin' && !coversProvince(session.scope)) {
            throw new ForbiddenError(
              `${route.method.toUpperCase()} ${route.path} acts on every region's data: it needs an administrator or an account whose regions cover the province (${PROVINCE_CODE})`,
            );
          }
          if (!SAFE_METHODS.has(req.method)) {
            const token = req.get('x-csrf-token');
            if (!token || !sameToken(token, session.csrf)) {
              throw new CsrfError('missing or wrong X-CSRF-Token header (GET /api/auth/me returns the token)');
            }
          }
        }
        if (hasBody(req)) await readJsonBody(req, res, route.bodyLimit ?? DEFAULT_BODY_LIMIT);
        input = {
          params: parseInput(route.params, req.params, 'path parameters'),
          query: parseInput(route.query, req.query, 'query'),
          body: parseInput(route.body, req.body, 'body'),
        };
        const result = await route.handler({
          ...(input as { params: never; query: never; body: never }),
          user: session?.user as User,
          scope: session?.scope as Scope,
          session: session as Session,
          req,
          res,
          deps,
        });
        const body = result instanceof RawResponse ? result : route.response.parse(result);
        await audit('ok', {}, body instanceof RawResponse ? undefined : body);
        if (body instanceof RawResponse) body.send(res);
        else if (!res.headersSent) res.status(route.status ?? 200).json(body);
      } catch (error) {
        try {
          await audit(auditOutcome(error), error instanceof QuanlianError ? { error: error.type } : {});
        } catch (auditError) {
          return next(auditError);
        }
        next(error);
      }
    };
    router[route.method](route.path, handler);
  }
}

function defaultTarget(req: Request): string | null {
  const value = req.params.key ?? req.params.id;
  return typeof value === 'string' ? value.slice(0, 200) : null;
}

/** Express path `/api/entities/:key` as OpenAPI `/api/entities/{key}`. */
export function openApiPath(path: string): string {
  return path.replace(/:(\w+)/g, '{$1}');
}
