/**
 * Imports every feature's query definitions so the registry is complete. Add a feature's
 * queries module here; the registry test checks that registry and cypher/ files match one to one.
 */
import './db/queries.ts';
import './db/steps.ts';
import './ingest/queries.ts';
import './ingest/resolve-queries.ts';
import './detect/queries.ts';
import './explore/queries.ts';
import './auth/queries.ts';
import './audit/queries.ts';
import './unmask/service.ts';
import './trace/queries.ts';
import './hotspots/service.ts';
import './ingest/uploads.ts';
import './investigations/queries.ts';
import './jobs/queries.ts';
import './keycheck.ts';

export { registeredQueries } from './db/registry.ts';
import './packets/queries.ts';
