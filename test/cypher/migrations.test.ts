import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate, migrationStatus } from '../../server/db/migrate.ts';
import { forgetAppliedMigrations, listConstraints, listIndexes } from '../../server/db/queries.ts';
import { MigrationError } from '../../server/errors.ts';
import { tag, testDb } from '../support/db.ts';

const db = testDb();
afterAll(() => db.close());

async function schemaSnapshot() {
  const constraints = (await db.run(listConstraints, {})).map((c) => c.name);
  const indexes = (await db.run(listIndexes, {})).map((i) => `${i.name}:${i.type}:${i.analyzer ?? ''}`);
  return { constraints, indexes };
}

describe('migrations', () => {
  it('running twice leaves the same constraint and index set', async () => {
    await migrate(db);
    const first = await schemaSnapshot();
    const again = await migrate(db);
    expect(again.applied).toEqual([]);
    expect(await schemaSnapshot()).toEqual(first);
    expect((await migrationStatus(db)).pending).toEqual([]);
  });

  it('creates a unique constraint for every key of the graph model', async () => {
    const constraints = await db.run(listConstraints, {});
    const keys = constraints
      .filter((c) => c.type === 'UNIQUENESS')
      .map((c) => `${c.labelsOrTypes[0]}.${c.properties[0]}`);
    for (const key of [
      'Region.code',
      'Case.key',
      'Company.key',
      'Person.key',
      'Shop.key',
      'Address.key',
      'Phone.key',
      'Account.key',
      'Shipment.key',
      'Payment.key',
      'Brand.key',
      'Batch.id',
      'DetectionRun.id',
      'Community.id',
      'User.username',
      'AuditEvent.id',
      'Migration.id',
    ]) {
      expect(keys).toContain(key);
    }
  });

  it('has an online CJK full-text index that finds Chinese text inside longer strings', async () => {
    const ft = (await db.run(listIndexes, {})).find((i) => i.type === 'FULLTEXT');
    expect(ft).toMatchObject({ name: 'entity_search', state: 'ONLINE', analyzer: 'cjk' });
    const t = tag();
    await db.autoCommit(`CREATE (:Case {key: 'case:test:${t}', title: '关于${t}销售假冒茅台酒案'})`, 'test fixture');
    try {
      const rows = await db.adhocRead(
        "CALL db.index.fulltext.queryNodes('entity_search', $q) YIELD node WHERE node.key = $key RETURN node.title AS title",
        { q: '"假冒茅台"', key: `case:test:${t}` },
      );
      expect(rows).toEqual([{ title: `关于${t}销售假冒茅台酒案` }]);
    } finally {
      await db.autoCommit(`MATCH (n:Case {key: 'case:test:${t}'}) DELETE n`, 'test cleanup');
    }
  });

  it('refuses to run when an applied migration file was edited', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quanlian-mig-'));
    const t = tag('idx_');
    const id = `901-test-${t.replaceAll('_', '-')}`;
    const file = path.join(dir, `${id}.cypher`);
    fs.writeFileSync(file, `CREATE INDEX ${t} IF NOT EXISTS FOR (n:TestOnly) ON (n.a);\n`);
    try {
      expect((await migrate(db, { dir })).applied).toEqual([id]);
      fs.writeFileSync(file, `CREATE INDEX ${t} IF NOT EXISTS FOR (n:TestOnly) ON (n.b);\n`);
      expect((await migrationStatus(db, dir)).edited).toEqual([id]);
      await expect(migrate(db, { dir })).rejects.toThrowError(MigrationError);
      await expect(migrate(db, { dir })).rejects.toThrowError(new RegExp(`${id}.cypher changed after being applied`));
    } finally {
      await db.autoCommit(`DROP INDEX ${t} IF EXISTS`, 'test cleanup');
      await db.run(forgetAppliedMigrations, { ids: [id] });
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
