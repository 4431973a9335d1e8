/**
 * Schema migrations: `cypher/schema/NNN-name.cypher`, applied in order, each recorded once as
 * (:Migration {id, checksum, appliedAt}). Statements inside a file are separated by `;` at line end
 * and must be idempotent (IF NOT EXISTS; a data backfill visits only nodes it has not filled yet,
 * in transactions), so a crash between a statement and the ledger write is repaired by re-running. Editing a file after it was applied is refused: add a new migration.
 * Data steps that need the instance's keys are written in TypeScript (steps.ts) and numbered in the
 * same series.
 * Reference data (regions) is re-merged on every run; it is idempotent and cheap.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { REGIONS } from '../domain/regions.ts';
import { MigrationError } from '../errors.ts';
import type { Secrets } from '../secrets.ts';
import type { Db } from './db.ts';
import { listAppliedMigrations, mergeRegions, recordAppliedMigration } from './queries.ts';
import { CYPHER_DIR } from './registry.ts';
import { DATA_STEPS, stepChecksum, type DataStep } from './steps.ts';

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

type Migration = ({ kind: 'cypher' } & MigrationFile) | { kind: 'step'; id: string; checksum: string; step: DataStep };

/**
 * The migrations of a schema directory in number order: its files and, for the project's own
 * directory (not a test's), the data steps written in TypeScript (steps.ts), numbered in the same series.
 */
function listMigrations(dir: string = SCHEMA_DIR): Migration[] {
  const steps = dir === SCHEMA_DIR ? DATA_STEPS : [];
  const all: Migration[] = [
    ...readMigrations(dir).map((f) => ({ kind: 'cypher' as const, ...f })),
    ...steps.map((step) => ({ kind: 'step' as const, id: step.id, checksum: stepChecksum(step), step })),
  ];
  const numbers = new Set<string>();
  for (const m of all) {
    if (numbers.has(m.id.slice(0, 3)))
      throw new MigrationError(`quanlian/migrate: two migrations are numbered ${m.id.slice(0, 3)}`);
    numbers.add(m.id.slice(0, 3));
  }
  return all.sort((a, b) => a.id.localeCompare(b.id));
}

export async function migrationStatus(db: Db, dir: string = SCHEMA_DIR): Promise<MigrationStatus> {
  const all = listMigrations(dir);
  const applied = new Map((await db.run(listAppliedMigrations, {})).map((m) => [m.id, m.checksum]));
  return {
    applied: all.filter((f) => applied.get(f.id) === f.checksum).map((f) => f.id),
    pending: all.filter((f) => !applied.has(f.id)).map((f) => f.id),
    edited: all.filter((f) => applied.has(f.id) && applied.get(f.id) !== f.checksum).map((f) => f.id),
  };
}

export interface MigrateResult {
  applied: string[];
  alreadyApplied: number;
  regions: number;
}

/**
 * Applies the pending migrations in order. `secrets` are the instance's keys, for a data step that
 * rewrites keys; a step that has such work and no keys stops the run with a MigrationError.
 */
export async function migrate(
  db: Db,
  options: { dir?: string; log?: (line: string) => void; secrets?: Secrets | null } = {},
): Promise<MigrateResult> {
  const dir = options.dir ?? SCHEMA_DIR;
  const log = options.log ?? (() => {});
  const all = listMigrations(dir);
  const status = await migrationStatus(db, dir);
  if (status.edited.length > 0) {
    throw new MigrationError(
      `quanlian/migrate: ${all
        .filter((m) => status.edited.includes(m.id))
        .map((m) => (m.kind === 'step' ? `step ${m.id} (server/db/steps.ts)` : `${m.id}.cypher`))
        .join(', ')} changed after being applied ` +
        `(its checksum no longer matches the ledger). Restore the file and put the change in a new migration.`,
    );
  }
  const pending = all.filter((m) => status.pending.includes(m.id));
  const applied: string[] = [];
  let indexesChanged = false;
  for (const migration of pending) {
    if (migration.kind === 'cypher') {
      log(`applying ${migration.id} (${migration.statements.length} statements)`);
      for (const [i, statement] of migration.statements.entries()) {
        await db.autoCommit(statement, `migration ${migration.id}, statement ${i + 1}`);
      }
      indexesChanged = true;
    } else {
      // A step reads through the indexes the files before it made: they must be online.
      if (indexesChanged) await awaitIndexes(db);
      indexesChanged = false;
      log(`applying ${migration.id}: ${migration.step.description}`);
      await migration.step.run(db, options.secrets ?? null, log);
    }
    await db.run(recordAppliedMigration, { id: migration.id, checksum: migration.checksum });
    applied.push(migration.id);
  }
  // A new index fills in the background: wait until every index is online, so the first query after
  // a migration does not meet a populating one.
  if (indexesChanged) await awaitIndexes(db);
  const [row] = await db.run(mergeRegions, { regions: [...REGIONS] });
  return { applied, alreadyApplied: all.length - applied.length, regions: row?.regions ?? 0 };
}

const awaitIndexes = (db: Db) => db.autoCommit('CALL db.awaitIndexes(600)', 'migrations: wait for indexes');
