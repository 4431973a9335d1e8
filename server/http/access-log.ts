/**
 * Request ids and the access log. Each request gets an id — the caller's X-Request-Id when it is a
 * plain token, else a new UUID — echoed in the response's X-Request-Id, recorded with its audit event
 * and named in its problem+json errors. When the logger's level lets `info` through, one line per
 * request is written once the response has gone (`request completed`; `request errored` at `error`
 * for a 5xx; `request aborted` at `warn` when the client went away first), in pino-http's shape:
 * `{req: {id, method, url}, res: {statusCode}, responseTime}`.
 *
 * This replaces pino-http, which made a child logger per request and ran its request serializer to
 * bind it, logged or not: 3–4 % of the API process's CPU under bench:api, where the level is `warn`.
 * Here a request costs an id and a header unless its line is written; code that logs about a request
 * binds `reqId: req.id` itself.
 */
import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Logger } from '../log.ts';

declare module 'node:http' {
  interface IncomingMessage {
    /** This request's id (see the module comment). */
    id: string;
  }
}

const REQUEST_ID = /^[\w-]{1,64}$/;

export interface AccessLogOptions {
  /** Paths not logged (health probes). */
  ignore?: (path: string) => boolean;
}

export function accessLog(logger: Logger, options: AccessLogOptions = {}): RequestHandler {
  return (req, res, next) => {
    const incoming = req.headers['x-request-id'];
    const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    req.id = id;
    res.setHeader('X-Request-Id', id);
    // The level is read per request, so a level changed at run time applies to the next one.
    if (logger.isLevelEnabled('info') && !options.ignore?.(req.path)) {
      const started = performance.now();
      const { method, originalUrl: url } = req;
      res.once('close', () => {
        const line = {
          req: { id, method, url },
          res: { statusCode: res.statusCode },
          responseTime: Math.round(performance.now() - started),
        };
        if (!res.writableFinished) logger.warn(line, 'request aborted');
        else if (res.statusCode >= 500) logger.error(line, 'request errored');
        else logger.info(line, 'request completed');
      });
    }
    next();
  };
}
