/**
 * Global setup of the database projects: finds or starts the Neo4j the tests use, in the project's
 * resolution order (NEO4J_URI → Testcontainers → local runtime), applies migrations, and hands the
 * connection to test workers through QUANLIAN_TEST_NEO4J_* variables. The local runtime uses its own
 * instance ("test", Bolt port 7688 unless QUANLIAN_TEST_NEO4J_PORT says otherwise) so tests never touch
 * the demo's data. Whatever this setup started, its teardown stops; anything it found running stays.
 */
import { loadConfig } from '../../server/config.ts';
import { migrate } from '../../server/db/migrate.ts';
import { openDb, resolveNeo4j } from '../../server/db/runtime/resolve.ts';
import { warmTracePlans } from '../../server/trace/service.ts';
import { TEST_SECRETS } from '../support/db.ts';

const log = (line: string) => process.stderr.write(`[test neo4j] ${line}\n`);

// Several projects list this setup; the first one to run provides the database for all.
let users = 0;
let release: (() => Promise<void>) | null = null;

export default async function setup(): Promise<() => Promise<void>> {
  users++;
  if (users === 1) {
    const config = loadConfig({
      ...process.env,
      QUANLIAN_NEO4J_INSTANCE: process.env.QUANLIAN_TEST_NEO4J_INSTANCE ?? 'test',
      QUANLIAN_NEO4J_BOLT_PORT: process.env.QUANLIAN_TEST_NEO4J_PORT ?? '7688',
      QUANLIAN_NEO4J_HEAP: process.env.QUANLIAN_NEO4J_HEAP ?? '1g',
      QUANLIAN_NEO4J_PAGECACHE: process.env.QUANLIAN_NEO4J_PAGECACHE ?? '512m',
    });
    const target = await resolveNeo4j(config, { reuseDocker: false, log });
    log(`${target.source} Neo4j at ${target.uri}${target.startedHere ? ' (started for this run)' : ''}`);
    const db = openDb(config, target);
    try {
      await migrate(db, { secrets: TEST_SECRETS });
      // As `serve` does at start: the first trace of the run would otherwise plan the level
      // statement inside its time limit, while the other test files load the machine.
      await warmTracePlans(db).then(
        (ms) => log(`trace statements planned in ${Math.round(ms)} ms`),
        (error: unknown) => log(`could not plan the trace statements ahead: ${String(error)}`),
      );
    } finally {
      await db.close();
    }
    process.env.QUANLIAN_TEST_NEO4J_URI = target.uri;
    process.env.QUANLIAN_TEST_NEO4J_USER = target.user;
    process.env.QUANLIAN_TEST_NEO4J_PASSWORD = target.password;
    release = async () => {
      if (target.startedHere) log('stopping the Neo4j this run started');
      await target.release();
    };
  }
  return async () => {
    users--;
    if (users === 0 && release) await release();
  };
}
