import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { categoryOf } from '../../server/hotspots/category.ts';
import { HotspotsSchema, type Hotspots } from '../../server/hotspots/schemas.ts';
import { makeUser, signIn, testApi, type Account } from '../support/api.ts';
import { tag as newTag } from '../support/db.ts';
import { writeScopeFixture, type ScopeFixture } from '../support/scope-fixture.ts';

const api = testApi();
let fx: ScopeFixture;
let leader: Account;
let other: Account;
const t = newTag('hot');
beforeAll(async () => {
  fx = await writeScopeFixture(api.db);
  leader = await makeUser(api.db, 'leader', ['360100']);
  other = await makeUser(api.db, 'leader', ['361100']);
  await writeMoneyAndSpikeFixture();
});
afterAll(async () => {
  await api.db.autoCommit('MATCH (n {fixture: $t}) DETACH DELETE n', 'hotspots fixture: cleanup', { t });
  await fx.cleanup();
  await api.close();
});

/**
 * 2019, a year nothing else uses. Money: a 东湖区 firm (IN_REGION) pays a person living in 进贤县 (an
 * address there, no IN_REGION) twice, as 东湖区's bank statement says; the person pays back once, as
 * only 上饶市's export says; a third payment goes to an account nobody is known to hold. Cases: one
 * 进贤县 pesticide case in March 2019, four in June 2019 (a spike: 4 against a monthly mean of 1/3),
 * all infringing one brand; one 东湖区 liquor case in June naming its brand only in the brand field.
 */
async function writeMoneyAndSpikeFixture(): Promise<void> {
  await api.db.autoCommit(
    `MATCH (dh:Region {code: '360102'}), (jx:Region {code: '360124'})
     CREATE (firm:Company {key: 'name:付款' + $t, name: '付款' + $t, fixture: $t})-[:IN_REGION]->(dh)
     CREATE (person:Person {key: 'name:收款' + $t, name: '收款' + $t, fixture: $t})
     CREATE (person)-[:LOCATED_AT]->(:Address {key: 'addr:' + $t, text: '进贤县民和镇' + $t, regionCode: '360124', fixture: $t})
     CREATE (firm)-[:HOLDS]->(:Account {key: 'acct:a' + $t, fixture: $t})
     CREATE (person)-[:HOLDS]->(:Account {key: 'acct:b' + $t, fixture: $t})
     CREATE (:Account {key: 'acct:c' + $t, fixture: $t})
     WITH DISTINCT 1 AS one
     UNWIND [['a', 'b', '2019-05-03T10:00:00', 1000.0, '360102'], ['a', 'b', '2019-06-09T10:00:00', 2500.5, '360102'],
             ['b', 'a', '2019-06-10T10:00:00', 700.0, '361100'], ['a', 'c', '2019-06-11T10:00:00', 90.0, '360102']] AS p
     MATCH (payer:Account {key: 'acct:' + p[0] + $t}), (payee:Account {key: 'acct:' + p[1] + $t})
     CREATE (x:Payment {key: 'pay:' + $t + p[2], at: p[2], amount: p[3], seenIn: [p[4]], fixture: $t})
     CREATE (x)-[:FROM_ACCOUNT]->(payer), (x)-[:TO_ACCOUNT]->(payee)`,
    'hotspots fixture: payments',
    { t },
  );
  await api.db.autoCommit(
    `MATCH (jx:Region {code: '360124'}), (dh:Region {code: '360102'})
     CREATE (brand:Brand {key: 'brand:先正达' + $t, name: '先正达' + $t, fixture: $t})
     WITH jx, dh, brand
     UNWIND ['2019-03-20', '2019-06-02', '2019-06-12', '2019-06-20', '2019-06-28'] AS day
     CREATE (c:Case {key: 'case:' + $t + day, goods: '福戈杀虫剂200ml×10瓶', goodsValue: 1000.0, openedAt: date(day),
                     seenIn: ['360124'], fixture: $t})-[:IN_REGION]->(jx)
     CREATE (c)-[:INFRINGES]->(brand)
     WITH DISTINCT dh
     CREATE (c:Case {key: 'case:' + $t + 'dh', type: '销售侵犯注册商标专用权的白酒', brand: '四特' + $t, amount: 500.0,
                     openedAt: date('2019-06-05'), seenIn: ['360102'], fixture: $t})-[:IN_REGION]->(dh)`,
    'hotspots fixture: cases',
    { t },
  );
}

