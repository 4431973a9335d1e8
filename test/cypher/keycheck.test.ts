/**
 * The instance's keys against the graph: people and phones loaded under the test keys are opened and
 * keyed again; another encryption key opens none, another HMAC key keys none as stored, no new keys
 * are made for a graph with loaded data, and `quanlian ingest` and `quanlian serve` under other keys
 * stop before they write or listen.
 */
import { execFile } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../server/config.ts';
import { phoneKey } from '../../server/domain/keys.ts';
import { ConfigError } from '../../server/errors.ts';
import { assertKeysFitGraph, checkKeys, instanceKeys, judgeKeys, type SealedRow } from '../../server/keycheck.ts';
import { tag, TEST_SECRETS, testConfig, testDb, testEnv } from '../support/db.ts';
import { load, registryCsv, removeBatches, scratchDir, WAYBILL_HEADER, writeCsv } from '../support/ingest.ts';

const run = promisify(execFile);
const db = testDb();
const dir = scratchDir('quanlian-keycheck-');
const batches: string[] = [];
// Keys come from the data directory alone here, whatever the environment running the tests sets.
const noKeys = { QUANLIAN_HMAC_KEY: undefined, QUANLIAN_ENC_KEY: undefined };
const config = testConfig({ ...noKeys, QUANLIAN_DATA_DIR: path.join(dir, 'data') });
const otherKey = () => randomBytes(32);
const mobile = () => `139${String(randomInt(0, 1e8)).padStart(8, '0')}`;
const phones = [mobile(), mobile()];

function waybills(t: string): string {
  return writeCsv(path.join(dir, `waybills-${t}.csv`), [
    WAYBILL_HEADER,
    [
      `YT${String(randomInt(0, 1e9)).padStart(9, '0')}0001`,
      '圆通速递',
      '2024-03-05 14:22',
      `周${t}`,
      phones[0] as string,
      '红谷滩区丰和中大道8号',
      `吴${t}`,
      phones[1] as string,
      '进贤县民和镇3路',
      '白酒',
      '1',
      '1.5',
      '10',
      '圆通南昌',
    ],
  ]);
}

beforeAll(async () => {
  const registry = path.join(dir, `registry-${tag()}.csv`);
  fs.writeFileSync(registry, registryCsv().text);
  for (const file of [waybills(tag()), registry]) {
    const report = await load(db, path.join(dir, 'data'), file, { region: '360102' });
    expect(report.status).toBe('loaded');
    batches.push(report.batchId as string);
  }
}, 60_000);

