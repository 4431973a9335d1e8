/**
 * Where Neo4j comes from, in the same order for the CLI, the server and the test suite:
 *   1. NEO4J_URI / NEO4J_USER / NEO4J_PASSWORD when set;
 *   2. Testcontainers (neo4j:5.26) when a Docker engine answers;
 *   3. the local runtime (Neo4j from Maven Central, run with Java 17+).
 * QUANLIAN_NEO4J_RUNTIME=docker|local forces step 2 or 3.
 */
import path from 'node:path';
import type { Config } from '../../config.ts';
import { RuntimeSetupError } from '../../errors.ts';
import { Db, type DbOptions } from '../db.ts';
import { dockerAvailable, startDockerNeo4j } from './docker.ts';
import { LocalNeo4j } from './local.ts';

export interface Neo4jTarget {
  uri: string;
  user: string;
  password: string;
  source: 'env' | 'docker' | 'local';
  /** True if this call started the database (so the caller may stop it when done). */
  startedHere: boolean;
  /** Stops the database if this call started it; otherwise does nothing. */
  release(): Promise<void>;
}

export function localRuntime(
  config: Config,
  overrides: Partial<{ instance: string; boltPort: number }> = {},
): LocalNeo4j {
  return new LocalNeo4j({
    neo4jDir: config.paths.neo4jDir,
    instance: overrides.instance ?? config.QUANLIAN_NEO4J_INSTANCE,
    boltPort: overrides.boltPort ?? config.QUANLIAN_NEO4J_BOLT_PORT,
    httpPort: config.QUANLIAN_NEO4J_HTTP_PORT,
    heap: config.QUANLIAN_NEO4J_HEAP,
    pagecache: config.QUANLIAN_NEO4J_PAGECACHE,
    startTimeoutS: config.QUANLIAN_NEO4J_START_TIMEOUT_S,
    pomFile: path.join(config.paths.root, 'neo4j', 'pom.xml'),
  });
}

export async function resolveNeo4j(
  config: Config,
  options: { reuseDocker: boolean; log?: (line: string) => void },
): Promise<Neo4jTarget> {
  const log = options.log ?? (() => {});
  const nothing = async () => {};
  if (config.NEO4J_URI) {
    return {
      uri: config.NEO4J_URI,
      user: config.NEO4J_USER,
      password: config.NEO4J_PASSWORD ?? '',
      source: 'env',
      startedHere: false,
      release: nothing,
    };
  }
  const mode = config.QUANLIAN_NEO4J_RUNTIME;
  if (mode === 'docker' || (mode === 'auto' && (await dockerAvailable()))) {
    log('starting neo4j:5.26 with Testcontainers …');
    const docker = await startDockerNeo4j({ reuse: options.reuseDocker });
    return {
      ...docker,
      source: 'docker',
      startedHere: !options.reuseDocker,
      release: options.reuseDocker ? nothing : docker.stop,
    };
  }
  const local = localRuntime(config);
  const { alreadyRunning, status } = await local.start(log);
  const password = local.password();
  if (password === null) throw new RuntimeSetupError(`quanlian/neo4j: ${local.home} has no password file`);
  return {
    uri: status.uri,
    user: 'neo4j',
    password,
    source: 'local',
    startedHere: !alreadyRunning,
    release: alreadyRunning ? nothing : async () => void (await local.stop()),
  };
}

/** A Db for the resolved target, using the configured database and transaction timeout. */
export function openDb(
  config: Config,
  target: Pick<Neo4jTarget, 'uri' | 'user' | 'password'>,
  options: { maxRetryTimeMs?: number } = {},
): Db {
  return new Db(dbOptions(config, target, options));
}

/** The connection settings openDb uses, for a process or worker thread that opens its own driver. */
export function dbOptions(
  config: Config,
  target: Pick<Neo4jTarget, 'uri' | 'user' | 'password'>,
  options: { maxRetryTimeMs?: number } = {},
): DbOptions {
  return {
    uri: target.uri,
    user: target.user,
    password: target.password,
    database: config.NEO4J_DATABASE,
    txTimeoutMs: config.QUANLIAN_TX_TIMEOUT_MS,
    ...options,
  };
}
