/**
 * Upstream trace on a planted chain (printer → factory → warehouse → wholesaler → shops), with a
 * one-parcel decoy supplier and a supplier whose parcels come after the goods went down the chain.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expandScope } from '../../server/auth/scope.ts';
import { INFRASTRUCTURE_PATTERN, isInfrastructureName } from '../../server/domain/infrastructure.ts';
import { upstreamLevel } from '../../server/trace/queries.ts';
import { traceUpstream, TraceQuerySchema, TraceResultSchema } from '../../server/trace/service.ts';
import { tag, testDb } from '../support/db.ts';
import { emptyFixture, plantChain, writeFixture, type ChainIds } from '../support/graph-fixture.ts';

const db = testDb();
const p = tag('TR').toUpperCase();
let ids: ChainIds;
const shop = `shop:tb:${p}S1`;
const decoy = `uscc:${p}DECOY`;
const late = `uscc:${p}LATE`;
const platformShop = `shop:pdd:${p}P1`;
const shopOwner = `pid:${p}POWNER`;
const platform = `uscc:${p}ALIPAY`;
const beyond = `uscc:${p}BEYOND`;
/** A reseller whose parcels name no sender and whose payments go to an account nobody holds. */
const lone = `uscc:${p}LONE`;
const ALL = expandScope(['360000']);
const query = (over: Record<string, unknown> = {}) => TraceQuerySchema.parse(over);
/** A party's `beyond` counts with nothing past its trail; each test sets what it expects. */
const NOTHING_BEYOND = {
  parcels: 0,
  senders: 0,
  payments: 0,
  amount: 0,
  payees: 0,
  unnamedParcels: 0,
  unheldPayments: 0,
  unheldAmount: 0,
  unheldAccounts: 0,
};

beforeAll(async () => {
  const g = emptyFixture();
  ids = plantChain(g, p, { shops: 2 });
  g.parties.push({ key: decoy, label: 'Company', name: `${p}日用百货商行`, region: '360102' });
  g.parties.push({ key: late, label: 'Company', name: `${p}后来供货有限公司`, region: '360104' });
  g.shipments.push({ key: `wb:${p}D1`, from: decoy, to: shop, at: '2024-01-20T10:00:00', pieces: 1, item: '日用品' });
  // After the wholesaler shipped to the shop (days 31–32) plus the 7-day tolerance.
  g.shipments.push({
    key: `wb:${p}L1`,
    from: late,
    to: ids.wholesaler,
    at: '2024-03-20T10:00:00',
    pieces: 5,
    item: '白酒',
  });
  // A platform shop: parcels go to the person who operates it, not to the shop.
  g.parties.push({ key: platformShop, label: 'Shop', name: `${p}拼多多酒行`, region: '360102' });
  g.parties.push({ key: shopOwner, label: 'Person', name: `${p}网店店主`, region: '360102' });
  g.officers.push({ from: shopOwner, to: platformShop, type: 'OPERATES' });
  for (let i = 0; i < 3; i++)
    g.shipments.push({
      key: `wb:${p}PO${i}`,
      from: ids.wholesaler,
      to: shopOwner,
      at: `2024-02-0${i + 1}T10:00:00`,
      pieces: 6,
      item: '白酒',
    });
  // The wholesaler tops up a payment platform, which pays someone else: neither is a supplier.
  g.parties.push({ key: platform, label: 'Company', name: '支付宝（中国）网络技术有限公司', region: '360100' });
  g.parties.push({ key: beyond, label: 'Company', name: `${p}平台商户有限公司`, region: '360104' });
  for (let i = 0; i < 4; i++)
    g.payments.push({
      key: `pay:${p}TOPUP${i}`,
      from: ids.wholesaler,
      to: platform,
      at: `2024-01-0${i + 2}T09:00:00`,
      amount: 9000,
    });
  g.payments.push({ key: `pay:${p}PLAT`, from: platform, to: beyond, at: '2024-01-01T09:00:00', amount: 100 });
  g.parties.push({ key: lone, label: 'Company', name: `${p}烟酒商行`, region: '360104' });
  await writeFixture(db, g);
  await db.autoCommit(
    `MATCH (l:Company {key: $lone})
     CREATE (l)-[:HOLDS]->(mine:Account {key: 'acct:' + $p + 'LONE'}), (nobodys:Account {key: 'acct:' + $p + 'NOBODY'})
     WITH l, mine, nobodys
     UNWIND range(1, 3) AS i
     CREATE (mine)<-[:FROM_ACCOUNT]-(:Payment {key: 'pay:' + $p + 'U' + i, at: datetime('2024-01-1' + i + 'T09:00:00'),
                                                amount: 4000.0})-[:TO_ACCOUNT]->(nobodys)
     WITH DISTINCT l
     UNWIND range(1, 2) AS i
     CREATE (:Shipment {key: 'wb:' + $p + 'U' + i, shippedAt: datetime('2024-01-2' + i + 'T10:00:00'), pieces: 6,
                        itemDesc: '白酒'})-[:SENT_TO]->(l)`,
    'trace fixture: records whose other party is not named',
    { lone, p },
  );
  // Shipments and payments as ingest leaves them: reported by a region (seenIn).
  await db.autoCommit(
    `MATCH (n) WHERE (n:Shipment OR n:Payment OR n:Account) AND (n.key STARTS WITH $wb OR n.key STARTS WITH $pay OR n.key STARTS WITH 'acct:')
     SET n.seenIn = ['360104']`,
    'trace fixture',
    { wb: `wb:${p}`, pay: `pay:${p}` },
  );
}, 120_000);

