/**
 * `quanlian demo` (`npm run demo`): brings up everything on this machine — Neo4j, schema and
 * reference data — and serves the app, then prints where to open it. Later features extend the
 * sequence (seed, ingest, detect, demo users); it must always end in a working app.
 */
import type { Command } from 'commander';
import { migrate } from '../../db/migrate.ts';
import { action } from '../action.ts';
import { note, withDb } from '../context.ts';
import { serve } from './serve.ts';

export function register(program: Command): void {
  program
    .command('demo')
    .description('start Neo4j, migrate, and serve the app on the demo data')
    .option('--port <port>', 'HTTP port (default PORT or 8080)')
    .action(
      action(async (options: { port?: string }) => {
        await withDb(async (db) => {
          const result = await migrate(db, { log: note });
          note(`schema current (${result.applied.length} applied now), ${result.regions} regions`);
        });
        const url = await serve(options);
        process.stdout.write(
          `\n  全链 Quanlian is running: ${url}\n  readiness: ${url}/readyz\n  stop: Ctrl-C (Neo4j keeps running; quanlian neo4j stop)\n\n`,
        );
      }),
    );
}
