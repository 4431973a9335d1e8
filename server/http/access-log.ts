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
 *
 * The URL is logged as `loggableUrl` gives it, never as sent: a search's words can be an ID number,
 * a phone or a suspect's name, and the access log goes wherever operations ship logs, outside the
 * audit log's protection (DESIGN.md §5: personal identifiers are never stored in clear).
 */
import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import { maskDigitRuns } from '../domain/pii.ts';
import type { Logger } from '../log.ts';

declare module 'node:http' {
  interface IncomingMessage {
    /** This request's id (see the module comment). */
    id: string;
  }
}

const REQUEST_ID = /^[\w-]{1,64}$/;
/** A query value the log keeps as it is: short plain tokens (a limit, a depth, a label, a date). */
const PLAIN_VALUE = /^[\w.,:+-]{0,40}$/;

/**
 * The request's URL for the log: each query value that is not a short plain token free of numbers
 * becomes `…` (its name stays, so the log still says what was asked, not with what), and in each
 * path segment a number (a bare waybill number in /api/trace/…, a phone written in Chinese numerals)
 * is starred but for its first 3 and last 2 digits, as the audit log keeps a search (maskDigitRuns).
 * Keys in paths are safe as they are: a person's, phone's or account's key is a keyed hash, never
 * the identifier.
 */
export function loggableUrl(url: string): string {
  const mark = url.indexOf('?');
  const path = (mark < 0 ? url : url.slice(0, mark))
    .split('/')
    .map((segment) => {
      const plain = decodeSafely(segment);
      const masked = maskDigitRuns(plain);
      return masked === plain ? segment : encodeURIComponent(masked);
    })
    .join('/');
  if (mark < 0) return path;
  const query = [...new URLSearchParams(url.slice(mark + 1))]
    .map(([name, value]) => {
      const shown = PLAIN_VALUE.test(value) && maskDigitRuns(value) === value ? value : '…';
      return `${encodeURIComponent(name.slice(0, 40))}=${shown === '…' ? shown : encodeURIComponent(shown)}`;
    })
    .join('&');
  return `${path}?${query}`;
}

function decodeSafely(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

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
      const { method, originalUrl } = req;
      res.once('close', () => {
        const line = {
          req: { id, method, url: loggableUrl(originalUrl) },
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
