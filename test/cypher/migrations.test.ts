import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate, migrationStatus, readMigrations } from '../../server/db/migrate.ts';
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
  it('013 stars the phone and ID numbers in address keys loaded before, merging addresses that then share a key', async () => {
    // A tag without digits, so the only long digit runs in these keys are the planted ones.
    const t = tag('mg').replace(/\d/g, (d) => 'abcdefghij'[Number(d)] ?? 'x');
    const road = `addr:江西省南昌市东湖区${t}路12号`;
    const lane = `addr:江西省南昌市西湖区${t}巷3号`;
    await db.autoCommit(
      `CREATE (a1:Address {key: $road + '王先生13912345678', name: $name1, seenIn: ['360102'], src: ['b1:1'], srcCount: 1})
       CREATE (a2:Address {key: $road + '王先生13912340078', name: $name2, seenIn: ['360103'], src: ['b2:5'], srcCount: 2})
       CREATE (h:Address {key: $lane + '360*************3X', name: $name3, seenIn: ['360103'], src: ['b3:1'], srcCount: 1})
       CREATE (a3:Address {key: $lane + '36010219900101123X', name: $name3, seenIn: ['360104'], src: ['b4:9'], srcCount: 1})
       CREATE (c:Company {key: 'uscc:' + $t, name: $t + '酒业'})-[:LOCATED_AT {src: ['b1:1'], srcCount: 1}]->(a1)
       CREATE (c)-[:LOCATED_AT {src: ['b2:5'], srcCount: 1}]->(a2)
       CREATE (:Shipment {key: 'wb:' + $t})-[:TO_ADDR {src: ['b2:5'], srcCount: 1}]->(a2)
       CREATE (:Person {key: 'pid:' + $t})-[:LOCATED_AT {src: ['b4:9'], srcCount: 1}]->(a3)`,
      'test/fixture',
      {
        road,
        lane,
        t,
        name1: `${t}路12号 王先生 13912345678`,
        name2: `${t}路12号 王先生 139-1234-0078`,
        name3: `${t}巷3号`,
      },
    );
    // The migration's statements as they are, each narrowed to this test's addresses: other tests
    // share the database.
    const statements = (readMigrations().find((m) => m.id.startsWith('013-'))?.statements ?? []).map((st) =>
      st.replaceAll('MATCH (a:Address)\nWHERE ', 'MATCH (a:Address)\nWHERE a.key CONTAINS $t AND '),
    );
    expect(statements.filter((st) => st.includes('a.key CONTAINS $t AND '))).toHaveLength(statements.length);
    const addresses = async () =>
      (
        await db.adhocRead(
          `MATCH (a:Address) WHERE a.key CONTAINS $t
           RETURN a.key AS key, a.name AS name, a.aliases AS aliases, a.seenIn AS seenIn, a.src AS src,
                  a.srcCount AS srcCount, a.starredKey AS starredKey,
                  [(x)-[r]->(a) | type(r) + ' ' + x.key + ' ' + r.srcCount] AS inbound
           ORDER BY key`,
          { t },
        )
      ).map((r) => ({ ...r, inbound: [...(r.inbound as string[])].sort() }));
    try {
      for (const st of statements) await db.autoCommit(st, 'test/migration-013', { t });
      const after = await addresses();
      expect(after).toEqual([
        {
          // The first of the two by key takes the starred key; the other is merged into it.
          key: `${road}王先生139******78`,
          name: `${t}路12号 王先生 139-1234-0078`,
          aliases: [`${t}路12号 王先生 13912345678`],
          seenIn: ['360103', '360102'],
          src: ['b2:5', 'b1:1'],
          srcCount: 3,
          starredKey: null,
          inbound: [`LOCATED_AT uscc:${t} 2`, `TO_ADDR wb:${t} 1`],
        },
        {
          key: `${lane}360*************3X`,
          name: `${t}巷3号`,
          aliases: [],
          seenIn: ['360103', '360104'],
          src: ['b3:1', 'b4:9'],
          srcCount: 2,
          starredKey: null,
          inbound: [`LOCATED_AT pid:${t} 1`],
        },
      ]);
      // A second run finds nothing to do.
      for (const st of statements) await db.autoCommit(st, 'test/migration-013', { t });
      expect(await addresses()).toEqual(after);
    } finally {
      await db.autoCommit(
        `MATCH (n) WHERE (n:Address OR n:Company OR n:Shipment OR n:Person) AND n.key CONTAINS $t DETACH DELETE n`,
        'test cleanup',
        { t },
      );
    }
  });
});
