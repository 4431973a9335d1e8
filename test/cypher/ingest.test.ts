/**
 * Ingest against the real database: small named fixtures with known answers, written by the test
 * itself (tagged, so they never collide with other tests or earlier runs) and removed afterwards.
 */
import { randomInt } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decryptPii } from '../../server/domain/pii.ts';
import { tag, TEST_SECRETS, testDb } from '../support/db.ts';
import {
  graphDigest,
  load,
  REGISTRY_HEADER,
  removeBatches,
  scratchDir,
  WAYBILL_HEADER,
  writeCsv,
} from '../support/ingest.ts';

const db = testDb();

let dir: string;
let batches: string[];
beforeEach(() => {
  dir = scratchDir();
  batches = [];
});
afterEach(async () => {
  await removeBatches(db, batches);
  fs.rmSync(dir, { recursive: true, force: true });
});
afterAll(() => db.close());

const mobile = () => `138${String(randomInt(0, 1e8)).padStart(8, '0')}`;
const ytWaybill = () => `YT${String(randomInt(0, 1e9)).padStart(9, '0')}${String(randomInt(0, 1e4)).padStart(4, '0')}`;

function waybill(t: string, overrides: Partial<Record<(typeof WAYBILL_HEADER)[number], string>> = {}): string[] {
  const row: Record<string, string> = {
    运单号: ytWaybill(),
    快递公司: '圆通速递',
    寄件时间: '2024/3/5 14:22',
    寄件人: `王${t}`,
    寄件人电话: mobile(),
    寄件地址: `江西省南昌市红谷滩新区丰和中大道${t}号`,
    收件人: `李${t}`,
    收件人电话: mobile(),
    收件地址: `进贤县民和镇${t}路8号`,
    物品: '白酒',
    件数: '2',
    '重量(kg)': '3.5',
    '运费(元)': '¥12.00',
    揽收网点: '圆通南昌红谷滩营业部',
    ...overrides,
  };
  return WAYBILL_HEADER.map((h) => row[h] ?? '');
}

async function track<T extends { batchId: string | null }>(report: Promise<T>): Promise<T> {
  const r = await report;
  if (r.batchId) batches.push(r.batchId);
  return r;
}

