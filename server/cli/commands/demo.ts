/**
 * `quanlian demo` (`npm run demo`): brings up everything on this machine — Neo4j, schema and
 * reference data, the demo seed set (generated once into <data dir>/demo/seed) loaded through the
 * normal ingest path — and serves the app, then prints where to open it. Later features extend the
 * sequence (detection, demo users: one per role, credentials printed); it must always end in a working app.
 */
import path from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../../config.ts';
import { instanceKeys } from '../../keycheck.ts';
import { prepareDemoData } from '../../demo-data.ts';
import { action } from '../action.ts';
import { note, withDb } from '../context.ts';
import { serve } from './serve.ts';

export function register(program: Command): void {
  program
    .command('demo')
    .description('start Neo4j, migrate, load the demo data, run detection, and serve the app')
    .option('--port <port>', 'HTTP port (default PORT or 8080)')
    .action(
      action(async (options: { port?: string }) => {
        const config = loadConfig();
        const { credentials, secrets } = await withDb(
          async (db) => {
            const keys = await instanceKeys(db, config, note);
            return { credentials: await prepareDemoData(db, config, keys, note), secrets: keys };
          },
          { maxRetryTimeMs: 120_000 },
        );
        const url = await serve(options, secrets);
        const accounts = credentials
          .map(
            (c) =>
              `    ${c.role.padEnd(13)} ${c.username.padEnd(13)} ${c.password.padEnd(20)} regions ${c.regions.join(',')}`,
          )
          .join('\n');
        process.stdout.write(
          `\n  全链 Quanlian is running: ${url}\n  readiness: ${url}/readyz\n` +
            `  demo accounts (role, username, password, region scope; kept in ${path.join(config.paths.dataDir, 'demo', 'users.json')}):\n${accounts}\n` +
            `  stop: Ctrl-C (Neo4j keeps running; quanlian neo4j stop)\n\n`,
        );
      }),
    );
}
