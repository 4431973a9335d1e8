/**
 * Security headers (helmet). helmet runs a chain of thirteen middlewares on every response, and
 * with the configuration here every one of them sets a fixed value: no directive is a function of
 * the request (no CSP nonce). So the chain runs once, at start-up, against a response that records
 * what it sets and removes, and each response then gets that list: the same headers, without the
 * chain's closures and per-request CSP serialisation (about 2 % of the API process's CPU under
 * bench:api). A directive that must vary per request cannot be added here: `hoistHeaders` refuses
 * a middleware that reads the request.
 */
import type { Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';

/** helmet as this server configures it (served over plain HTTP on loopback or an intranet by default). */
export function helmetMiddleware(): RequestHandler {
  return helmet({
    // No HSTS and no upgrade of requests: plain HTTP is the default deployment.
    strictTransportSecurity: false,
    // The workbench runs ForceAtlas2 in a worker made from a blob URL, and exports PNGs via data URLs.
    contentSecurityPolicy: {
      directives: {
        upgradeInsecureRequests: null,
        workerSrc: ["'self'", 'blob:'],
        imgSrc: ["'self'", 'data:', 'blob:'],
      },
    },
  });
}

type HeaderValue = string | number | readonly string[];

/**
 * The headers `middleware` sets and removes on a response, recorded once, as one middleware that
 * applies them. Throws if the middleware reads anything of the request or the response beyond
 * setting and removing headers, or does not finish at once.
 */
export function hoistHeaders(middleware: RequestHandler): RequestHandler {
  const set: [string, HeaderValue][] = [];
  const removed: string[] = [];
  const refuse = (what: string) => {
    throw new Error(`quanlian/http: the header middleware reads ${what}; it cannot be applied as a fixed list`);
  };
  const req = new Proxy({}, { get: (_t, key) => refuse(`req.${String(key)}`) }) as Request;
  const recorder = {
    setHeader(name: string, value: HeaderValue) {
      set.push([name, value]);
      return recorder;
    },
    removeHeader(name: string) {
      removed.push(name);
    },
  };
  const res = new Proxy(recorder, {
    get: (target, key) => (key in target ? target[key as keyof typeof target] : refuse(`res.${String(key)}`)),
  }) as unknown as Response;
  let finished = false;
  void middleware(req, res, (error?: unknown) => {
    if (error) throw error;
    finished = true;
  });
  if (!finished) throw new Error('quanlian/http: the header middleware did not call next() at once');
  return (_req, response, next) => {
    for (const name of removed) response.removeHeader(name);
    for (const [name, value] of set) response.setHeader(name, value);
    next();
  };
}

/** The security headers of every response. */
export function securityHeaders(): RequestHandler {
  return hoistHeaders(helmetMiddleware());
}