afterAll(async () => {
  await db.autoCommit(
    `MATCH (n) WHERE any(k IN [n.key] WHERE k CONTAINS $p) DETACH DELETE n`,
    'trace fixture cleanup',
    { p },
  );
  await db.close();
});

describe('upstream trace', () => {
  it('ranks the planted factory first from a seized shop, with the evidence of every hop', async () => {
    // What the route sends must pass its response schema (the service leaves that check to the route).
    const r = TraceResultSchema.parse(await traceUpstream(db, ALL, shop, query()));
    const first = r.candidates[0];
    expect(first?.key).toBe(ids.factory);
    expect(first?.path.map((h) => h.from.key)).toEqual([ids.wholesaler, ids.warehouse, ids.factory]);
    expect(first?.path.map((h) => h.to.key)).toEqual([shop, ids.wholesaler, ids.warehouse]);
    for (const hop of first?.path ?? []) {
      expect(hop.shipments?.count).toBeGreaterThan(0);
      expect(hop.shipments?.records.length).toBeGreaterThan(0);
      for (const rec of hop.shipments?.records ?? []) expect(rec.src[0]).toMatch(/^fixture:/);
    }
    expect(first?.reasons.join()).toMatch(/labels or packaging/);
    // The printer supplies labels: upstream, but not the source of the goods.
    const printer = r.candidates.find((c) => c.key === ids.printer);
    expect(printer?.reasons.join()).toMatch(/not the goods/);
    expect(r.candidates.findIndex((c) => c.key === ids.printer)).toBeGreaterThan(0);
  });

  it('never follows a payment platform or courier upstream: paying one is no purchase', async () => {
    const r = await traceUpstream(db, ALL, shop, query());
    expect(r.candidates[0]?.key).toBe(ids.factory);
    expect(r.candidates.some((c) => c.key === platform || c.key === beyond)).toBe(false);
    // The Cypher pattern and the detection's name test agree on every name.
    const names = [
      '支付宝（中国）网络技术有限公司',
      '深圳市财付通支付科技有限公司',
      '顺丰速运有限公司',
      '菜鸟驿站(青山湖店)',
      'EMS南昌分公司',
      '南昌市洪城酒业有限公司',
      '张三',
      '',
      '多行\n韵达快递',
    ];
    const [row] = await db.adhocRead('RETURN [n IN $names | n =~ $pattern] AS hits', {
      names,
      pattern: INFRASTRUCTURE_PATTERN,
    });
    expect(row?.hits).toEqual(names.map((n) => isInfrastructureName(n)));
    expect(names.filter((n) => isInfrastructureName(n))).toHaveLength(6);
  });

  it('says where evidence is thin and respects time order with its tolerance', async () => {
    const r = await traceUpstream(db, ALL, shop, query());
    const d = r.candidates.find((c) => c.key === decoy);
    expect(d?.path[0]?.thin).toMatch(/single parcel/);
    expect(d?.thin).toBe(true);
    expect(r.candidates.some((c) => c.key === late)).toBe(false);
    const wide = await traceUpstream(db, ALL, shop, query({ toleranceDays: 60 }));
    expect(wide.candidates.some((c) => c.key === late)).toBe(true);
    const shallow = await traceUpstream(db, ALL, shop, query({ depth: 1 }));
    expect(shallow.candidates.every((c) => c.depth === 1)).toBe(true);
  });

  it('starts a trace from a platform shop at its operator, who receives the parcels', async () => {
    const r = await traceUpstream(db, ALL, platformShop, query());
    const first = r.candidates[0];
    expect(first?.key).toBe(ids.factory);
    expect(first?.path[0]).toMatchObject({ link: 'OPERATES', from: { key: shopOwner }, to: { key: platformShop } });
    expect(first?.path.slice(1).map((h) => h.from.key)).toEqual([ids.wholesaler, ids.warehouse, ids.factory]);
    expect(r.candidates.some((c) => c.key === shopOwner)).toBe(false);
  });

  it('starts from a parcel: its sender and the parcel date bound the first level', async () => {
    const r = await traceUpstream(db, ALL, `wb:${p}1`, query()); // printer → factory, day 1
    expect(r.start).toMatchObject({ kind: 'shipment', party: { key: ids.printer } });
    expect(r.candidates).toEqual([]);
    expect(r.statement).toMatch(/no inbound parcels/);
  });

  it('says where the trail leaves the scope: in-scope parcels and payments whose other party lies outside it', async () => {
    // 青云谱区 reported the parcels and payments, and sees the wholesaler, but not the warehouse
    // (新建区) that supplies it. From the wholesaler's parcel to a shop (day 31): nothing upstream in
    // scope, yet the trail plainly goes on.
    const r = await traceUpstream(db, expandScope(['360104']), `wb:${p}22`, query());
    expect(r.start.party?.key).toBe(ids.wholesaler);
    expect(r.candidates).toEqual([]);
    // The warehouse's five parcels (days 20–24); the wholesaler's payments go to a platform only.
    expect(r.beyond).toEqual({ ...NOTHING_BEYOND, parcels: 5, senders: 1 });
    expect(r.statement).toBe(
      '在您的辖区内没有找到上游，但5 件包裹来自 1 个辖区外寄件方，可经联席会议向对方地区调取 / nothing upstream within your scope, but 5 parcels from 1 sender outside it: ask those regions through a joint meeting',
    );
    expect(JSON.stringify(r)).not.toContain(ids.warehouse);
    // From the wholesaler itself (no time bound) its own region's later supplier is found, and the
    // start's trail is said to go on outside the scope too.
    const open = await traceUpstream(db, expandScope(['360104']), ids.wholesaler, query());
    expect(open.candidates.map((c) => c.key)).toEqual([late]);
    expect(open.statement).toMatch(
      /起点的上游还通向您的辖区之外：5 件包裹来自 1 个辖区外寄件方 \/ the start's trail also/,
    );
    // Province-wide nothing lies beyond: the warehouse is followed, and no candidate says otherwise.
    const all = await traceUpstream(db, ALL, ids.wholesaler, query());
    expect(all.beyond).toBeNull();
    expect(all.candidates.map((c) => c.key)).toContain(ids.warehouse);
    expect(all.candidates.every((c) => c.beyond === null)).toBe(true);
  });

  it('says where the trail leaves what the data names: parcels without a sender, payments to an account nobody holds', async () => {
    for (const scope of [expandScope(['360104']), ALL]) {
      const r = await traceUpstream(db, scope, lone, query());
      expect(r.candidates).toEqual([]);
      expect(r.beyond).toEqual({
        ...NOTHING_BEYOND,
        unnamedParcels: 2,
        unheldPayments: 3,
        unheldAmount: 12000,
        unheldAccounts: 1,
      });
      expect(r.statement).toBe(
        '没有找到已识别的上游，但2 件包裹未记寄件方、3 笔付款（¥12,000）付给 1 个户主不明的账户，可向快递公司调取寄件人信息、向银行或支付机构调取开户信息 / no upstream party on record, but 2 parcels with no sender on record, 3 payments (¥12,000) to 1 account whose holder is not on record: ask the courier for the senders and ask the bank or payment platform for the account holders',
      );
    }
  });

  it('sees only what the region scope covers, and refuses out-of-scope starts as missing', async () => {
    // 东湖区 sees the shop (located there) but not the parcels, reported by 青云谱区.
    const r = await traceUpstream(db, expandScope(['360102']), shop, query());
    expect(r.candidates).toEqual([]);
    await expect(traceUpstream(db, expandScope(['361100']), shop, query())).rejects.toThrow(/nothing to trace/);
    await expect(traceUpstream(db, ALL, `shop:tb:${p}NONE`, query())).rejects.toThrow(/nothing to trace/);
  });

  it('reads nothing past a party outside the scope, as for a key that names nothing', async () => {
    // The level statement is a trace's first: for an out-of-scope party it once read the party's
    // suppliers and payees before the service refused it, so the refusal took as long as a trace.
    const params = (key: string, scope: readonly string[]) => ({
      lists: { frontier: [{ key, before: '9999-12-31T23:59:59' }], scope: [...scope], known: [key] },
      perNode: 10,
      scan: 2_000,
      infrastructure: INFRASTRUCTURE_PATTERN,
      toleranceDays: 7,
      ahead: 50,
      levels: 3,
    });
    const shangrao = expandScope(['361100']).codes;
    const inScope = await db.run(upstreamLevel, params(ids.wholesaler, ALL.codes));
    expect(inScope[0]).toMatchObject({
      key: ids.wholesaler,
      goods: expect.arrayContaining([expect.objectContaining({ from: ids.warehouse })]),
    });
    expect(inScope.length).toBeGreaterThan(1); // and the levels above it, read ahead
    expect(await db.run(upstreamLevel, params(ids.wholesaler, shangrao))).toEqual([]);

    // And the work says so: the database hits for it are those of a key that names nothing, give or
    // take reading its regions, far below the trace a reader in scope gets.
    const work = (key: string, scope: readonly string[]) => db.profileDbHits(upstreamLevel, params(key, scope));
    const missing = await work(`uscc:${p}NOBODY`, shangrao);
    const outside = await work(ids.wholesaler, shangrao);
    const inside = await work(ids.wholesaler, ALL.codes);
    expect(outside).toBeLessThanOrEqual(missing + 50); // 3 and 23 here; 197 before the fix
    expect(inside).toBeGreaterThan(outside + 100);
  });
});

