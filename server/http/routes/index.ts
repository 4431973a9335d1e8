/**
 * The API's route table. Everything under /api is declared here (health lives at /healthz and
 * /readyz); the authorisation matrix test and the OpenAPI document both read this table.
 */
import type { Sessions } from '../../auth/sessions.ts';
import type { Config } from '../../config.ts';
import type { DbOptions } from '../../db/db.ts';
import type { JobBoard } from '../../jobs/board.ts';
import type { AnyRoute } from '../route.ts';
import { adminRoutes } from './admin.ts';
import { authRoutes } from './auth.ts';
import { detectRoutes } from './detect.ts';
import { exploreRoutes } from './explore.ts';
import { hotspotRoutes } from './hotspots.ts';
import { ingestRoutes } from './ingest.ts';
import { investigationRoutes } from './investigations.ts';
import { packetRoutes } from './packets.ts';
import { traceRoutes } from './trace.ts';
import { unmaskRoutes } from './unmask.ts';

export function apiRoutes(sessions: Sessions, config: Config, workerDb: DbOptions | null, board: JobBoard): AnyRoute[] {
  return [
    ...authRoutes(sessions, config.QUANLIAN_LOGIN_RATE),
    ...exploreRoutes(),
    ...traceRoutes(),
    ...hotspotRoutes(),
    ...ingestRoutes(board),
    ...unmaskRoutes(),
    ...detectRoutes(workerDb, board),
    ...investigationRoutes(),
    ...packetRoutes(),
    ...adminRoutes(sessions),
  ];
}
