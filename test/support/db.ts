/** Connects a test file to the suite's Neo4j (provided by test/setup/neo4j.ts). */
import { randomBytes } from 'node:crypto';
import { loadConfig, type Config } from '../../server/config.ts';
import { Db } from '../../server/db/db.ts';
import type { Secrets } from '../../server/secrets.ts';

/**
 * The instance keys of every test that writes to the suite's database (the setup migrates with them
 * too), so that database holds one instance's data, as a real one does, and the commands' check
 * that their keys fit the graph (server/keycheck.ts) finds them.
 */
export const TEST_SECRETS: Secrets = { hmacKey: Buffer.alloc(32, 7), encKey: Buffer.alloc(32, 8) };

export function testEnv(): NodeJS.ProcessEnv {
  const uri = process.env.QUANLIAN_TEST_NEO4J_URI;
  if (!uri) throw new Error('QUANLIAN_TEST_NEO4J_URI is not set: run database tests through vitest (npm test)');
  return {
    ...process.env,
    NEO4J_URI: uri,
    NEO4J_USER: process.env.QUANLIAN_TEST_NEO4J_USER ?? 'neo4j',
    NEO4J_PASSWORD: process.env.QUANLIAN_TEST_NEO4J_PASSWORD ?? '',
    LOG_LEVEL: 'silent',
  };
}

export function testConfig(overrides: NodeJS.ProcessEnv = {}): Config {
  return loadConfig({ ...testEnv(), ...overrides });
}

export function testDb(config: Config = testConfig()): Db {
  return new Db({
    uri: config.NEO4J_URI ?? '',
    user: config.NEO4J_USER,
    password: config.NEO4J_PASSWORD ?? '',
    database: config.NEO4J_DATABASE,
    txTimeoutMs: config.QUANLIAN_TX_TIMEOUT_MS,
  });
}

/**
 * A short random tag that keeps one test's data apart from every other's. A letter splits its hex
 * digits in two, so it never holds a run of seven digits: names and titles that carry it are free
 * text, whose numbers are starred on the way out, and a tag that happened to be all digits (about
 * one run in twenty) made a test that expects its fixture's names back fail.
 */
export function tag(prefix = 't'): string {
  const hex = randomBytes(4).toString('hex');
  return `${prefix}${hex.slice(0, 4)}g${hex.slice(4)}`;
}