async function hotspotsOf(account: Account, query: Record<string, string>): Promise<Hotspots> {
  const { agent } = await signIn(api.app, account);
  const res = await agent.get('/api/hotspots').query(query).expect(200);
  return HotspotsSchema.parse(res.body);
}

describe('hotspots', () => {
  it('categorises cases from their goods, brand, cause or title', () => {
    expect(categoryOf({ goods: '飞天茅台53度500ml×7瓶' })).toBe('liquor');
    expect(categoryOf({ goods: 'adidas运动外套×94件', brand: '阿迪达斯' })).toBe('apparel');
    expect(categoryOf({ type: '销售不合格农药及侵犯注册商标专用权的农资' })).toBe('agri');
    expect(categoryOf({ type: '未按规定明码标价' })).toBe('other');
  });

  it('gives a leader aggregates of their scope only: cells, regions, categories and cross-region flows', async () => {
    const { agent } = await signIn(api.app, leader);
    const res = await agent.get('/api/hotspots').query({ from: '2024-01', to: '2024-06' }).expect(200);
    expect(res.body.window.months).toEqual(['2024-01', '2024-02', '2024-03', '2024-04', '2024-05', '2024-06']);
    const cell = res.body.cells.find(
      (c: { region: string; month: string; category: string }) =>
        c.region === '360102' && c.month === '2024-03' && c.category === 'liquor',
    );
    expect(cell?.cases).toBeGreaterThanOrEqual(1);
    expect(cell?.amount).toBeGreaterThanOrEqual(48_000);
    expect(res.body.byRegion.find((r: { region: string }) => r.region === '360102')?.name).toBe('东湖区');
    expect(res.body.flows).toContainEqual(
      expect.objectContaining({ from: '360102', to: '360111', fromName: '东湖区', toName: '青山湖区' }),
    );
    // Aggregates only: no key, name or identifier of any party.
    const text = JSON.stringify(res.body);
    for (const key of [fx.inScope.company, fx.inScope.person, fx.inScope.case]) expect(text).not.toContain(key);
    expect(text).not.toContain(`赣酒${fx.tag}`);

    const { agent: elsewhere } = await signIn(api.app, other);
    const theirs = await elsewhere.get('/api/hotspots').query({ from: '2024-01', to: '2024-06' }).expect(200);
    expect(theirs.body.cells.some((c: { region: string }) => c.region === '360102')).toBe(false);
    expect(theirs.body.flows.some((f: { from: string }) => f.from === '360102')).toBe(false);
  });

  it('reuses a result for the same scope and query for a minute, not across scopes', async () => {
    const { agent } = await signIn(api.app, leader);
    const q = { from: '2023-01', to: '2024-12' };
    const a = await agent.get('/api/hotspots').query(q).expect(200);
    const b = await agent.get('/api/hotspots').query(q).expect(200);
    expect(b.body.computedAt).toBe(a.body.computedAt);
    const { agent: elsewhere } = await signIn(api.app, other);
    const c = await elsewhere.get('/api/hotspots').query(q).expect(200);
    expect(c.body.computedAt).not.toBe(a.body.computedAt);
  });

  it('refuses a malformed window', async () => {
    const { agent } = await signIn(api.app, leader);
    const res = await agent.get('/api/hotspots').query({ from: '2024-13' }).expect(400);
    expect(res.body.errors[0]).toMatchObject({ in: 'query', path: 'from' });
    // A window that ends before it starts is an error, not an empty dashboard.
    const reversed = await agent.get('/api/hotspots').query({ from: '2024-06', to: '2024-01' }).expect(400);
    expect(reversed.body.errors[0]).toMatchObject({
      in: 'query',
      path: 'from',
      message: expect.stringMatching(/after/),
    });
  });

  it('counts cross-region payments by the regions of the paying and receiving holders, within scope', async () => {
    const mine = await hotspotsOf(leader, { from: '2019-01', to: '2019-12' });
    // The holder's region: IN_REGION for the firm, the address for the person; payments to an account
    // without a known holder are left out.
    expect(mine.paymentFlows).toEqual([
      { from: '360102', fromName: '东湖区', to: '360124', toName: '进贤县', payments: 2, amount: 3500.5 },
    ]);
    expect(mine.flowTotals).toMatchObject({ payments: 2, amount: 3500.5 });
    // The payment back was reported by 上饶市 only: outside 南昌市's scope, inside 上饶市's.
    const theirs = await hotspotsOf(other, { from: '2019-01', to: '2019-12' });
    expect(theirs.paymentFlows).toEqual([
      { from: '360124', fromName: '进贤县', to: '360102', toName: '东湖区', payments: 1, amount: 700 },
    ]);
    // The window applies to payments too.
    expect((await hotspotsOf(leader, { from: '2019-06', to: '2019-12' })).paymentFlows).toMatchObject([
      { payments: 1, amount: 2500.5 },
    ]);
  });

  it('ranks the brands the cases infringe, from INFRINGES or else the brand field', async () => {
    const res = await hotspotsOf(leader, { from: '2019-04', to: '2019-12' });
    expect(res.byBrand).toEqual([
      { brand: `先正达${t}`, cases: 4, amount: 4000 },
      { brand: `四特${t}`, cases: 1, amount: 500 },
    ]);
    expect(res.totals).toEqual({ cases: 5, amount: 4500, regions: 2 });
  });

  it('finds a spike against the three months before, with the numbers a sentence needs', async () => {
    const res = await hotspotsOf(leader, { from: '2019-06', to: '2019-06' });
    expect(res.spikes).toEqual([
      { region: '360124', name: '进贤县', category: 'agri', month: '2019-06', cases: 4, previous: 0.33, ratio: 4 },
    ]);
  });

  it('narrows to a region: its cases, flows from or to it, and keeps the window', async () => {
    const all = await hotspotsOf(leader, { from: '2019-01', to: '2019-12' });
    const jinxian = await hotspotsOf(leader, { from: '2019-01', to: '2019-12', region: '360124' });
    expect(jinxian.filter).toEqual({ category: null, region: '360124' });
    expect(jinxian.window).toEqual(all.window);
    expect(jinxian.byRegion.map((r) => r.region)).toEqual(['360124']);
    expect(jinxian.totals).toEqual({ cases: 5, amount: 5000, regions: 1 });
    expect(jinxian.paymentFlows).toHaveLength(1);
    // A city covers its districts and counties; a category narrows again.
    const city = await hotspotsOf(leader, { from: '2019-01', to: '2019-12', region: '360100' });
    expect(city.totals.cases).toBe(all.totals.cases);
    const liquor = await hotspotsOf(leader, { from: '2019-01', to: '2019-12', region: '360100', category: 'liquor' });
    expect(liquor.byRegion).toEqual([{ region: '360102', name: '东湖区', cases: 1, amount: 500 }]);
    expect(liquor.byBrand).toEqual([{ brand: `四特${t}`, cases: 1, amount: 500 }]);
    // Filtering to a region outside the scope shows nothing of it.
    const elsewhere = await hotspotsOf(leader, { from: '2019-01', to: '2019-12', region: '361100' });
    expect(elsewhere.totals.cases).toBe(0);
    expect(elsewhere.paymentFlows).toEqual([]);

    const { agent } = await signIn(api.app, leader);
    const res = await agent.get('/api/hotspots').query({ region: '999999' }).expect(400);
    expect(res.body.errors[0]).toMatchObject({ in: 'query', path: 'region' });
  });
});
