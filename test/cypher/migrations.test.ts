import { randomInt } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate, migrationStatus } from '../../server/db/migrate.ts';
import { DATA_STEPS, type DataStep } from '../../server/db/steps.ts';
import { addressKeyOf } from '../../server/domain/keys.ts';
import { forgetAppliedMigrations, listConstraints, listIndexes } from '../../server/db/queries.ts';
import { MigrationError } from '../../server/errors.ts';
import { tag, TEST_SECRETS, testDb } from '../support/db.ts';

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

  it('013 turns a number typed into an address key into a keyed token, wherever the key is kept', async () => {
    const t = tag();
    const secrets = TEST_SECRETS;
    const phone = `139${String(randomInt(10_000_000, 99_999_999))}`;
    const text = `江西省南昌市东湖区${t}路8号王先生${phone}`;
    const plain = `addr:${text}`;
    // The same phone written 139-1234-5678, which normalisation used to read as building, unit, room.
    const compact = `addr:江西省南昌市东湖区${t}路8号王先生${phone.slice(0, 3)}栋${phone.slice(3, 7)}单元${phone.slice(7)}室`;
    // A longer number that starts with the phone: its key must not be touched by the phone's rewrite.
    // Its address was rekeyed by a run cut short before the keys kept elsewhere were rewritten.
    const longer = `addr:${text}9`;
    const current = addressKeyOf(secrets.hmacKey, text);
    const longerNow = addressKeyOf(secrets.hmacKey, `${text}9`);
    const step = DATA_STEPS.find((s) => s.id === '013-address-number-tokens') as DataStep;
    const edgeKey = `name:${t}甲@360100|REGISTERED_AT|${plain}`;
    await db.autoCommit(
      `MATCH (g:Region {code: '360102'}), (g2:Region {code: '360103'})
       CREATE (c1:Company {key: 'name:' + $t + '甲@360100', name: $t + '甲'})-[:REGISTERED_AT {src: ['b1:1'], srcCount: 1}]->
              (a1:Address {key: $plain, text: substring($plain, 5), regionCode: '360102', src: ['b1:1'], srcCount: 1, seenIn: ['360102']}),
              (a1)-[:IN_REGION]->(g),
              (c2:Company {key: 'name:' + $t + '乙@360100', name: $t + '乙'})-[:REGISTERED_AT {src: ['b2:3'], srcCount: 1}]->
              (a2:Address {key: $compact, text: substring($compact, 5), regionCode: '360102', src: ['b2:3'], srcCount: 1, seenIn: ['360103']}),
              (a2)-[:IN_REGION]->(g2),
              (:Address {key: $longerNow, text: substring($longer, 5), regionCode: '360102', formerKeys: [$longer]}),
              (:Community {id: 'c-' + $t, evidence: $evidence, recordKeys: [$plain, $compact, $longer, 'ship:' + $t]}),
              (:DetectionRun {id: 'run-' + $t, status: 'failed', current: false, params: '{}', error: 'test fixture',
                              startedAt: datetime('2001-01-01T00:00:00Z'), finishedAt: datetime('2001-01-01T00:00:01Z'), hubs: $hubs}),
              (:Investigation {id: $t, owner: $t, title: $t, notes: '', shared: false, regions: ['360102'], version: 1,
                               nodeCount: 1, state: $state, createdAt: datetime(), updatedAt: datetime()})`,
      'test fixture',
      {
        t,
        plain,
        compact,
        longer,
        longerNow,
        evidence: JSON.stringify([{ kind: 'shared-address', records: [plain, compact, longer], note: '共用地址' }]),
        hubs: JSON.stringify({
          identifiers: [
            { key: compact, holders: 2 },
            { key: longer, holders: 2 },
          ],
        }),
        state: JSON.stringify({ nodes: [{ key: plain }, { key: longer }], edges: [{ target: plain, key: edgeKey }] }),
      },
    );
    const snapshot = async () =>
      (
        await db.adhocRead(
          `OPTIONAL MATCH (a:Address) WHERE a.key IN [$plain, $compact, $current]
           WITH collect(a {.key, .text, .src, .srcCount, .seenIn, .formerKeys,
                           registered: [(c)-[r:REGISTERED_AT]->(a) | c.name + ':' + r.src[0]],
                           regions: size([(a)-[:IN_REGION]->(g) | g])}) AS addresses
           MATCH (c:Community {id: 'c-' + $t}), (r:DetectionRun {id: 'run-' + $t}), (i:Investigation {id: $t}),
                 (l:Address {key: $longerNow})
           RETURN addresses, c.evidence AS evidence, c.recordKeys AS recordKeys, r.hubs AS hubs, i.state AS state,
                  i.version AS version, l.formerKeys AS longerFormerKeys`,
          { t, plain, compact, current, longerNow },
        )
      )[0] as {
        addresses: {
          key: string;
          text: string;
          src: string[];
          seenIn: string[];
          registered: string[];
          regions: number;
        }[];
        evidence: string;
        recordKeys: string[];
        hubs: string;
        state: string;
        version: number;
        longerFormerKeys: string[] | null;
      };
    try {
      // Without the instance's keys it does not guess: it stops and says what it needs.
      await expect(step.run(db, null, () => {})).rejects.toThrowError(/no keys are configured or stored/);
      await step.run(db, secrets, () => {});
      const after = await snapshot();
      expect(after.addresses).toHaveLength(1);
      const address = after.addresses[0] as (typeof after.addresses)[number];
      expect(address).toMatchObject({ key: current, text, srcCount: 2, formerKeys: null });
      expect(current).not.toMatch(/\d{7}/);
      expect([...address.src].sort()).toEqual(['b1:1', 'b2:3']);
      expect([...address.seenIn].sort()).toEqual(['360102', '360103']);
      expect([...address.registered].sort()).toEqual([`${t}乙:b2:3`, `${t}甲:b1:1`]);
      expect(address.regions).toBe(2);
      expect(after.longerFormerKeys).toBeNull();
      expect(JSON.parse(after.evidence)).toEqual([
        { kind: 'shared-address', records: [current, current, longerNow], note: '共用地址' },
      ]);
      expect(after.recordKeys).toEqual([current, current, longerNow, `ship:${t}`]);
      expect(JSON.parse(after.hubs)).toEqual({
        identifiers: [
          { key: current, holders: 2 },
          { key: longerNow, holders: 2 },
        ],
      });
      expect(JSON.parse(after.state)).toEqual({
        nodes: [{ key: current }, { key: longerNow }],
        edges: [{ target: current, key: `name:${t}甲@360100|REGISTERED_AT|${current}` }],
      });
      // A browser holding the canvas as it was is told to reload before it saves.
      expect(after.version).toBe(2);
      // Twice is once, and with nothing left to rewrite it needs no keys.
      await step.run(db, secrets, () => {});
      await step.run(db, null, () => {});
      expect(await snapshot()).toEqual(after);
    } finally {
      await db.autoCommit(
        `MATCH (n) WHERE n:Company AND n.key STARTS WITH 'name:' + $t OR n:Address AND n.key STARTS WITH 'addr:江西省南昌市东湖区' + $t
           OR n:Community AND n.id = 'c-' + $t OR n:DetectionRun AND n.id = 'run-' + $t OR n:Investigation AND n.id = $t
         DETACH DELETE n`,
        'test cleanup',
        { t },
      );
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