afterAll(async () => {
  await removeBatches(db, batches);
  await db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the keys against the graph', () => {
  it('opens and keys again the sealed numbers under the keys they were loaded with', async () => {
    const stored = await db.adhocRead('MATCH (p:Phone) WHERE p.key IN $keys RETURN p.key AS key', {
      keys: phones.map((p) => phoneKey(TEST_SECRETS.hmacKey, p)),
    });
    expect(stored).toHaveLength(2);
    // What ingest sealed and keyed, as the check reads it: every one fits.
    const loaded = (await db.adhocRead(
      `MATCH (n) WHERE (n:Person OR n:Phone OR n:Account) AND any(s IN n.src WHERE split(s, ':')[0] IN $batches)
       RETURN CASE WHEN n:Person THEN 'pid' WHEN n:Phone THEN 'tel' ELSE 'acct' END AS kind, n.key AS key,
              n.channel AS channel, coalesce(n.idEnc, n.enc) AS sealed`,
      { batches },
    )) as SealedRow[];
    const sealed = loaded.filter((r) => r.sealed !== null);
    expect(new Set(sealed.map((r) => r.kind))).toEqual(new Set(['pid', 'tel']));
    expect(judgeKeys(sealed, TEST_SECRETS)).toEqual({
      sampled: sealed.length,
      opened: sealed.length,
      matched: sealed.length,
    });
    const check = await assertKeysFitGraph(db, TEST_SECRETS, config);
    expect(check.sampled).toBeGreaterThan(0);
    expect(check.matched).toBeGreaterThan(0);
  });

  it('refuses another encryption key, and says which key and where the keys came from', async () => {
    const keys = { hmacKey: TEST_SECRETS.hmacKey, encKey: otherKey() };
    expect(await checkKeys(db, keys)).toMatchObject({ opened: 0, matched: 0 });
    const refusal = assertKeysFitGraph(db, keys, config);
    await expect(refusal).rejects.toBeInstanceOf(ConfigError);
    await expect(refusal).rejects.toThrow(
      `the keys in ${path.join(dir, 'data', 'keys.json')} are not the keys this graph was loaded with: the encryption key opens none`,
    );
  });

  it('refuses another HMAC key, though the encryption key opens the numbers', async () => {
    const keys = { hmacKey: otherKey(), encKey: TEST_SECRETS.encKey };
    const check = await checkKeys(db, keys);
    expect(check.opened).toBeGreaterThan(0);
    expect(check.matched).toBe(0);
    const withHmac = testConfig({ ...noKeys, QUANLIAN_HMAC_KEY: keys.hmacKey.toString('hex') });
    await expect(assertKeysFitGraph(db, keys, withHmac)).rejects.toThrow(
      /^quanlian\/keys: the keys in QUANLIAN_HMAC_KEY and .*keys\.json .*the HMAC key gives none of them/,
    );
  });

  it('makes no new keys for a graph with loaded data, and takes the stored ones that fit', async () => {
    const fresh = testConfig({ ...noKeys, QUANLIAN_DATA_DIR: path.join(dir, 'fresh') });
    await expect(instanceKeys(db, fresh)).rejects.toThrow(
      `quanlian/keys: QUANLIAN_HMAC_KEY and QUANLIAN_ENC_KEY are not set and ${path.join(dir, 'fresh', 'keys.json')} does not exist, and this graph holds loaded data`,
    );
    expect(fs.existsSync(path.join(dir, 'fresh', 'keys.json'))).toBe(false);

    const keyFile = path.join(dir, 'stored', 'keys.json');
    fs.mkdirSync(path.dirname(keyFile), { recursive: true });
    const hex = { hmacKey: TEST_SECRETS.hmacKey.toString('hex'), encKey: TEST_SECRETS.encKey.toString('hex') };
    fs.writeFileSync(keyFile, JSON.stringify(hex));
    const stored = await instanceKeys(db, testConfig({ ...noKeys, QUANLIAN_DATA_DIR: path.dirname(keyFile) }));
    expect(stored.hmacKey.equals(TEST_SECRETS.hmacKey) && stored.encKey.equals(TEST_SECRETS.encKey)).toBe(true);
  });

  /** Runs the CLI under keys of its own; resolves with its failure (exit code and stderr), or null. */
  const underOtherKeys = (args: string[]) =>
    run(process.execPath, [path.join(PROJECT_ROOT, 'bin', 'quanlian.mjs'), ...args], {
      env: {
        ...testEnv(),
        QUANLIAN_DATA_DIR: path.join(dir, 'cli'),
        QUANLIAN_HMAC_KEY: otherKey().toString('hex'),
        QUANLIAN_ENC_KEY: otherKey().toString('hex'),
      },
      cwd: PROJECT_ROOT,
      timeout: 100_000,
    }).then(
      () => null,
      (error: { code?: number; stderr?: string }) => error,
    );
  const refusal =
    'quanlian/keys: the keys in QUANLIAN_HMAC_KEY and QUANLIAN_ENC_KEY are not the keys this graph was loaded with';

  it('stops `quanlian serve` under other keys before it listens', { timeout: 120_000 }, async () => {
    // Were the check skipped, serve would listen until killed: the run's time limit would fail the test.
    const failed = await underOtherKeys(['serve', '--port', '18097']);
    expect(failed?.code).toBe(78);
    expect(failed?.stderr).toContain(refusal);
    expect(failed?.stderr).toContain("set them to this graph's keys, or unset them to use the file");
  });

  it('stops `quanlian ingest` under other keys before it writes anything', { timeout: 120_000 }, async () => {
    const file = waybills(tag());
    const failed = await underOtherKeys(['ingest', file]);
    expect(failed?.code).toBe(78);
    expect(failed?.stderr).toContain(refusal);
    const written = await db.adhocRead('MATCH (b:Batch {file: $file}) RETURN count(b) AS n', {
      file: path.basename(file),
    });
    expect(Number(written[0]?.n)).toBe(0);
  });
});
