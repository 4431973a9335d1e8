/**
 * Liveness and readiness. /healthz says the process serves HTTP; /readyz says it can do its job:
 * Neo4j answers and every migration in cypher/schema is applied unchanged (else 503 with the reason:
 * the migrations' names, or a fixed sentence for a failed check whose error is in the server log).
 */
import { Router } from 'express';
import { z } from 'zod';
import type { Db } from '../../db/db.ts';
import { migrationStatus } from '../../db/migrate.ts';
import { ping } from '../../db/queries.ts';
import type { Logger } from '../../log.ts';
import { problem, serverDetail } from '../problem.ts';

export const HealthSchema = z.object({ status: z.literal('ok') });

export const ReadySchema = z.object({
  status: z.literal('ready'),
  neo4j: z.object({ database: z.string() }),
  migrations: z.object({ applied: z.number().int() }),
});

export function healthRoutes(db: Db, logger: Logger): Router {
  const router = Router();

  router.get('/healthz', (_req, res) => {
    res.json(HealthSchema.parse({ status: 'ok' }));
  });

  router.get('/readyz', async (req, res) => {
    const fail = (detail: string, extra: Record<string, unknown> = {}) =>
      res
        .status(503)
        .type('application/problem+json')
        .send(
          JSON.stringify({
            ...problem(503, 'not-ready', 'Service Unavailable', detail, extra),
            instance: req.originalUrl,
          }),
        );
    try {
      await db.run(ping, {}, { timeoutMs: 3000 });
      const status = await migrationStatus(db);
      if (status.pending.length > 0 || status.edited.length > 0) {
        return fail('migrations are not current; run `quanlian migrate`', {
          pending: status.pending,
          edited: status.edited,
        });
      }
      res.json(
        ReadySchema.parse({
          status: 'ready',
          neo4j: { database: db.database },
          migrations: { applied: status.applied.length },
        }),
      );
    } catch (error) {
      // The probe answers anyone, so it says what kind of failure it was, not the error's message
      // (a database address, a user name): that goes to the server log under the request id.
      logger.warn({ reqId: req.id, err: error }, 'readiness check failed');
      fail(serverDetail(error), { requestId: String(req.id ?? '') });
    }
  });

  return router;
}
