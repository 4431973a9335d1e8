import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readMigrations, splitStatements } from '../../server/db/migrate.ts';

describe('migration files', () => {
  it('splits statements on ";" at line end and drops comment lines', () => {
    const text =
      '// header; with a semicolon\nCREATE INDEX a IF NOT EXISTS FOR (n:A) ON (n.x);\n\nCREATE INDEX b IF NOT EXISTS\nFOR (n:B) ON (n.y);\n';
    expect(splitStatements(text)).toEqual([
      'CREATE INDEX a IF NOT EXISTS FOR (n:A) ON (n.x)',
      'CREATE INDEX b IF NOT EXISTS\nFOR (n:B) ON (n.y)',
    ]);
  });

  it('reads the project migrations in order, each with statements and a checksum', () => {
    const migrations = readMigrations();
    expect(migrations.map((m) => m.id)).toEqual([...migrations.map((m) => m.id)].sort());
    expect(migrations[0]?.id).toBe('001-migration-ledger');
    for (const m of migrations) {
      expect(m.statements.length).toBeGreaterThan(0);
      expect(m.checksum).toMatch(/^[0-9a-f]{64}$/);
      // Schema statements say IF NOT EXISTS (IF EXISTS to drop); data backfills visit only what is not
      // yet filled (IS NULL).
      for (const s of m.statements)
        expect(s).toMatch(/IF NOT EXISTS|^DROP \w+ \w+ IF EXISTS$|IS NULL[\s\S]*IN TRANSACTIONS/);
    }
  });

  it('refuses badly named or duplicate-numbered files', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mig-'));
    fs.writeFileSync(path.join(dir, '001-a.cypher'), 'RETURN 1;');
    fs.writeFileSync(path.join(dir, '001-b.cypher'), 'RETURN 1;');
    expect(() => readMigrations(dir)).toThrowError(/two migrations are numbered 001/);
    fs.rmSync(path.join(dir, '001-b.cypher'));
    fs.writeFileSync(path.join(dir, 'Second.cypher'), 'RETURN 1;');
    expect(() => readMigrations(dir)).toThrowError(/Second.cypher: migration files are named NNN-kebab-name.cypher/);
    fs.rmSync(dir, { recursive: true });
  });
});
