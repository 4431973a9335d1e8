/** `quanlian query "<Cypher>"`: an operator's read-only query; writes are refused before they run. */
import type { Command } from 'commander';
import { action, printJson, type JsonOption } from '../action.ts';
import { withDb } from '../context.ts';

interface Options extends JsonOption {
  param?: string[];
}

export function register(program: Command): void {
  program
    .command('query')
    .description('run one read-only Cypher statement (writes are refused)')
    .argument('<cypher>', 'the statement')
    .option(
      '--param <name=json>',
      'a parameter, e.g. --param limit=10 (repeatable)',
      (v: string, all: string[] = []) => [...all, v],
    )
    .option('--json', 'print the rows as one JSON line')
    .action(
      action(async (cypher: string, options: Options) => {
        const params = Object.fromEntries((options.param ?? []).map(parseParam));
        const rows = await withDb((db) => db.adhocRead(cypher, params));
        if (options.json) return printJson({ rows, count: rows.length });
        if (rows.length === 0) return void process.stdout.write('(no rows)\n');
        for (const row of rows) process.stdout.write(JSON.stringify(row) + '\n');
        process.stdout.write(`(${rows.length} row${rows.length === 1 ? '' : 's'})\n`);
      }),
    );
}

function parseParam(text: string): [string, unknown] {
  const eq = text.indexOf('=');
  if (eq <= 0) throw new Error(`--param ${text}: expected name=value`);
  const raw = text.slice(eq + 1);
  try {
    return [text.slice(0, eq), JSON.parse(raw)];
  } catch {
    return [text.slice(0, eq), raw];
  }
}
