/** `quanlian migrate`: applies cypher/schema migrations in order and loads the Region reference data. */
import type { Command } from 'commander';
import { migrate } from '../../db/migrate.ts';
import { assertKeysFitGraph } from '../../keycheck.ts';
import { findSecrets } from '../../secrets.ts';
import { action, printJson, type JsonOption } from '../action.ts';
import { note, withDb } from '../context.ts';

export function register(program: Command): void {
  program
    .command('migrate')
    .description('apply schema migrations (idempotent) and load reference data')
    .option('--json', 'print a one-line JSON summary')
    .action(
      action(async (options: JsonOption) => {
        const result = await withDb(async (db, config) => {
          const secrets = findSecrets(config);
          // Migration 013 rewrites keys with them: never with keys the graph was not loaded with.
          if (secrets) await assertKeysFitGraph(db, secrets, config, note);
          return migrate(db, { log: options.json ? undefined : note, secrets });
        });
        if (options.json) return printJson({ ...result });
        process.stdout.write(
          `${result.applied.length} migration(s) applied, ${result.alreadyApplied} already current; ${result.regions} regions loaded\n`,
        );
      }),
    );
}
