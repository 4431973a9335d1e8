/** `quanlian audit verify`: walks the audit chain and checks every hash, link, number and the head. */
import type { Command } from 'commander';
import { verifyChain } from '../../audit/log.ts';
import { AuditChainBrokenError } from '../../errors.ts';
import { action, printJson, type JsonOption } from '../action.ts';
import { withDb } from '../context.ts';

export function register(program: Command): void {
  const audit = program.command('audit').description('the hash-chained audit log');
  audit
    .command('verify')
    .description('check the audit chain; exits 1 if an event was altered, removed or inserted')
    .option('--json', 'print a one-line JSON summary')
    .action(
      action(async (options: JsonOption) => {
        const report = await withDb((db) => verifyChain(db));
        if (options.json && report.ok) printJson({ ...report });
        else if (report.ok) process.stdout.write(`audit chain intact: ${report.events} events\n`);
        if (!report.ok) {
          const p = report.problem;
          throw new AuditChainBrokenError(
            `audit chain broken at event ${p?.seq ?? '?'} (${p?.kind ?? '?'}): ${p?.detail ?? ''}`,
          );
        }
      }),
    );
}
