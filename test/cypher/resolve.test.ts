/**
 * Identity resolution on a named fixture: "a firm registered by USCC in 红谷滩 ships under its short
 * name from 南昌县; its legal representative, known by ID in the registry, sends parcels under name
 * and phone; two unrelated firms share a short name and must stay apart."
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { resolveIdentities } from '../../server/ingest/resolve.ts';
import { residentIdCheckChar, usccCheckChar, orgCodeCheckChar } from '../../server/domain/identifiers.ts';
import { tag, testDb } from '../support/db.ts';
import { load, REGISTRY_HEADER, removeBatches, scratchDir, WAYBILL_HEADER, writeCsv } from '../support/ingest.ts';

const db = testDb();
const dir = scratchDir();
const batches: string[] = [];
afterEach(() => removeBatches(db, batches));
afterAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  await db.close();
});

function uscc(region: string, body: string): string {
  const org = body + orgCodeCheckChar(body);
  const b17 = `91${region}${org}`;
  return b17 + usccCheckChar(b17);
}

function idNumber(region: string, birth: string, seq: string): string {
  const b = `${region}${birth}${seq}`;
  return b + residentIdCheckChar(b);
}

describe('identity resolution', () => {
  it('folds name-keyed and name+phone-keyed mentions into the USCC / ID node, and leaves ambiguous names apart', async () => {
    const t = tag('Z')
      .toUpperCase()
      .replace(/[^0-9A-Z]/g, '')
      .slice(0, 6)
      .replace(/[IOSVZ]/g, 'A');
    const firm = uscc('360113', `MA${t}`);
    const twinA = uscc('360111', `MB${t}`);
    const twinB = uscc('360104', `MC${t}`);
    const rep = idNumber('360121', '19800101', String(100 + (Date.now() % 800)).slice(0, 3));
    const phone = `139${String(Date.now()).slice(-8)}`;
    const name = `澜${t}`;
    const registry = writeCsv(path.join(dir, `registry-${t}.csv`), [
      REGISTRY_HEADER,
      [
        firm,
        `南昌${name}酒业有限公司`,
        '有限责任公司',
        '周建华',
        rep,
        phone,
        '红谷滩区丰和中大道1号',
        '',
        '100',
        '2020-01-02',
        '',
        '存续',
      ],
      [
        twinA,
        `南昌${name}鞋业有限公司`,
        '有限责任公司',
        '',
        '',
        '',
        '青山湖区北京东路1号',
        '',
        '10',
        '2020-01-02',
        '',
        '存续',
      ],
      [
        twinB,
        `江西${name}鞋业有限公司`,
        '有限责任公司',
        '',
        '',
        '',
        '青云谱区洪都中大道1号',
        '',
        '10',
        '2020-01-02',
        '',
        '存续',
      ],
    ]);
    const waybills = writeCsv(path.join(dir, `waybills-${t}.csv`), [
      WAYBILL_HEADER,
      [
        `YT${String(Date.now()).slice(-13).padStart(13, '1')}`,
        '圆通速递',
        '2024-03-05 10:00',
        `${name}酒业`,
        '',
        '南昌县莲塘镇9号',
        '周建华',
        phone,
        '进贤县民和镇1号',
        '白酒',
        '1',
        '1',
        '10',
        '',
      ],
      [
        `YT${String(Date.now() + 7)
          .slice(-13)
          .padStart(13, '2')}`,
        '圆通速递',
        '2024-03-06 10:00',
        `${name}鞋业`,
        '',
        '南昌县莲塘镇9号',
        '',
        '',
        '',
        '鞋',
        '1',
        '1',
        '10',
        '',
      ],
    ]);
    for (const file of [registry, waybills]) {
      const report = await load(db, dir, file, { region: '360113' });
      expect(report.status).toBe('loaded');
      batches.push(report.batchId as string);
    }
    const report = await resolveIdentities(db);
    expect(report.folded.Company).toBeGreaterThanOrEqual(1);
    expect(report.folded.Person).toBeGreaterThanOrEqual(1);
    expect(report.ambiguous.Company).toBeGreaterThanOrEqual(1);

    const [company] = await db.adhocRead(
      `MATCH (c:Company {key: $key}) OPTIONAL MATCH (s:Shipment)-[:SENT_BY]->(c)
       RETURN c.mergedKeys AS merged, c.aliases AS aliases, count(s) AS shipments`,
      { key: `uscc:${firm}` },
    );
    expect(company).toEqual({ merged: [expect.stringMatching(/^name:/)], aliases: [`${name}酒业`], shipments: 1 });

    const [person] = await db.adhocRead(
      `MATCH (p:Person)-[:LEGAL_REP_OF]->(:Company {key: $key})
       OPTIONAL MATCH (s:Shipment)-[:SENT_TO]->(p)
       RETURN p.key STARTS WITH 'pid:' AS strong, size(p.mergedKeys) AS merged, count(s) AS received`,
      { key: `uscc:${firm}` },
    );
    expect(person).toEqual({ strong: true, merged: 1, received: 1 });

    // The short name 鞋业 fits two registered firms: the waybill's sender stays its own node.
    const [twin] = await db.adhocRead(
      `MATCH (s:Shipment)-[:SENT_BY]->(c:Company) WHERE c.name = $sender RETURN c.key STARTS WITH 'name:' AS weak`,
      { sender: `${name}鞋业` },
    );
    expect(twin).toEqual({ weak: true });

    expect(await resolveIdentities(db)).toMatchObject({ folded: { Company: 0, Person: 0 } });
  });
});
