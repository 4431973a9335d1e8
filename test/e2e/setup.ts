/**
 * Global setup of the browser tests: builds the web app, starts a Neo4j of its own (instance "e2e",
 * Bolt port 7694 unless QUANLIAN_E2E_NEO4J_INSTANCE / _PORT say otherwise, data under .data/<instance>) and loads the
 * demo data the way `npm run demo` does — ingest, identity resolution, detection, demo accounts — so
 * the tests drive the real app on the real demo data. Teardown stops what this setup started.
 */
import path from 'node:path';
import { build } from 'vite';
import { loadConfig } from '../../server/config.ts';
import { openDb, resolveNeo4j } from '../../server/db/runtime/resolve.ts';
import { prepareDemoData } from '../../server/demo-data.ts';
import { instanceKeys } from '../../server/keycheck.ts';

const log = (line: string) => process.stderr.write(`[e2e] ${line}\n`);

const INSTANCE = process.env.QUANLIAN_E2E_NEO4J_INSTANCE ?? 'e2e';
export const E2E_ENV = {
  QUANLIAN_NEO4J_INSTANCE: INSTANCE,
  QUANLIAN_NEO4J_BOLT_PORT: process.env.QUANLIAN_E2E_NEO4J_PORT ?? '7694',
  QUANLIAN_DATA_DIR: `.data/${INSTANCE}`,
  /** The built app the tests serve (web/dist for the default instance, so demo and tests agree). */
  WEB_DIR: INSTANCE === 'e2e' ? 'web/dist' : `.data/${INSTANCE}/web`,
  QUANLIAN_NEO4J_HEAP: process.env.QUANLIAN_NEO4J_HEAP ?? '1g',
  QUANLIAN_NEO4J_PAGECACHE: process.env.QUANLIAN_NEO4J_PAGECACHE ?? '512m',
};

export default async function setup(): Promise<() => Promise<void>> {
  const root = path.resolve(import.meta.dirname, '../..');
  log('building the web app');
  await build({
    configFile: path.join(root, 'web', 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir: path.join(root, E2E_ENV.WEB_DIR) },
  });
  const config = loadConfig({ ...process.env, ...E2E_ENV, NEO4J_URI: undefined });
  const target = await resolveNeo4j(config, { reuseDocker: false, log });
  log(`${target.source} Neo4j at ${target.uri}`);
  const db = openDb(config, target, { maxRetryTimeMs: 120_000 });
  try {
    const credentials = await prepareDemoData(db, config, await instanceKeys(db, config, log), log);
    process.env.QUANLIAN_E2E_ACCOUNTS = JSON.stringify(credentials);
  } finally {
    await db.close();
  }
  process.env.QUANLIAN_E2E_NEO4J_URI = target.uri;
  process.env.QUANLIAN_E2E_NEO4J_USER = target.user;
  process.env.QUANLIAN_E2E_NEO4J_PASSWORD = target.password;
  return async () => {
    if (target.startedHere) log('stopping the Neo4j this run started');
    await target.release();
  };
}