describe('where a trace starts', () => {
  it('takes a bare waybill number as typed: lower case, full-width or spaced', async () => {
    const no = `YT${p.replace(/\D/g, '').padEnd(13, '7').slice(0, 13)}`;
    await db.autoCommit('MATCH (s:Shipment {key: $key}) SET s.waybillNo = $no', 'test/waybill', {
      key: `wb:${p}1`,
      no,
    });
    const typed = [
      no.toLowerCase(),
      ` ${no.slice(0, 6)} ${no.slice(6)} `,
      no.replace(/[0-9A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)),
    ];
    for (const q of typed) {
      const r = await traceUpstream(db, ALL, q, query());
      expect(r.start, q).toMatchObject({ kind: 'shipment', key: `wb:${p}1`, party: { key: ids.printer } });
    }
  });

  it('refuses an address, phone, account, payment, case or brand by its key alone, in scope or not', async () => {
    for (const key of [`addr:${p}某路1号`, `tel:${p}`, `acct:${p}`, `pay:bank:${p}`, `case:${p}`, `brand:${p}`]) {
      for (const scope of [ALL, expandScope(['361100'])]) {
        const refused = traceUpstream(db, scope, key, query());
        await expect(refused).rejects.toMatchObject({ type: 'validation', status: 400, details: { field: 'key' } });
        await expect(refused).rejects.toThrow(/a trace starts at a company, person, shop or parcel/);
      }
    }
  });
});
