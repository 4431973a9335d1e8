/**
 * `quanlian ingest PATH...`: loads exports (files or folders) through the import specs. Exit code 0
 * when the files loaded, even with rejected rows (they are in each batch's rejects file); 1 when a
 * file or the load itself failed.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../../config.ts';
import { expandPaths } from '../../ingest/paths.ts';
import { resolveIdentities, type ResolveReport } from '../../ingest/resolve.ts';
import { ingestFiles, type FileReport } from '../../ingest/service.ts';
import type { Db } from '../../db/db.ts';
import { loadSpecs } from '../../ingest/spec/load.ts';
import { instanceKeys } from '../../keycheck.ts';
import { findSecrets, type Secrets } from '../../secrets.ts';
import { action, printJson, wholeOption, type JsonOption } from '../action.ts';
import { note, withDb } from '../context.ts';
import { ProgressBar } from '../progress.ts';

interface Options extends JsonOption {
  spec?: string;
  region?: string;
  dept?: string;
  dryRun?: boolean;
  encoding?: string;
  sheet?: string;
  chunkRows?: string;
  parallel?: string;
}

export function register(program: Command): void {
  program
    .command('ingest')
    .description('load exports (CSV in UTF-8/GBK, XLSX, JSON Lines; files or folders) into the graph')
    .argument('<path...>', 'files or folders')
    .option('--spec <name|file>', 'import spec to use (default: detected from the headers)')
    .option('--region <code>', 'reporting region code (default: from the manifest)')
    .option('--dept <name>', 'reporting department (default: from the manifest)')
    .option('--encoding <name>', 'utf8 or gbk (default: detected)')
    .option('--sheet <name>', 'XLSX sheet (default: the first)')
    .option('--chunk-rows <n>', 'rows per transaction (default 5000)')
    .option('--parallel <n>', 'files loaded at once (default 2)')
    .option('--dry-run', 'validate and report without writing to the database')
    .option('--json', 'print a one-line JSON summary')
    .action(action(async (paths: string[], options: Options) => run(paths, options)));
}

async function run(paths: string[], options: Options): Promise<void> {
  const config = loadConfig();
  const files = expandPaths(paths);
  const specs = loadSpecs(path.join(config.paths.dataDir, 'specs'));
  const parallel = options.parallel ? wholeOption(options.parallel, '--parallel', 8) : 2;
  const bar = new ProgressBar();
  const fileOptions = {
    ...options,
    chunkRows: options.chunkRows ? wholeOption(options.chunkRows, '--chunk-rows', 100_000) : undefined,
  };
  const work = (db: Db | null, secrets: Secrets) =>
    ingestFiles(files, fileOptions, { db, config, secrets, specs }, parallel, (report, done) => {
      bar.done();
      if (!options.json) process.stderr.write(describe(report) + '\n');
      bar.update('files', done, files.length);
    });
  let reports: FileReport[] = [];
  let resolution: ResolveReport | null = null;
  // A dry run writes nothing: the keys as configured or stored, else keys of its own, never saved.
  if (options.dryRun)
    reports = await work(null, findSecrets(config) ?? { hmacKey: randomBytes(32), encKey: randomBytes(32) });
  else
    await withDb(
      async (db) => {
        reports = await work(db, await instanceKeys(db, config, note));
        // Identity resolution over the whole graph: folds what this load's keys could not join.
        resolution = await resolveIdentities(db);
      },
      // Concurrent loads can deadlock on shared nodes; Neo4j reports it as transient and the
      // driver retries the chunk's transaction — give it time to.
      { maxRetryTimeMs: 120_000 },
    );
  bar.done();

  const totals = sum(reports);
  const failed = reports.filter((r) => r.status === 'failed');
  if (options.json) printJson({ files: reports.length, ...totals, failed: failed.length, resolution, reports });
  else {
    process.stdout.write(
      `${reports.length} file(s): ${totals.accepted} accepted, ${totals.rejected} rejected, ${totals.duplicate} duplicate ` +
        `of ${totals.total} rows; ${totals.alreadyLoaded} already loaded; ${failed.length} failed\n`,
    );
    const r = resolution as ResolveReport | null;
    if (r) {
      process.stdout.write(
        `identity resolution: ${r.folded.Company} company and ${r.folded.Person} person nodes folded into their ` +
          `USCC/ID-keyed node; ${r.ambiguous.Company + r.ambiguous.Person} ambiguous left apart\n`,
      );
    }
  }
  if (failed.length > 0) process.exitCode = 1;
}

function describe(r: FileReport): string {
  const name = path.basename(r.file);
  if (r.status === 'failed') return `✗ ${name}: ${r.error}`;
  if (r.status === 'already-loaded') return `= ${name}: already loaded (batch ${r.batchId}); nothing changed`;
  const resumed = r.resumedAfterLine > 0 ? `, resumed after line ${r.resumedAfterLine}` : '';
  return (
    `✓ ${name} [${r.spec}, ${r.encoding}]: ${r.accepted}/${r.total} accepted, ${r.rejected} rejected, ${r.duplicate} duplicate` +
    `${resumed}${r.rejected > 0 ? ` → ${r.rejectsFile}` : ''}`
  );
}

function sum(reports: FileReport[]) {
  return reports.reduce(
    (t, r) => ({
      total: t.total + r.total,
      accepted: t.accepted + r.accepted,
      rejected: t.rejected + r.rejected,
      duplicate: t.duplicate + r.duplicate,
      alreadyLoaded: t.alreadyLoaded + (r.status === 'already-loaded' ? 1 : 0),
    }),
    { total: 0, accepted: 0, rejected: 0, duplicate: 0, alreadyLoaded: 0 },
  );
}
