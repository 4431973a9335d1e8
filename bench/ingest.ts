/**
 * Ingest throughput on a seed set loaded into an empty database, against a bare `UNWIND … CREATE`
 * of the same rows measured in the same run on the same database.
 *
 *   npm run bench:ingest -- --size large [--seed 7]
 *
 * Uses NEO4J_URI if set (then --yes-reset is required, since the database is emptied), else a local
 * instance of its own ("bench", Bolt port 7689) that it starts and stops. Prints one JSON line last:
 * {bench, size, files, records, seconds, records_per_s, peak_rss_mb, baseline_records_per_s, ratio,
 * resolve_seconds, folded} — the ingest figure excludes the identity-resolution pass, timed apart.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../server/config.ts';
import { migrate } from '../server/db/migrate.ts';
import { resetData } from '../server/db/reset.ts';
import { openDb, resolveNeo4j } from '../server/db/runtime/resolve.ts';
import { expandPaths } from '../server/ingest/paths.ts';
import { resolveIdentities } from '../server/ingest/resolve.ts';
import { createRawRows, deleteRawRows } from '../server/ingest/queries.ts';
import { ingestFiles } from '../server/ingest/service.ts';
import { loadSpecs } from '../server/ingest/spec/load.ts';
import { generateSeed, SizeSchema } from '../seed/index.ts';
import { rawRows } from './raw-rows.ts';

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: 'medium' },
    seed: { type: 'string', default: '7' },
    'yes-reset': { type: 'boolean', default: false },
    parallel: { type: 'string', default: '2' },
  },
});
const parallel = Number(values.parallel);
const size = SizeSchema.parse(values.size);
const log = (line: string) => process.stderr.write(`[bench:ingest] ${line}\n`);
if (process.env.NEO4J_URI && !values['yes-reset']) {
  throw new Error('NEO4J_URI is set: bench:ingest empties that database; pass --yes-reset to confirm');
}

const config = loadConfig({
  ...process.env,
  QUANLIAN_NEO4J_INSTANCE: 'bench',
  QUANLIAN_NEO4J_BOLT_PORT: process.env.QUANLIAN_BENCH_NEO4J_PORT ?? '7689',
});
const dir = fs.mkdtempSync(path.join(os.tmpdir(), `quanlian-bench-ingest-${size}-`));
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'quanlian-bench-data-'));
const secrets = { hmacKey: Buffer.alloc(32, 7), encKey: Buffer.alloc(32, 8) };
log(`generating the ${size} seed set …`);
await generateSeed({ size, seed: Number(values.seed), outDir: dir, hmacKey: secrets.hmacKey });
const files = expandPaths([dir]);

const target = await resolveNeo4j(config, { reuseDocker: false, log });
const db = openDb(config, target, { maxRetryTimeMs: 120_000 });
let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
try {
  await migrate(db, { secrets });
  await resetData(db);

  log(`baseline: bare UNWIND … CREATE of the same rows from ${files.length} files …`);
  let baselineRows = 0;
  const baselineStart = performance.now();
  for (const file of files) {
    let batch: Record<string, string>[] = [];
    for await (const row of rawRows(file)) {
      batch.push(row);
      if (batch.length === 5000) {
        await db.writeTx('bench/baseline', (tx) => tx.run(createRawRows, { rows: batch }));
        baselineRows += batch.length;
        batch = [];
      }
    }
    if (batch.length) {
      await db.writeTx('bench/baseline', (tx) => tx.run(createRawRows, { rows: batch }));
      baselineRows += batch.length;
    }
  }
  const baselineSeconds = (performance.now() - baselineStart) / 1000;
  for (;;) {
    const [row] = await db.run(deleteRawRows, { limit: 50_000 }, { timeoutMs: 600_000 });
    if (!row?.deleted) break;
  }

  log('ingest …');
  const specs = loadSpecs();
  const benchConfig = loadConfig({ ...process.env, QUANLIAN_DATA_DIR: dataDir });
  let records = 0;
  const start = performance.now();
  const reports = await ingestFiles(files, {}, { db, config: benchConfig, secrets, specs }, parallel);
  for (const report of reports) {
    if (report.status !== 'loaded') throw new Error(`${report.file}: ${report.status}: ${report.error}`);
    records += report.total;
  }
  const seconds = (performance.now() - start) / 1000;
  log('identity resolution …');
  const resolveStart = performance.now();
  const resolution = await resolveIdentities(db);
  const resolveSeconds = (performance.now() - resolveStart) / 1000;
  const perSecond = records / seconds;
  const baselinePerSecond = baselineRows / baselineSeconds;
  console.log(
    JSON.stringify({
      bench: 'ingest',
      size,
      parallel,
      files: files.length,
      records,
      seconds: Math.round(seconds * 100) / 100,
      records_per_s: Math.round(perSecond),
      peak_rss_mb: Math.round(peakRss / 2 ** 20),
      baseline_records: baselineRows,
      baseline_records_per_s: Math.round(baselinePerSecond),
      ratio: Math.round((perSecond / baselinePerSecond) * 1000) / 1000,
      resolve_seconds: Math.round(resolveSeconds * 100) / 100,
      folded: resolution.folded.Company + resolution.folded.Person,
    }),
  );
} finally {
  clearInterval(sampler);
  await db.close();
  await target.release();
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(dataDir, { recursive: true, force: true });
}
