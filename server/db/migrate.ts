/**
 * Schema migrations: `cypher/schema/NNN-name.cypher`, applied in order, each recorded once as
 * (:Migration {id, checksum, appliedAt}). Statements inside a file are separated by `;` at line end
 * and must be idempotent (IF NOT EXISTS; a data backfill visits only nodes it has not filled yet,
 * in transactions), so a crash between a statement and the ledger write is repaired by re-running. Editing a file after it was applied is refused: add a new migration.
 * Reference data (regions) is re-merged on every run; it is idempotent and cheap.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { REGIONS } from '../domain/regions.ts';
import { MigrationError } from '../errors.ts';
import type { Db } from './db.ts';
import { listAppliedMigrations, mergeRegions, recordAppliedMigration } from './queries.ts';
import { CYPHER_DIR } from './registry.ts';

export const SCHEMA_DIR = path.join(CYPHER_DIR, 'schema');

export interface MigrationFile {
  id: string;
  file: string;
  checksum: string;
  statements: string[];
}

export interface MigrationStatus {
  applied: string[];
  pending: string[];
  /** Applied files whose content changed since. */
  edited: string[];
}

export function readMigrations(dir: string = SCHEMA_DIR): MigrationFile[] {
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.cypher'))
    .sort();
  const seen = new Set<string>();
  return files.map((name) => {
    if (!/^\d{3}-[a-z0-9-]+\.cypher$/.test(name)) {
      throw new MigrationError(`quanlian/migrate: ${name}: migration files are named NNN-kebab-name.cypher`);
    }
    const number = name.slice(0, 3);
    if (seen.has(number)) throw new MigrationError(`quanlian/migrate: two migrations are numbered ${number}`);
    seen.add(number);
    const text = fs.readFileSync(path.join(dir, name), 'utf8');
    return {
      id: name.replace(/\.cypher$/, ''),
      file: path.join(dir, name),
      checksum: createHash('sha256').update(text).digest('hex'),
      statements: splitStatements(text),
    };
  });
}

/** Splits a file on `;` at line end, dropping `//` comment lines and empty statements. */
export function splitStatements(text: string): string[] {
  const code = text
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('//'))
    .join('\n');
  return code
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

export async function migrationStatus(db: Db, dir: string = SCHEMA_DIR): Promise<MigrationStatus> {
  const files = readMigrations(dir);
  const applied = new Map((await db.run(listAppliedMigrations, {})).map((m) => [m.id, m.checksum]));
  return {
    applied: files.filter((f) => applied.get(f.id) === f.checksum).map((f) => f.id),
    pending: files.filter((f) => !applied.has(f.id)).map((f) => f.id),
    edited: files.filter((f) => applied.has(f.id) && applied.get(f.id) !== f.checksum).map((f) => f.id),
  };
}

export interface MigrateResult {
  applied: string[];
  alreadyApplied: number;
  regions: number;
}

export async function migrate(
  db: Db,
  options: { dir?: string; log?: (line: string) => void } = {},
): Promise<MigrateResult> {
  const dir = options.dir ?? SCHEMA_DIR;
  const log = options.log ?? (() => {});
  const files = readMigrations(dir);
  const status = await migrationStatus(db, dir);
  if (status.edited.length > 0) {
    throw new MigrationError(
      `quanlian/migrate: ${status.edited.map((id) => `${id}.cypher`).join(', ')} changed after being applied ` +
        `(its checksum no longer matches the ledger). Restore the file and put the change in a new migration.`,
    );
  }
  const applied: string[] = [];
  for (const migration of files.filter((f) => status.pending.includes(f.id))) {
    log(`applying ${migration.id} (${migration.statements.length} statements)`);
    for (const [i, statement] of migration.statements.entries()) {
      await db.autoCommit(statement, `migration ${migration.id}, statement ${i + 1}`);
    }
    await db.run(recordAppliedMigration, { id: migration.id, checksum: migration.checksum });
    applied.push(migration.id);
  }
  // A new index fills in the background: wait until every index is online, so the first query after
  // a migration does not meet a populating one.
  if (applied.length > 0) await db.autoCommit('CALL db.awaitIndexes(600)', 'migrations: wait for indexes');
  const [row] = await db.run(mergeRegions, { regions: [...REGIONS] });
  return { applied, alreadyApplied: files.length - applied.length, regions: row?.regions ?? 0 };
}
