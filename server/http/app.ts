/**
 * The Express application, built without listening so tests drive it with supertest and
 * `quanlian serve` binds it. Order: request id + logging → security headers (helmet's, applied as
 * a fixed list: security-headers.ts) → routes (each reads its JSON body after its access checks, at
 * its own limit: route.ts) → the web app → 404 → problem+json errors.
 */
import fs from 'node:fs';
import path from 'node:path';
import express, { Router, type Express } from 'express';
import { AuditLog } from '../audit/log.ts';
import { Sessions } from '../auth/sessions.ts';
import type { Config } from '../config.ts';
import type { Db, DbOptions } from '../db/db.ts';
import { dbOptions } from '../db/runtime/resolve.ts';
import { JobBoard } from '../jobs/board.ts';
import type { Logger } from '../log.ts';
import type { Secrets } from '../secrets.ts';
import { accessLog } from './access-log.ts';
import { openApiDocument } from './openapi.ts';
import { errorHandler, notFoundHandler } from './problem.ts';
import { mountRoutes } from './route.ts';
import { securityHeaders } from './security-headers.ts';
import { healthRoutes } from './routes/health.ts';
import { apiRoutes } from './routes/index.ts';
import { sessionMiddleware } from './session.ts';

export interface AppDeps {
  config: Config;
  db: Db;
  logger: Logger;
  /** The instance's keys, checked against the graph (server/keycheck.ts instanceKeys). */
  secrets: Secrets;
  /** Default: a new audit log writer on `db`. */
  audit?: AuditLog;
  /** Default: a job board on `db` (background jobs as every API process sees them). */
  jobs?: JobBoard;
  /** How detection workers connect (default: NEO4J_URI and its credentials when set, else none). */
  workerDb?: DbOptions | null;
  /** The built web app (`npm run build:web`); default <root>/web/dist; served when it exists; null: never. */
  webDir?: string | null;
}

export function createApp({ config, db, logger, secrets, audit, jobs, workerDb, webDir }: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  // API answers are no-store (below), so an ETag (a SHA-1 of every JSON body) would never be used.
  app.set('etag', false);
  app.use(accessLog(logger, { ignore: (path) => path === '/healthz' }));
  app.use(securityHeaders());

  app.use(healthRoutes(db, logger));

  const sessions = new Sessions(db);
  const worker =
    workerDb !== undefined
      ? workerDb
      : config.NEO4J_URI
        ? dbOptions(config, { uri: config.NEO4J_URI, user: config.NEO4J_USER, password: config.NEO4J_PASSWORD ?? '' })
        : null;
  const routes = apiRoutes(sessions, config, worker, jobs ?? new JobBoard(db));
  const api = Router();
  api.use(sessionMiddleware(sessions));
  // Nothing under /api is cached by browsers or proxies: answers carry personal data.
  api.use('/api', (_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  const document = openApiDocument(routes);
  api.get('/api/openapi.json', (_req, res) => {
    res.json(document);
  });
  mountRoutes(api, routes, { config, db, secrets, audit: audit ?? new AuditLog(db) });
  app.use(api);

  const web = webDir === undefined ? path.join(config.paths.root, 'web', 'dist') : webDir;
  if (web && fs.existsSync(path.join(web, 'index.html'))) {
    // Hashed assets are immutable; index.html is always revalidated so a new build is picked up.
    app.use(
      '/assets',
      express.static(path.join(web, 'assets'), { immutable: true, maxAge: '365d', fallthrough: false }),
    );
    app.use(express.static(web, { index: false, maxAge: 0 }));
    app.get(/^\/(?!api\/|api$|healthz|readyz).*/, (_req, res) => {
      res.setHeader('Cache-Control', 'no-cache');
      // `root`, so a build under a dot directory (.data/<instance>/web) is not refused as a dotfile.
      res.sendFile('index.html', { root: web });
    });
  } else if (web) logger.info(`web app not built (${web}): serving the API only; run npm run build:web`);

  app.use(notFoundHandler);
  app.use(errorHandler(logger));
  return app;
}
