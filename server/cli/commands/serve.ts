/** `quanlian serve`: the HTTP API (and, once built, the web app) on HOST:PORT. */
import type { Command } from 'commander';
import { loadConfig } from '../../config.ts';
import { dbOptions, openDb, resolveNeo4j } from '../../db/runtime/resolve.ts';
import { closeOnSignals, listen } from '../../http/server.ts';
import { instanceKeys } from '../../keycheck.ts';
import { createLogger } from '../../log.ts';
import type { Secrets } from '../../secrets.ts';
import { warmTracePlans } from '../../trace/service.ts';
import { action } from '../action.ts';
import { note } from '../context.ts';

interface Options {
  port?: string;
  host?: string;
}

export function register(program: Command): void {
  program
    .command('serve')
    .description('serve the API on HOST:PORT until SIGTERM/SIGINT')
    .option('--port <port>', 'port (default PORT or 8080)')
    .option('--host <host>', 'address (default HOST or 127.0.0.1)')
    .action(
      action(async (options: Options) => {
        const url = await serve(options);
        note(`serving ${url}`);
      }),
    );
}

/**
 * Shared with `demo`: resolves Neo4j, listens, installs signal handlers, returns the URL. `checked`:
 * the instance's keys as `demo` already checked them against the graph (else they are checked here).
 */
export async function serve(options: Options, checked?: Secrets): Promise<string> {
  const config = loadConfig({
    ...process.env,
    ...(options.port ? { PORT: options.port } : {}),
    ...(options.host ? { HOST: options.host } : {}),
  });
  const logger = createLogger(config);
  const target = await resolveNeo4j(config, { reuseDocker: true, log: note });
  const db = openDb(config, target);
  let secrets = checked;
  try {
    secrets ??= await instanceKeys(db, config, (message) => logger.warn(message));
  } catch (error) {
    await db.close();
    await target.release();
    throw error;
  }
  const running = await listen({
    config,
    db,
    logger,
    secrets,
    workerDb: dbOptions(config, target, { maxRetryTimeMs: 60_000 }),
  });
  // In the background: requests are served meanwhile (a trace that comes before it is done plans the
  // statement itself).
  warmTracePlans(db).then(
    (ms) => logger.info({ ms: Math.round(ms) }, 'trace statements planned'),
    (err: unknown) => logger.warn({ err }, 'could not plan the trace statements ahead'),
  );
  closeOnSignals(
    {
      ...running,
      close: async () => {
        await running.close();
        await target.release();
      },
    },
    logger,
  );
  return running.url;
}
