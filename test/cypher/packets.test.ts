/**
 * Case packets between two stores: a planted chain is detected and exported (standard and strict),
 * the store is wiped and a receiving region's own data written in its place, and the packet merged
 * in. Identities reconcile by key, local facts stay untouched, provenance says "shared by", a second
 * import changes nothing, a record another region holds stays closed to the addressee, and a packet
 * the store signed itself is not merged; a changed byte, an unknown signer and a false issuer are refused; a strict
 * packet carries no ID-number, phone or bank-card pattern.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expandScope } from '../../server/auth/scope.ts';
import { migrate } from '../../server/db/migrate.ts';
import { resetData } from '../../server/db/reset.ts';
import { runDetection } from '../../server/detect/service.ts';
import { NotFoundError, PacketRejectedError } from '../../server/errors.ts';
import { entityDetail } from '../../server/explore/detail.ts';
import { EntityDetailSchema } from '../../server/explore/schemas.ts';
import { buildPacket } from '../../server/packets/export.ts';
import type { Packet } from '../../server/packets/format.ts';
import { importPacket } from '../../server/packets/import.ts';
import { findClearIdentifiers } from '../../server/packets/scan.ts';
import { loadSigningKey, signPacket, trustKey, verifyPacket, type SigningKey } from '../../server/packets/signing.ts';
import { addressKeyOf } from '../../server/domain/keys.ts';
import { TEST_SECRETS, testConfig, testDb } from '../support/db.ts';
import { emptyFixture, plantChain, writeFixture, type ChainIds } from '../support/graph-fixture.ts';

const db = testDb();
const hmacKey = TEST_SECRETS.hmacKey;
const province = expandScope(['360000']);
const issuerDir = fs.mkdtempSync(path.join(os.tmpdir(), 'quanlian-issuer-'));
const receiverDir = fs.mkdtempSync(path.join(os.tmpdir(), 'quanlian-receiver-'));
const issuerConfig = testConfig({ QUANLIAN_DATA_DIR: issuerDir, QUANLIAN_REGION: '360100' });
const receiverConfig = testConfig({ QUANLIAN_DATA_DIR: receiverDir, QUANLIAN_REGION: '361100' });
let issuerKey: SigningKey;
let ids: ChainIds;
let standard: Packet;
let strict: Packet;
/** The standard packet's chain, addressed to 余干县 (a county of 上饶) instead of 上饶市. */
let toYugan: Packet;
let community: string;

const count = async (cypher: string) => Number((await db.adhocRead(cypher))[0]?.n ?? -1);

beforeAll(async () => {
  await migrate(db);
  await resetData(db);
  const g = emptyFixture();
  ids = plantChain(g, 'PK');
  // A second network, as in any real graph: modularity then keeps each chain whole.
  plantChain(g, 'PL', { brand: '五粮液' });
  await writeFixture(db, g);
  // Clear identifiers where a careless export would pick them up.
  await db.autoCommit(
    `MATCH (p:Person {key: $key}) SET p.idMasked = '360102********1234', p.maskedPhone = '139****5678'
     WITH 1 AS x MATCH (y:Payment) SET y.memo = '货款 联系13912345678 卡6222021234567890128', y.txId = '4200001234202405061234'
     WITH 1 AS x MATCH (c:Case) SET c.title = '关于PK批发老板销售假冒白酒案'`,
    'fixture/identifiers',
    { key: ids.operator },
  );
  await db.autoCommit(
    `CREATE (:Batch {id: 'fixture', file: '360102-psb-waybill.csv', sourceSystem: '快递实名寄递', dept: '东湖分局', regionCode: '360102'})`,
    'fixture/batch',
  );
  await db.autoCommit(
    `MATCH (n) WHERE n:Company OR n:Person OR n:Shop OR n:Shipment OR n:Payment SET n.seenIn = ['360100']`,
    'fixture/seen',
  );
  const run = await runDetection(db, { seed: 7 });
  const rows = await db.adhocRead('MATCH ({key: $key})-[:MEMBER_OF]->(c:Community {runId: $runId}) RETURN c.id AS id', {
    key: ids.factory,
    runId: run.runId,
  });
  community = String(rows[0]?.id);
  issuerKey = loadSigningKey(issuerConfig);
  const exporter = { username: 'issuer', scope: province, region: '360100' };
  const subject = { kind: 'community' as const, id: community };
  standard = await buildPacket(
    db,
    exporter,
    { subject, to: '361100', purpose: '赣东北联席会议 案件协查', redaction: 'standard' },
    issuerKey,
  );
  strict = await buildPacket(
    db,
    exporter,
    { subject, to: '361100', purpose: '赣东北联席会议 案件协查', redaction: 'strict' },
    issuerKey,
  );
  toYugan = await buildPacket(
    db,
    exporter,
    { subject, to: '361127', purpose: '余干县联席会议 案件协查', redaction: 'standard' },
    issuerKey,
  );
}, 180_000);

