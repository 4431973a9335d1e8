/**
 * The demo's data, ready to use: the demo seed set (generated once into <data dir>/demo/seed), loaded
 * through the normal ingest path, identities resolved, a current detection run, and one account per
 * role. Idempotent: what is already done is recognised and skipped. Used by `quanlian demo` and by
 * the browser tests, which run the real app on the same data.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from './config.ts';
import type { Db } from './db/db.ts';
import { migrate } from './db/migrate.ts';
import { ensureDemoUsers, type DemoCredential } from './auth/demo-users.ts';
import { listDetectionRuns, runDetection } from './detect/service.ts';
import { expandPaths } from './ingest/paths.ts';
import { resolveIdentities } from './ingest/resolve.ts';
import { ingestFiles } from './ingest/service.ts';
import { loadSpecs } from './ingest/spec/load.ts';
import type { Secrets } from './secrets.ts';
import { generateSeed } from '../seed/index.ts';

export const DEMO_SEED = 7;

export function demoSeedDir(config: Config): string {
  return path.join(config.paths.dataDir, 'demo', 'seed');
}

export async function prepareDemoData(
  db: Db,
  config: Config,
  secrets: Secrets,
  note: (line: string) => void,
): Promise<DemoCredential[]> {
  const seedDir = demoSeedDir(config);
  if (!fs.existsSync(path.join(seedDir, 'truth.json'))) {
    note(`generating the demo data set into ${seedDir} …`);
    fs.rmSync(seedDir, { recursive: true, force: true });
    await generateSeed({ size: 'demo', seed: DEMO_SEED, outDir: seedDir, hmacKey: secrets.hmacKey });
  }
  const result = await migrate(db, { log: note, secrets });
  note(`schema current (${result.applied.length} applied now), ${result.regions} regions`);
  const specs = loadSpecs(path.join(config.paths.dataDir, 'specs'));
  const totals = { files: 0, loaded: 0, accepted: 0, rejected: 0 };
  const files = expandPaths([seedDir]);
  const reports = await ingestFiles(files, {}, { db, config, secrets, specs }, 2, (report, done) => {
    if (report.status === 'loaded' && done % 20 === 0) note(`loading the demo data: ${done}/${files.length} files`);
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
    note(`identity resolution: ${r.folded.Company + r.folded.Person} nodes folded into their USCC/ID-keyed node`);
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
    const { runId, result: detected } = await runDetection(db, {});
    note(
      `detection run ${runId}: ${detected.counts.chains} chains, ${detected.counts.flagged} flagged as suspect (quanlian detect communities --flagged)`,
    );
  } else note(`detection: run ${runs.find((r) => r.current)?.id} is current`);
  return ensureDemoUsers(db, config.paths.dataDir);
}
