/**
 * A seed set loaded into a Neo4j of its own, kept between bench runs: the detection, quality and
 * (later) API benches measure reads, so they load a size once and reuse it. Each size has its own
 * local instance (`bench-<size>`, Bolt port 7690 + index) and seed directory under
 * .data/bench/<size>-<seed>; a marker node records which seed set the database holds, so a changed
 * generator or seed is reloaded from scratch. With NEO4J_URI set, that database is used instead
 * (emptied and loaded only when the marker differs, and only with --yes-reset).
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig, type Config } from '../server/config.ts';
import type { Db } from '../server/db/db.ts';
import { migrate } from '../server/db/migrate.ts';
import { resetData } from '../server/db/reset.ts';
import { openDb, resolveNeo4j, type Neo4jTarget } from '../server/db/runtime/resolve.ts';
import { expandPaths } from '../server/ingest/paths.ts';
import { resolveIdentities } from '../server/ingest/resolve.ts';
import { ingestFiles } from '../server/ingest/service.ts';
import { loadSpecs } from '../server/ingest/spec/load.ts';
import { generateSeed, type Size } from '../seed/index.ts';

const PORT_OFFSET: Readonly<Record<Size, number>> = { demo: 0, medium: 1, large: 2 };

export interface BenchDataset {
  db: Db;
  config: Config;
  target: Neo4jTarget;
  seedDir: string;
  truthFile: string;
  /** Seconds spent loading now (0 when the database already held the set). */
  loadSeconds: number;
  close(): Promise<void>;
}

export async function benchDataset(
  size: Size,
  seed: number,
  options: { log: (line: string) => void; allowReset: boolean },
): Promise<BenchDataset> {
  const { log } = options;
  const base = loadConfig();
  const config = loadConfig({
    ...process.env,
    QUANLIAN_NEO4J_INSTANCE: `bench-${size}`,
    QUANLIAN_NEO4J_BOLT_PORT: String(7690 + PORT_OFFSET[size]),
    QUANLIAN_NEO4J_HTTP_PORT: String(7590 + PORT_OFFSET[size]),
    QUANLIAN_DATA_DIR: path.join(base.paths.dataDir, 'bench', `${size}-${seed}`, 'data'),
  });
  const seedDir = path.join(base.paths.dataDir, 'bench', `${size}-${seed}`, 'seed');
  const secrets = { hmacKey: Buffer.alloc(32, 7), encKey: Buffer.alloc(32, 8) };
  const truthFile = path.join(seedDir, 'truth.json');
  if (!fs.existsSync(truthFile)) {
    log(`generating the ${size} seed set (seed ${seed}) into ${seedDir} …`);
    fs.rmSync(seedDir, { recursive: true, force: true });
    await generateSeed({ size, seed, outDir: seedDir, hmacKey: secrets.hmacKey });
  }
  const marker = `${size}:${seed}:${fileDigest(truthFile)}`;

  const target = await resolveNeo4j(config, { reuseDocker: false, log });
  const db = openDb(config, target, { maxRetryTimeMs: 120_000 });
  let loadSeconds = 0;
  try {
    await migrate(db, { secrets });
    const [held] = await db.adhocRead('OPTIONAL MATCH (m:BenchMarker) RETURN m.value AS value');
    if (held?.value !== marker) {
      // The marker says "loading" first: an interrupted load of the same set is continued (ingest
      // skips loaded files and resumes a partial one); anything else is emptied first.
      const continuing = held?.value === `loading:${marker}`;
      if (!continuing && process.env.NEO4J_URI && !options.allowReset)
        throw new Error('NEO4J_URI is set and holds other data: pass --yes-reset to empty and load it');
      const started = performance.now();
      log(`loading the ${size} seed set into ${target.uri} (once; later runs reuse it) …`);
      if (!continuing) {
        await resetData(db);
        await db.autoCommit('MERGE (m:BenchMarker) SET m.value = $value', 'bench/marker', {
          value: `loading:${marker}`,
        });
      }
      const files = expandPaths([seedDir]);
      const specs = loadSpecs();
      let done = 0;
      const reports = await ingestFiles(files, {}, { db, config, secrets, specs }, 2, () => {
        if (++done % 25 === 0) log(`  ${done}/${files.length} files`);
      });
      for (const r of reports) if (r.status === 'failed') throw new Error(`${r.file}: ${r.error}`);
      log('identity resolution …');
      await resolveIdentities(db);
      await db.autoCommit('MERGE (m:BenchMarker) SET m.value = $value', 'bench/marker', { value: marker });
      loadSeconds = Math.round((performance.now() - started) / 10) / 100;
      log(`loaded in ${loadSeconds} s`);
    }
  } catch (error) {
    await db.close();
    await target.release();
    throw error;
  }
  return {
    db,
    config,
    target,
    seedDir,
    truthFile,
    loadSeconds,
    close: async () => {
      await db.close();
      await target.release();
    },
  };
}

function fileDigest(file: string): string {
  const { size, mtimeMs } = fs.statSync(file);
  return `${size}-${Math.round(mtimeMs)}`;
}
