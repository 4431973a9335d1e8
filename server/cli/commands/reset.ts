/** `quanlian reset --yes-delete-all-data`: empties the database but keeps schema and reference data. */
import type { Command } from 'commander';
import { resetData } from '../../db/reset.ts';
import { ValidationError } from '../../errors.ts';
import { action, printJson, type JsonOption } from '../action.ts';
import { withDb } from '../context.ts';

interface Options extends JsonOption {
  yesDeleteAllData?: boolean;
}

export function register(program: Command): void {
  program
    .command('reset')
    .description('delete every node and relationship (schema, migrations and regions stay)')
    .option('--yes-delete-all-data', 'confirm that all data is to be deleted')
    .option('--json', 'print a one-line JSON summary')
    .action(
      action(async (options: Options) => {
        if (!options.yesDeleteAllData) {
          throw new ValidationError('reset deletes all data and is refused without --yes-delete-all-data');
        }
        const result = await withDb((db) => resetData(db));
        if (options.json) return printJson({ ...result });
        process.stdout.write(`deleted ${result.deleted} nodes; schema kept, ${result.regions} regions reloaded\n`);
      }),
    );
}
