/**
 * A real crash: `quanlian ingest` is killed with SIGKILL after its first chunks committed, then run
 * again. The resumed load must end in exactly the graph a clean, uninterrupted load gives.
 */
import { execFile, spawn } from 'node:child_process';
import { randomInt } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../server/config.ts';
import { tag, TEST_SECRETS, testDb, testEnv } from '../support/db.ts';
import { graphDigest, removeBatches, scratchDir, WAYBILL_HEADER, writeCsv } from '../support/ingest.ts';

const run = promisify(execFile);
const CLI = path.join(PROJECT_ROOT, 'bin', 'quanlian.mjs');
const db = testDb();
const dir = scratchDir();
const batches: string[] = [];
const env = {
  ...testEnv(),
  QUANLIAN_DATA_DIR: path.join(dir, 'data'),
  QUANLIAN_HMAC_KEY: TEST_SECRETS.hmacKey.toString('hex'),
  QUANLIAN_ENC_KEY: TEST_SECRETS.encKey.toString('hex'),
};

afterAll(async () => {
  await removeBatches(db, batches);
  await db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function ingest(file: string): Promise<Record<string, unknown>> {
  const { stdout } = await run(
    process.execPath,
    [CLI, 'ingest', file, '--region', '360102', '--chunk-rows', '400', '--json'],
    {
      env,
      cwd: PROJECT_ROOT,
      timeout: 600_000,
    },
  );
  return JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as Record<string, unknown>;
}

describe('ingest after a crash', () => {
  it('resumes after SIGKILL and ends in the same graph as a clean load', { timeout: 900_000 }, async () => {
    const t = tag();
    const mobile = () => `139${String(randomInt(0, 1e8)).padStart(8, '0')}`;
    const rows = Array.from({ length: 4000 }, (_, i) => [
      `YT${String(randomInt(0, 1e9)).padStart(9, '0')}${String(i).padStart(4, '0')}`,
      '圆通速递',
      '2024-03-05 14:22',
      `周${t}${i % 50}`,
      mobile(),
      `红谷滩区丰和中大道${i % 40}号`,
      `吴${t}${i}`,
      mobile(),
      `进贤县民和镇${i % 60}路`,
      '白酒',
      '1',
      '1.5',
      '10',
      '圆通南昌',
    ]);
    const file = writeCsv(path.join(dir, `crash-${t}.csv`), [WAYBILL_HEADER, ...rows]);

    const child = spawn(
      process.execPath,
      [CLI, 'ingest', file, '--region', '360102', '--chunk-rows', '400', '--json'],
      {
        env,
        cwd: PROJECT_ROOT,
        stdio: 'ignore',
      },
    );
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    let committed = 0;
    for (let i = 0; i < 1200 && committed === 0; i++) {
      await sleep(100);
      const [b] = await db.adhocRead('MATCH (b:Batch) WHERE b.file = $f RETURN b.rowsCommitted AS line, b.id AS id', {
        f: path.basename(file),
      });
      committed = Number(b?.line ?? 0);
      if (b?.id && !batches.includes(String(b.id))) batches.push(String(b.id));
    }
    child.kill('SIGKILL');
    await exited;
    expect(committed).toBeGreaterThan(0);
    const [mid] = await db.adhocRead('MATCH (b:Batch {id: $id}) RETURN b.status AS status, b.rowsCommitted AS line', {
      id: batches[0],
    });
    expect(mid?.status).toBe('loading');
    expect(Number(mid?.line)).toBeLessThan(4001);

    const resumed = await ingest(file);
    const report = (resumed.reports as Record<string, unknown>[])[0];
    expect(report).toMatchObject({ status: 'loaded', accepted: 4000, rejected: 0 });
    expect(Number(report?.resumedAfterLine)).toBeGreaterThan(0);
    const afterCrash = await graphDigest(db, batches);

    await removeBatches(db, batches);
    const clean = await ingest(file);
    expect((clean.reports as Record<string, unknown>[])[0]).toMatchObject({ status: 'loaded', resumedAfterLine: 0 });
    expect(await graphDigest(db, batches)).toEqual(afterCrash);
  });
});
