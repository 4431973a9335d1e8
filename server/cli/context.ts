/**
 * What most subcommands need: the parsed config and a Db on the resolved Neo4j (NEO4J_URI → Docker →
 * local runtime, started if it is not running and left running for the next command).
 */
import { loadConfig, type Config } from '../config.ts';
import type { Db } from '../db/db.ts';
import { openDb, resolveNeo4j, type Neo4jTarget } from '../db/runtime/resolve.ts';

export function note(line: string): void {
  process.stderr.write(`quanlian: ${line}\n`);
}

export async function withDb<T>(
  work: (db: Db, config: Config, target: Neo4jTarget) => Promise<T>,
  options: { maxRetryTimeMs?: number } = {},
): Promise<T> {
  const config = loadConfig();
  const target = await resolveNeo4j(config, { reuseDocker: true, log: note });
  if (target.startedHere)
    note(`started ${target.source} Neo4j at ${target.uri}; it keeps running (stop: quanlian neo4j stop)`);
  const db = openDb(config, target, options);
  try {
    return await work(db, config, target);
  } finally {
    await db.close();
  }
}
