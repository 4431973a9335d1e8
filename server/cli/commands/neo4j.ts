/** `quanlian neo4j start|stop|status`: the local Neo4j 5.26 runtime (see server/db/runtime/local.ts). */
import type { Command } from 'commander';
import { loadConfig } from '../../config.ts';
import { localRuntime } from '../../db/runtime/resolve.ts';
import { action, printJson, type JsonOption } from '../action.ts';
import { note } from '../context.ts';

interface Options extends JsonOption {
  instance?: string;
  port?: string;
}

function runtime(options: Options) {
  const config = loadConfig({
    ...process.env,
    ...(options.instance ? { QUANLIAN_NEO4J_INSTANCE: options.instance } : {}),
    ...(options.port ? { QUANLIAN_NEO4J_BOLT_PORT: options.port } : {}),
  });
  return localRuntime(config);
}

export function register(program: Command): void {
  const neo4j = program
    .command('neo4j')
    .description('manage the local Neo4j 5.26 runtime (Java 17+, resolved once with Maven)');
  const common = (cmd: Command) =>
    cmd
      .option('--instance <name>', 'instance name (default QUANLIAN_NEO4J_INSTANCE or "dev")')
      .option('--port <port>', 'Bolt port (default QUANLIAN_NEO4J_BOLT_PORT or 7687)')
      .option('--json', 'print a one-line JSON summary');

  common(neo4j.command('start').description('start Neo4j and wait until Bolt answers (idempotent)')).action(
    action(async (options: Options) => {
      const local = runtime(options);
      const { alreadyRunning, status } = await local.start(options.json ? () => {} : note);
      if (options.json) return printJson({ alreadyRunning, ...status });
      process.stdout.write(
        alreadyRunning
          ? `Neo4j (${status.instance}) is already running at ${status.uri} (pid ${status.pid})\n`
          : `Neo4j (${status.instance}) is running at ${status.uri} (pid ${status.pid})\n`,
      );
    }),
  );

  common(neo4j.command('stop').description('stop Neo4j cleanly (SIGTERM, then wait)')).action(
    action(async (options: Options) => {
      const local = runtime(options);
      const { wasRunning } = await local.stop();
      if (options.json) return printJson({ wasRunning, ...(await local.status()) });
      process.stdout.write(wasRunning ? 'Neo4j stopped\n' : 'Neo4j was not running\n');
    }),
  );

  common(neo4j.command('status').description('print state, URI and pid')).action(
    action(async (options: Options) => {
      const status = await runtime(options).status();
      if (options.json) return printJson({ ...status });
      process.stdout.write(`${status.state}  ${status.uri}  pid=${status.pid ?? '-'}  home=${status.home}\n`);
    }),
  );
}