afterAll(async () => {
  await resetData(db);
  await db.close();
  for (const dir of [issuerDir, receiverDir]) fs.rmSync(dir, { recursive: true, force: true });
});

describe('case packets', () => {
  it('carries the chain, its evidence and a provenance summary, signed by the issuer', () => {
    expect(standard.subject.kind).toBe('community');
    expect(standard.issuer).toMatchObject({ region: '360100', name: '南昌市', keyId: issuerKey.keyId });
    expect(standard.chain?.manufacturers[0]?.key).toBe(ids.factory);
    expect(standard.chain?.stages.map((s) => s.stage)).toEqual(expect.arrayContaining(['production', 'retail']));
    const keys = standard.entities.map((e) => e.key);
    expect(keys).toEqual(expect.arrayContaining([ids.factory, ids.warehouse, ids.wholesaler]));
    expect(standard.relationships.some((r) => r.type === 'SENT_BY' && r.to === ids.factory)).toBe(true);
    expect(standard.evidence.length).toBeGreaterThan(0);
    expect(standard.provenance.batches).toEqual([
      expect.objectContaining({ id: 'fixture', file: '360102-psb-waybill.csv', rows: expect.any(Number) }),
    ]);
    expect(standard.provenance.batches[0]?.rows).toBeGreaterThan(0);
    expect(standard.entities.find((e) => e.key === ids.factory)?.name).toBe('PK酒业有限公司');
  });

  it('strict redaction leaves no ID-number, phone or bank-card pattern and no personal name', () => {
    const text = JSON.stringify(strict);
    expect(findClearIdentifiers(text)).toEqual([]);
    expect(text).not.toContain('PK批发老板');
    expect(text).not.toContain('139****5678');
    expect(strict.entities.find((e) => e.key === ids.operator)?.name).toBe('P*');
    // Cases travel by number: their titles name people, as do case and namesake evidence notes.
    expect(strict.evidence.filter((e) => e.kind === 'case').map((e) => e.note)).toEqual(
      expect.arrayContaining(['涉及同一案件 / involved in the same case']),
    );
    // The standard packet still has what strict removes, so the checks above look at real content.
    const full = JSON.stringify(standard);
    expect(full).toContain('PK批发老板');
    expect(full).toContain('139****5678');
    expect(full).toContain('关于PK批发老板销售假冒白酒案');
    // Its free text is starred as the API shows it: the memo's phone and card do not travel clear.
    expect(full).toContain('货款 联系139******78 卡622**************28');
    expect(findClearIdentifiers(full)).toEqual([]);
    expect(strict.entities.map((e) => e.key).sort()).toEqual(standard.entities.map((e) => e.key).sort());
  });

  it("names only the source batches that a region in the exporter's scope reported", async () => {
    // The fixture's one batch is 东湖区's (360102): an exporter who covers the rest of the province
    // sees the chain (its parties are 南昌市's) but not which file, department or system 东湖区 has.
    const scope = { codes: province.codes.filter((c) => c !== '360102') };
    const packet = await buildPacket(
      db,
      { username: 'issuer', scope, region: '360100' },
      {
        subject: { kind: 'community', id: community },
        to: '361100',
        purpose: '联席会议 来源范围',
        redaction: 'standard',
      },
      issuerKey,
    );
    expect(packet.entities.length).toBeGreaterThan(0);
    expect(standard.provenance.batches.map((b) => b.id)).toEqual(['fixture']);
    expect(packet.provenance.batches).toEqual([]);
  });

  it('verifies against the trust list, and refuses an altered byte, an unknown signer and a false issuer', () => {
    const text = JSON.stringify(strict);
    trustKey(receiverConfig, { region: '360100', name: '南昌市市场监管局', publicKey: issuerKey.publicKeyPem });
    const receiverKey = loadSigningKey(receiverConfig);
    const trust = [{ region: '360100', name: '南昌', publicKey: issuerKey.publicKeyPem, keyId: issuerKey.keyId }];
    expect(verifyPacket(text, trust, receiverKey).signer).toMatchObject({ region: '360100', own: false });

    // One changed character in the content, and one in the signature.
    const flipped = text.replace(strict.purpose, strict.purpose.replace('协查', '协办'));
    const v = strict.signature.value;
    const forged = text.replace(v, (v[0] === 'A' ? 'B' : 'A') + v.slice(1));
    for (const bad of [flipped, forged]) {
      expect(() => verifyPacket(bad, trust, receiverKey)).toThrow(PacketRejectedError);
      expect(() => verifyPacket(bad, trust, receiverKey)).toThrow(/altered after signing/);
    }
    expect(() => verifyPacket(text, [], receiverKey)).toThrow(/not on this instance's trust list/);
    expect(() => verifyPacket(text.slice(0, -5), trust, receiverKey)).toThrow(/not JSON/);
    // An entity whose label is not the one its key names (a shop's key as a company) is no packet's.
    const relabelled = text.replace(
      `"key":"${ids.factory}","label":"Company"`,
      `"key":"${ids.factory}","label":"Shop"`,
    );
    expect(relabelled).not.toBe(text);
    expect(() => verifyPacket(relabelled, trust, receiverKey)).toThrow(
      /not a valid packet: entities\.\d+\.key: the key does not name/,
    );
    const wrongRegion = trust.map((t) => ({ ...t, region: '360400' }));
    expect(() => verifyPacket(text, wrongRegion, receiverKey)).toThrow(/belongs to 360400/);
  });

  it('imports an address key a partner not yet upgraded wrote with a phone in clear under the current key', async () => {
    await resetData(db);
    const text = '江西省南昌市东湖区仓储路1号王先生13912345678';
    const old = `addr:${text}`;
    const { signature: _signature, ...body } = standard;
    const packet = signPacket(
      {
        ...body,
        id: randomUUID(),
        entities: [
          ...body.entities,
          {
            key: old,
            label: 'Address',
            name: '',
            regionCodes: ['360102'],
            properties: { text: '东湖区仓储路1号王先生139****5678' },
          },
        ],
        relationships: [...body.relationships, { type: 'LOCATED_AT', from: ids.factory, to: old }],
      },
      issuerKey,
    );
    const trust = [{ region: '360100', name: '南昌', publicKey: issuerKey.publicKeyPem, keyId: issuerKey.keyId }];
    const verified = verifyPacket(JSON.stringify(packet), trust, loadSigningKey(receiverConfig));
    await importPacket(db, verified, { importedBy: 'receiver', hmacKey });
    const current = addressKeyOf(hmacKey, text);
    expect(current).not.toContain('13912345678');
    expect(await count(`MATCH (a:Address) WHERE a.key CONTAINS '13912345678' RETURN count(a) AS n`)).toBe(0);
    expect(
      await count(
        `MATCH (:Company {key: '${ids.factory}'})-[:LOCATED_AT]->(a:Address {key: '${current}'}) RETURN count(a) AS n`,
      ),
    ).toBe(1);
  });

  it('merges into another store: identities reconcile, local facts stay, provenance says shared, twice is once', async () => {
    // The receiving region's own store: the factory is known there under its own name and registrar.
    await resetData(db);
    await db.autoCommit(
      `CREATE (:Company {key: $factory, name: '上饶本地登记的酒厂', registrar: '上饶市市场监管局', seenIn: ['361100'], src: ['local:1']})
       CREATE (:Company {key: 'uscc:LOCALONLY', name: '本地企业', seenIn: ['361100']})`,
      'fixture/receiver',
      { factory: ids.factory },
    );
    const receiverKey = loadSigningKey(receiverConfig);
    const verified = verifyPacket(
      JSON.stringify(standard),
      [{ region: '360100', name: '南昌', publicKey: issuerKey.publicKeyPem, keyId: issuerKey.keyId }],
      receiverKey,
    );
    const report = await importPacket(db, verified, { importedBy: 'receiver', hmacKey });
    expect(report.status).toBe('imported');
    expect(report.entities.matched).toBe(1);
    expect(report.entities.created).toBe(standard.entities.length - 1);

    const factory = (await db.adhocRead('MATCH (c:Company {key: $k}) RETURN properties(c) AS p', { k: ids.factory }))[0]
      ?.p as Record<string, unknown>;
    expect(factory.name).toBe('上饶本地登记的酒厂');
    expect(factory.registrar).toBe('上饶市市场监管局');
    expect(factory.sharedBy).toEqual(['360100']);
    expect(factory.src).toEqual(expect.arrayContaining(['local:1', expect.stringMatching(/^packet-/)]));
    const warehouse = EntityDetailSchema.parse(await entityDetail(db, expandScope(['361100']), ids.warehouse));
    expect(warehouse.name).toBe('PK仓储服务有限公司');
    expect(warehouse.provenance.batches[0]?.dept).toMatch(/共享自 南昌市/);
    expect(
      await count(`MATCH (:Shipment)-[r:SENT_BY]->(:Company {key: '${ids.factory}'}) RETURN count(r) AS n`),
    ).toBeGreaterThan(0);

    const before = await count('MATCH (n) OPTIONAL MATCH (n)-[r]->() RETURN count(n) + count(r) AS n');
    const again = await importPacket(db, verified, { importedBy: 'receiver', hmacKey });
    expect(again.status).toBe('already-imported');
    expect(await count('MATCH (n) OPTIONAL MATCH (n)-[r]->() RETURN count(n) + count(r) AS n')).toBe(before);
    expect(await count("MATCH (c:Company {key: 'uscc:LOCALONLY'}) WHERE c.sharedBy IS NULL RETURN count(c) AS n")).toBe(
      1,
    );
  });
  it('leaves a record held under another region closed to the region the packet is addressed to', async () => {
    // 鄱阳县 holds the factory; the packet goes to 余干县, a county beside it that does not see it.
    await resetData(db);
    await db.autoCommit(
      `CREATE (:Company {key: $factory, name: '鄱阳本地登记的酒厂', phone: '13900001111', seenIn: ['361128'], src: ['local:1']})`,
      'fixture/receiver',
      { factory: ids.factory },
    );
    const verified = verifyPacket(
      JSON.stringify(toYugan),
      [{ region: '360100', name: '南昌', publicKey: issuerKey.publicKeyPem, keyId: issuerKey.keyId }],
      loadSigningKey(receiverConfig),
    );
    const report = await importPacket(db, verified, { importedBy: 'receiver', hmacKey });
    expect(report.entities).toEqual({
      total: toYugan.entities.length,
      created: toYugan.entities.length - 1,
      matched: 0,
      withheld: 1,
    });
    const factory = (await db.adhocRead('MATCH (c:Company {key: $k}) RETURN properties(c) AS p', { k: ids.factory }))[0]
      ?.p as Record<string, unknown>;
    expect(factory).toMatchObject({ name: '鄱阳本地登记的酒厂', seenIn: ['361128'], sharedBy: ['360100'] });
    expect(factory.src).toEqual(['local:1', expect.stringMatching(/^packet-/)]);
    const yugan = expandScope(['361127']);
    await expect(entityDetail(db, yugan, ids.factory)).rejects.toThrow(NotFoundError);
    expect(EntityDetailSchema.parse(await entityDetail(db, yugan, ids.warehouse)).name).toBe('PK仓储服务有限公司');
    // 上饶市 covers both counties: there the factory is one record, and its 鄱阳 name stands.
    expect((await entityDetail(db, expandScope(['361100']), ids.factory)).name).toBe('鄱阳本地登记的酒厂');
  });

  it('does not merge a packet the store signed itself, and writes nothing', async () => {
    const verified = verifyPacket(JSON.stringify(standard), [], issuerKey);
    expect(verified.signer.own).toBe(true);
    // Its own key on its trust list (a group's shared list) does not make it a partner's packet,
    // and the key cannot be put there.
    const listed = [{ region: '360100', name: '南昌', publicKey: issuerKey.publicKeyPem, keyId: issuerKey.keyId }];
    expect(verifyPacket(JSON.stringify(standard), listed, issuerKey).signer.own).toBe(true);
    expect(() => trustKey(issuerConfig, { region: '360100', name: '南昌', publicKey: issuerKey.publicKeyPem })).toThrow(
      /this instance's own signing key/,
    );
    const before = await count('MATCH (n) OPTIONAL MATCH (n)-[r]->() RETURN count(n) + count(r) AS n');
    await expect(importPacket(db, verified, { importedBy: 'issuer', hmacKey })).rejects.toThrow(
      /signed by this instance/,
    );
    expect(await count('MATCH (n) OPTIONAL MATCH (n)-[r]->() RETURN count(n) + count(r) AS n')).toBe(before);
  });
});
