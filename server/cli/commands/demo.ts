/**
 * `quanlian demo` (`npm run demo`): brings up everything on this machine — Neo4j, schema and
 * reference data, the demo seed set (generated once into <data dir>/demo/seed) loaded through the
 * normal ingest path — and serves the app, then prints where to open it. Later features extend the
 * sequence (detection, demo users: one per role, credentials printed); it must always end in a working app.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../../config.ts';
import { migrate } from '../../db/migrate.ts';
import { expandPaths } from '../../ingest/paths.ts';
import { resolveIdentities } from '../../ingest/resolve.ts';
import { listDetectionRuns, runDetection } from '../../detect/service.ts';
import { ingestFiles } from '../../ingest/service.ts';
import { loadSpecs } from '../../ingest/spec/load.ts';
import { ensureDemoUsers } from '../../auth/demo-users.ts';
import { loadSecrets } from '../../secrets.ts';
import { generateSeed } from '../../../seed/index.ts';
import { action } from '../action.ts';
import { note, withDb } from '../context.ts';
import { serve } from './serve.ts';

const DEMO_SEED = 7;

export function register(program: Command): void {
  program
    .command('demo')
    .description('start Neo4j, migrate, load the demo data, run detection, and serve the app')
    .option('--port <port>', 'HTTP port (default PORT or 8080)')
    .action(
      action(async (options: { port?: string }) => {
        const config = loadConfig();
        const secrets = loadSecrets(config);
        const seedDir = path.join(config.paths.dataDir, 'demo', 'seed');
        if (!fs.existsSync(path.join(seedDir, 'truth.json'))) {
          note(`generating the demo data set into ${seedDir} …`);
          fs.rmSync(seedDir, { recursive: true, force: true });
          await generateSeed({ size: 'demo', seed: DEMO_SEED, outDir: seedDir, hmacKey: secrets.hmacKey });
        }
        const credentials = await withDb(
          async (db) => {
            const result = await migrate(db, { log: note });
            note(`schema current (${result.applied.length} applied now), ${result.regions} regions`);
            const specs = loadSpecs(path.join(config.paths.dataDir, 'specs'));
            const totals = { files: 0, loaded: 0, accepted: 0, rejected: 0 };
            const files = expandPaths([seedDir]);
            const reports = await ingestFiles(files, {}, { db, config, secrets, specs }, 2, (report, done) => {
              if (report.status === 'loaded' && done % 20 === 0)
                note(`loading the demo data: ${done}/${files.length} files`);
            });
            for (const report of reports) {
              if (report.status === 'failed') throw new Error(`demo data ${report.file}: ${report.error}`);
              totals.files++;
              if (report.status === 'loaded') totals.loaded++;
              totals.accepted += report.accepted;
              totals.rejected += report.rejected;
            }
            if (totals.loaded > 0) {
              const r = await resolveIdentities(db);
              note(
                `identity resolution: ${r.folded.Company + r.folded.Person} nodes folded into their USCC/ID-keyed node`,
              );
            }
            note(
              totals.loaded === 0
                ? `demo data already loaded (${totals.files} files)`
                : `demo data loaded: ${totals.loaded} files, ${totals.accepted} rows accepted, ${totals.rejected} rejected (see ${path.join(config.paths.dataDir, 'batches')})`,
            );
            // Detection: a new run whenever data was loaded, or when there is no complete run yet.
            const runs = await listDetectionRuns(db, 20);
            if (totals.loaded > 0 || !runs.some((r) => r.current)) {
              note('running detection (community detection, chains and scores) …');
              const { runId, result } = await runDetection(db, {});
              note(
                `detection run ${runId}: ${result.counts.chains} chains, ${result.counts.flagged} flagged as suspect (quanlian detect communities --flagged)`,
              );
            } else note(`detection: run ${runs.find((r) => r.current)?.id} is current`);
            return ensureDemoUsers(db, config.paths.dataDir);
          },
          { maxRetryTimeMs: 120_000 },
        );
        const url = await serve(options);
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