describe('ingest', () => {
  it('loads a waybill export into shipments, parties, masked and encrypted phones, regions, with provenance', async () => {
    const t = tag();
    const row = waybill(t);
    const file = writeCsv(path.join(dir, 'waybills.csv'), [WAYBILL_HEADER, row]);
    const report = await track(load(db, dir, file, { region: '360113' }));
    expect(report).toMatchObject({
      status: 'loaded',
      spec: 'courier-waybill',
      total: 1,
      accepted: 1,
      rejected: 0,
      encoding: 'utf8',
    });

    const [shipment] = await db.adhocRead(
      `MATCH (s:Shipment {waybillNo: $no})-[:SENT_BY]->(p:Person)-[:USES_PHONE]->(ph:Phone)
       MATCH (s)-[:FROM_ADDR]->(a:Address)-[:IN_REGION]->(g:Region)
       RETURN s.key AS key, s.shippedAt AS at, s.weightKg AS kg, s.fee AS fee, s.src AS src, p.key AS person, p.name AS name,
              ph.masked AS masked, ph.enc AS enc, a.regionCode AS region, g.name AS regionName`,
      { no: row[0] },
    );
    expect(shipment).toMatchObject({
      key: `wb:YTO:${row[0]}`,
      at: '2024-03-05T14:22:00',
      kg: 3.5,
      fee: 12,
      src: [`${report.batchId}:2`],
      name: `王${t}`,
      masked: `${row[4]?.slice(0, 3)}****${row[4]?.slice(7)}`,
      region: '360113',
      regionName: '红谷滩区',
    });
    expect(shipment?.person).toMatch(/^pnp:[0-9a-f]{32}$/);
    expect(decryptPii(TEST_SECRETS.encKey, String(shipment?.enc))).toBe(row[4]);
    // The clear number is nowhere in the graph.
    const [clear] = await db.adhocRead(
      'MATCH (n) WHERE any(k IN keys(n) WHERE n[k] IS :: STRING AND n[k] CONTAINS $phone) RETURN count(n) AS n',
      { phone: row[4] },
    );
    expect(clear).toEqual({ n: 0 });
  });

  it('joins the same company across districts by USCC and by normalised name', async () => {
    const t = tag();
    const uscc = '91360113MA39ABCD8L';
    const registry = writeCsv(path.join(dir, 'registry.csv'), [
      REGISTRY_HEADER,
      [
        uscc,
        `南昌${t}贸易有限公司`,
        '有限责任公司',
        '',
        '',
        '',
        '红谷滩区丰和中大道1号',
        '',
        '100',
        '2020-01-02',
        '红谷滩区市场监督管理局',
        '存续',
      ],
      [
        '',
        `南昌${t}酒业有限公司`,
        '有限责任公司',
        '',
        '',
        '',
        '新建区长堎大道3号',
        '',
        '10',
        '2021-03-04',
        '新建区市场监督管理局',
        '存续',
      ],
    ]);
    const waybills = writeCsv(path.join(dir, 'waybills.csv'), [
      WAYBILL_HEADER,
      waybill(t, { 寄件人: `江西${t}酒业`, 寄件地址: '南昌县莲塘镇工业园9号' }),
    ]);
    await db.autoCommit(`MATCH (c:Company {key: 'uscc:${uscc}'}) DETACH DELETE c`, 'fixture reset');
    await track(load(db, dir, registry, { region: '360113' }));
    await track(load(db, dir, waybills, { region: '360121' }));
    const rows = await db.adhocRead(
      `MATCH (c:Company) WHERE c.name CONTAINS $t OR any(a IN coalesce(c.aliases, []) WHERE a CONTAINS $t)
       RETURN c.key AS key, c.name AS name, c.aliases AS aliases, c.usccValid AS valid, size(c.src) AS sources ORDER BY key`,
      { t },
    );
    expect(rows).toEqual([
      {
        key: `name:${t.toUpperCase()}酒业@360100`,
        name: `南昌${t}酒业有限公司`,
        aliases: [`江西${t}酒业`],
        valid: null,
        sources: 2,
      },
      { key: `uscc:${uscc}`, name: `南昌${t}贸易有限公司`, aliases: [], valid: true, sources: 1 },
    ]);
  });

  it('reads GBK and XLSX exports', async () => {
    const t = tag();
    const gbk = path.join(dir, 'gbk.csv');
    const rows = [WAYBILL_HEADER, waybill(t, { 寄件人: `赵${t}` })];
    fs.writeFileSync(gbk, iconv.encode(rows.map((r) => r.join(',')).join('\r\n') + '\r\n', 'gb18030'));
    const fromGbk = await track(load(db, dir, gbk));
    expect(fromGbk).toMatchObject({ status: 'loaded', encoding: 'gb18030', accepted: 1 });

    const xlsx = path.join(dir, 'waybills.xlsx');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('运单');
    sheet.addRow(WAYBILL_HEADER);
    const row: (string | number | Date)[] = waybill(t, { 寄件人: `钱${t}` });
    row[2] = new Date(Date.UTC(2024, 2, 6, 9, 30));
    row[10] = 3;
    sheet.addRow(row);
    await workbook.xlsx.writeFile(xlsx);
    const fromXlsx = await track(load(db, dir, xlsx));
    expect(fromXlsx.error ?? null).toBe(null);
    expect(fromXlsx).toMatchObject({ status: 'loaded', encoding: 'xlsx', accepted: 1 });

    const names = await db.adhocRead(
      'MATCH (s:Shipment)-[:SENT_BY]->(p:Person) WHERE p.name IN $names RETURN p.name AS name, s.shippedAt AS at, s.pieces AS pieces ORDER BY name',
      { names: [`赵${t}`, `钱${t}`] },
    );
    expect(names).toEqual([
      { name: `赵${t}`, at: '2024-03-05T14:22:00', pieces: 2 },
      { name: `钱${t}`, at: '2024-03-06T09:30:00', pieces: 3 },
    ]);
  });

  it('applies a user-written spec from the data directory without code changes', async () => {
    const t = tag();
    fs.mkdirSync(path.join(dir, 'specs'));
    fs.writeFileSync(
      path.join(dir, 'specs', 'grid-patrol.yaml'),
      [
        'name: grid-patrol',
        'version: 1',
        'title: { zh: 网格员巡查记录, en: Grid patrol log }',
        'sourceSystem: grid-patrol',
        'detect: { headers: [巡查店铺, 巡查日期] }',
        'columns:',
        '  shop: { headers: [巡查店铺], type: name, required: true }',
        '  owner: { headers: [负责人], type: name }',
        '  phone: { headers: [手机], type: phone }',
        '  address: { headers: [地址], type: address }',
        '  date: { headers: [巡查日期], type: date }',
        'entities:',
        '  shop: { kind: company, from: { name: shop, address: address }, props: { patrolledAt: date }, required: true, inRegion: true }',
        '  owner: { kind: person, from: { name: owner, phone: phone } }',
        '  phone: { kind: phone, from: { number: phone } }',
        'relationships:',
        '  - { type: EMPLOYED_BY, from: owner, to: shop }',
        '  - { type: USES_PHONE, from: owner, to: phone }',
      ].join('\n'),
    );
    const file = writeCsv(path.join(dir, 'patrol.csv'), [
      ['巡查店铺', '负责人', '手机', '地址', '巡查日期'],
      [`${t}烟酒商行`, `孙${t}`, mobile(), '青山湖区北京东路5号', '2024年5月6日'],
    ]);
    const report = await track(load(db, dir, file));
    expect(report).toMatchObject({ status: 'loaded', spec: 'grid-patrol', accepted: 1 });
    const [row] = await db.adhocRead(
      'MATCH (p:Person {name: $owner})-[:EMPLOYED_BY]->(c:Company)-[:IN_REGION]->(g:Region) RETURN c.patrolledAt AS at, g.code AS region',
      { owner: `孙${t}` },
    );
    expect(row).toEqual({ at: '2024-05-06', region: '360111' });
  });

  it('keeps hostile input inert or rejects it with a reason, and reconciles every row', async () => {
    const t = tag();
    const hostile = [
      waybill(t, { 寄件人: '=HYPERLINK("http://evil.example","点我")' }),
      waybill(t, { 寄件人: '@cmd /c calc' }),
      waybill(t, { 寄件人: `<script>alert('${t}')</script>` }),
      waybill(t, { 寄件人: "'}) MATCH (n) DETACH DELETE n //" }),
      waybill(t, { 寄件人电话: '=1+2' }),
      waybill(t, { 物品: 'x'.repeat(1024 * 1024) }),
      waybill(t, { 运单号: '12345' }),
      waybill(t, { 寄件时间: '2024-02-30 10:00' }),
    ];
    const body = [WAYBILL_HEADER, ...hostile].map((r) =>
      r.map((c) => (/[",]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(','),
    );
    body.push(`${ytWaybill()},圆通速递,too,few`);
    body.push(body[1] as string); // an exact duplicate row
    // Last, since an open quote runs on to the next quote character, as in every CSV reader.
    body.push(`${ytWaybill()},圆通速递,"2024-03-05 10:00,unbalanced`);
    const file = path.join(dir, 'hostile.csv');
    fs.writeFileSync(file, body.join('\n') + '\n');
    const report = await track(load(db, dir, file, { region: '360102' }));

    expect(report.status).toBe('loaded');
    expect(report.total).toBe(report.accepted + report.rejected + report.duplicate);
    expect(report).toMatchObject({ total: 11, accepted: 4, duplicate: 1, rejected: 6 });
    expect(report.reasons).toMatchObject({
      'phone-length': 1,
      'field-too-long': 1,
      'waybill-pattern': 1,
      'date-invalid': 1,
    });
    expect((report.reasons['unterminated-quote'] ?? 0) + (report.reasons['column-count'] ?? 0)).toBe(2);

    const names = await db.adhocRead(
      'MATCH (s:Shipment)-[:SENT_BY]->(p) WHERE any(x IN coalesce(s.src, []) WHERE x STARTS WITH $b) RETURN p.name AS name ORDER BY name',
      { b: `${report.batchId}:` },
    );
    expect(names.map((n) => n.name).sort()).toEqual(
      [
        '=HYPERLINK("http://evil.example","点我")',
        '@cmd /c calc',
        `<script>alert('${t}')</script>`,
        "'}) MATCH (n) DETACH DELETE n //",
      ].sort(),
    );
    const [regions] = await db.adhocRead('MATCH (r:Region) RETURN count(r) > 20 AS intact');
    expect(regions).toEqual({ intact: true });

    const rejects = fs.readFileSync(report.rejectsFile ?? '', 'utf8');
    expect(rejects.startsWith('\uFEFF')).toBe(true);
    expect(rejects).toContain(",'=1+2,");
    expect(rejects).toMatch(/手机号码|电话号码位数错误/);
    expect(rejects.length).toBeLessThan(50_000);
  });

  it('refuses empty, binary and unrecognised files with a clear reason', async () => {
    const empty = path.join(dir, 'empty.csv');
    fs.writeFileSync(empty, '');
    const binary = path.join(dir, 'photo.csv');
    fs.writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
    const unknown = writeCsv(path.join(dir, 'other.csv'), [
      ['甲', '乙'],
      ['1', '2'],
    ]);
    expect(await load(db, dir, empty)).toMatchObject({ status: 'failed', error: expect.stringMatching(/empty/) });
    expect(await load(db, dir, binary)).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/binary content/),
    });
    expect(await load(db, dir, unknown)).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/no import spec matches.*甲, 乙.*--spec/),
    });
  });

  it('is idempotent: loading the same bytes again changes nothing', async () => {
    const t = tag();
    const file = writeCsv(path.join(dir, 'a.csv'), [WAYBILL_HEADER, waybill(t), waybill(t), waybill(t)]);
    const first = await track(load(db, dir, file, { region: '360102' }));
    const before = await graphDigest(db, batches);
    const copy = path.join(dir, 'same-bytes-other-name.csv');
    fs.copyFileSync(file, copy);
    expect(await load(db, dir, file)).toMatchObject({ status: 'already-loaded', batchId: first.batchId });
    expect(await load(db, dir, copy)).toMatchObject({ status: 'already-loaded', batchId: first.batchId });
    expect(await graphDigest(db, batches)).toEqual(before);
    expect(before.nodes).toBeGreaterThan(10);
  });

  it('counts the same bytes once per reporting region: a second region’s load is a batch of its own', async () => {
    const t = tag();
    const file = writeCsv(path.join(dir, 'shared.csv'), [WAYBILL_HEADER, waybill(t), waybill(t)]);
    const first = await track(load(db, dir, file, { region: '360102' }));
    const second = await track(load(db, dir, file, { region: '360104' }));
    expect(second).toMatchObject({ status: 'loaded', accepted: 2 });
    expect(second.batchId).not.toBe(first.batchId);
    expect(await load(db, dir, file, { region: '360104' })).toMatchObject({
      status: 'already-loaded',
      batchId: second.batchId,
    });
    expect(await load(db, dir, file)).toMatchObject({ status: 'already-loaded', batchId: first.batchId });
    // Each parcel is reported by both regions, with a source row from each one's batch.
    const rows = await db.adhocRead(
      'MATCH (s:Shipment) WHERE any(x IN s.src WHERE x STARTS WITH $b) RETURN s.seenIn AS seenIn, s.src AS src',
      { b: `${first.batchId}:` },
    );
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect([...(row.seenIn as string[])].sort()).toEqual(['360102', '360104']);
      expect((row.src as string[]).some((s) => s.startsWith(`${second.batchId}:`))).toBe(true);
    }
  });

  it('resumes an interrupted load and ends in the same graph as an uninterrupted one', async () => {
    const t = tag();
    const rows = [WAYBILL_HEADER, ...Array.from({ length: 2400 }, () => waybill(t))];
    const file = writeCsv(path.join(dir, 'big.csv'), rows);

    const stop = new AbortController();
    const interrupted = await track(
      load(db, dir, file, {
        region: '360102',
        chunkRows: 300,
        signal: stop.signal,
        onProgress: (p) => p.rows >= 1000 && stop.abort(),
      }),
    );
    expect(interrupted.status).toBe('failed');
    const [batch] = await db.adhocRead('MATCH (b:Batch {id: $id}) RETURN b.status AS status, b.rowsCommitted AS line', {
      id: interrupted.batchId,
    });
    expect(batch?.status).toBe('loading');
    expect(Number(batch?.line)).toBeGreaterThan(0);
    expect(Number(batch?.line)).toBeLessThan(2401);

    const resumed = await load(db, dir, file, { region: '360102', chunkRows: 300 });
    expect(resumed).toMatchObject({ status: 'loaded', accepted: 2400, resumedAfterLine: batch?.line });
    const afterResume = await graphDigest(db, batches);

    // Wipe and load cleanly in one go: the same graph must result.
    await db.autoCommit(
      `MATCH (n) WHERE any(s IN coalesce(n.src, []) WHERE split(s, ':')[0] IN $b) DETACH DELETE n`,
      'wipe',
      { b: batches },
    );
    await db.autoCommit('MATCH (b:Batch {id: $id}) DETACH DELETE b', 'wipe', { id: interrupted.batchId });
    const clean = await load(db, dir, file, { region: '360102', chunkRows: 700 });
    expect(clean).toMatchObject({ status: 'loaded', accepted: 2400, resumedAfterLine: 0 });
    expect(await graphDigest(db, batches)).toEqual(afterResume);
  });
});
