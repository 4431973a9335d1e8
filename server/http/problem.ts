/**
 * The one error middleware: every failure leaves the API as `application/problem+json` (RFC 9457)
 * with a stable `type` URI built from the typed error's slug. Unknown errors are logged and reported
 * as `internal` without their message, so nothing internal leaks to a client; a typed server error
 * (5xx) keeps its type, and its detail is a fixed sentence for that type: its own message (a
 * database address, a statement's name and the rows it failed on) goes to the server log only.
 */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { QuanlianError } from '../errors.ts';
import type { Logger } from '../log.ts';

export const PROBLEM_BASE = 'https://quanlian.dev/problems/';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  requestId?: string;
  [extension: string]: unknown;
}

export function problem(
  status: number,
  slug: string,
  title: string,
  detail?: string,
  extra: Record<string, unknown> = {},
): Problem {
  return { type: PROBLEM_BASE + slug, title, status, ...(detail ? { detail } : {}), ...extra };
}

export const notFoundHandler: RequestHandler = (req, res) => {
  send(res, {
    ...problem(404, 'not-found', 'Not Found', `no route for ${req.method} ${req.path}`),
    instance: req.originalUrl,
  });
};

/** The error middleware; a 5xx is logged on `logger` with the request's id. */
export const errorHandler =
  (logger: Logger): ErrorRequestHandler =>
  (error: unknown, req, res, _next) => {
    const requestId = String(req.id ?? '');
    let body: Problem;
    if (error instanceof QuanlianError) {
      // Details of client errors (e.g. which fields failed validation) are written for the client.
      const extra = error.status < 500 && error.details ? error.details : {};
      const detail = error.status < 500 ? error.message : serverDetail(error);
      body = problem(error.status, error.type, titleFor(error.status), detail, extra);
      if (error.status >= 500) logger.warn({ reqId: requestId, err: error }, 'request failed');
    } else if (isHttpError(error)) {
      // body-parser and friends: payload too large, malformed JSON.
      body = problem(
        error.status,
        (error.type ?? 'bad-request').replace(/\./g, '-'),
        titleFor(error.status),
        error.expose ? error.message : undefined,
      );
    } else {
      logger.error({ reqId: requestId, err: error }, 'unhandled error');
      body = problem(
        500,
        'internal',
        'Internal Server Error',
        'an unexpected error occurred; the request id identifies it in the server log',
      );
    }
    send(res, { ...body, instance: req.originalUrl, requestId });
  };

/** What a client is told of a server error, by type (see the module comment). */
const SERVER_DETAILS: Record<string, string> = {
  'database-unavailable': 'the database is unavailable; try again shortly',
  'database-auth': 'the database is unavailable; try again shortly',
  'query-timeout':
    'the query ran past its time limit and was stopped; narrow it (fewer hops, a shorter period) and try again',
  'jobs-unavailable': 'this server cannot run background jobs; ask an administrator',
  'printer-busy': 'the server is printing other documents; ask again in a minute',
};
const SERVER_DETAIL = 'the server failed; the request id identifies it in the server log';

/** The fixed sentence a client reads for a server-side failure: never the error's own message. */
export function serverDetail(error: unknown): string {
  return (error instanceof QuanlianError && SERVER_DETAILS[error.type]) || SERVER_DETAIL;
}

function send(res: Parameters<RequestHandler>[1], body: Problem): void {
  res.status(body.status).type('application/problem+json').send(JSON.stringify(body));
}

function isHttpError(error: unknown): error is { status: number; type?: string; expose?: boolean; message: string } {
  return typeof error === 'object' && error !== null && typeof (error as { status?: unknown }).status === 'number';
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

function titleFor(status: number): string {
  return TITLES[status] ?? 'Error';
}
