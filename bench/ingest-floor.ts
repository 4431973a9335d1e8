/**
 * The write floor of this machine's Neo4j for ingest: the rows of a seed set, read and parsed before
 * the clock starts, written as bare nodes with `UNWIND $rows CREATE (n) SET n = row` (no validation,
 * keys, merging, relationships or provenance) in batches of 5,000 and of 20,000. No load with more
 * work per row can run faster than this on the same database; `bench:ingest` compares with a
 * baseline that parses as it goes, as a load does.
 *
 *   npm run bench:ingest-floor -- [--size medium] [--seed 7]
 *
 * Uses its own local instance ("bench", Bolt port 7689, emptied first), or NEO4J_URI with
 * --yes-reset. Prints one JSON line last: {bench, size, rows, by_batch: {5000: rows_per_s, 20000:
 * rows_per_s}, best_rows_per_s} — each the better of two rounds.
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
import { createRawRows, deleteRawRows } from '../server/ingest/queries.ts';
import { generateSeed, SizeSchema } from '../seed/index.ts';
import { rawRows } from './raw-rows.ts';

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: 'medium' },
    seed: { type: 'string', default: '7' },
    'yes-reset': { type: 'boolean', default: false },
  },
});
const size = SizeSchema.parse(values.size);
const log = (line: string) => process.stderr.write(`[bench:ingest-floor] ${line}\n`);
if (process.env.NEO4J_URI && !values['yes-reset']) {
  throw new Error('NEO4J_URI is set: bench:ingest-floor empties that database; pass --yes-reset to confirm');
}
const config = loadConfig({
  ...process.env,
  QUANLIAN_NEO4J_INSTANCE: 'bench',
  QUANLIAN_NEO4J_BOLT_PORT: process.env.QUANLIAN_BENCH_NEO4J_PORT ?? '7689',
});
const dir = fs.mkdtempSync(path.join(os.tmpdir(), `quanlian-bench-floor-${size}-`));
log(`generating the ${size} seed set …`);
await generateSeed({ size, seed: Number(values.seed), outDir: dir, hmacKey: Buffer.alloc(32, 7) });
const rows: Record<string, string>[] = [];
for (const file of expandPaths([dir])) for await (const row of rawRows(file)) rows.push(row);
log(`${rows.length} rows parsed`);

const target = await resolveNeo4j(config, { reuseDocker: false, log });
const db = openDb(config, target, { maxRetryTimeMs: 120_000 });
try {
  await migrate(db, { secrets: { hmacKey: Buffer.alloc(32, 7), encKey: Buffer.alloc(32, 8) } });
  await resetData(db);
  const byBatch: Record<string, number> = {};
  for (const batchSize of [5_000, 20_000]) {
    let best = 0;
    for (let round = 0; round < 2; round++) {
      const start = performance.now();
      for (let i = 0; i < rows.length; i += batchSize) {
        const batch = rows.slice(i, i + batchSize);
        await db.writeTx('bench/floor', (tx) => tx.run(createRawRows, { rows: batch }));
      }
      best = Math.max(best, rows.length / ((performance.now() - start) / 1000));
      for (;;) {
        const [row] = await db.run(deleteRawRows, { limit: 50_000 }, { timeoutMs: 600_000 });
        if (!row?.deleted) break;
      }
    }
    byBatch[String(batchSize)] = Math.round(best);
    log(`batches of ${batchSize}: ${Math.round(best)} rows/s`);
  }
  console.log(
    JSON.stringify({
      bench: 'ingest-floor',
      size,
      rows: rows.length,
      by_batch: byBatch,
      best_rows_per_s: Math.max(...Object.values(byBatch)),
    }),
  );
} finally {
  await db.close();
  await target.release();
  fs.rmSync(dir, { recursive: true, force: true });
}
