/**
 * `quanlian` — the one CLI. Each subcommand lives in commands/<name>.ts and registers itself here.
 * Every subcommand has --help, exits non-zero on failure, and prints a one-line JSON summary with --json.
 */
import { Command } from 'commander';
import { register as registerAudit } from './commands/audit.ts';
import { register as registerDemo } from './commands/demo.ts';
import { register as registerDetect } from './commands/detect.ts';
import { register as registerIngest } from './commands/ingest.ts';
import { register as registerMigrate } from './commands/migrate.ts';
import { register as registerNeo4j } from './commands/neo4j.ts';
import { register as registerPacket } from './commands/packet.ts';
import { register as registerQuery } from './commands/query.ts';
import { register as registerReset } from './commands/reset.ts';
import { register as registerSeed } from './commands/seed.ts';
import { register as registerServe } from './commands/serve.ts';
import { register as registerUser } from './commands/user.ts';

const program = new Command('quanlian')
  .description('全链 Quanlian — knowledge-graph analytics for cross-region counterfeit networks')
  .showHelpAfterError()
  .configureHelp({ sortSubcommands: true });
// A subcommand's options are its own even where a parent command has an option of the same name.
program.enablePositionalOptions();

for (const register of [
  registerNeo4j,
  registerMigrate,
  registerQuery,
  registerReset,
  registerServe,
  registerDemo,
  registerPacket,
  registerIngest,
  registerSeed,
  registerDetect,
  registerUser,
  registerAudit,
]) {
  register(program);
}

await program.parseAsync(process.argv);
