/**
 * Detection on small named graphs with known answers: "two counterfeit chains whose wholesalers sit
 * in the same market, ship with the same courier and are paid through the same platform, plus a
 * legitimate distributor with its retailers". Runs read the whole database, so the file starts
 * from an empty one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../server/db/migrate.ts';
import { resetData } from '../../server/db/reset.ts';
import { startDetectionJob } from '../../server/detect/jobs.ts';
import { cleanStaleRuns } from '../../server/detect/persist.ts';
import { readProjection } from '../../server/detect/project.ts';
import { openRun, readParties, readShipments } from '../../server/detect/queries.ts';
import { ValidationError } from '../../server/errors.ts';
import {
  compareRuns,
  getCommunityDetail,
  listDetectionRuns,
  listRunCommunities,
  runDetection,
} from '../../server/detect/service.ts';
import { testConfig, testDb } from '../support/db.ts';
import { emptyFixture, plantChain, writeFixture, type ChainIds, type FixtureGraph } from '../support/graph-fixture.ts';

const db = testDb();
const market = 'addr:江西省南昌市青云谱区洪都中大道266号洪都小商品批发市场';
let x: ChainIds;
let y: ChainIds;
const legit = { distributor: 'uscc:LEGITDIST', retailers: [] as string[] };

function buildGraph(): FixtureGraph {
  const g = emptyFixture();
  x = plantChain(g, 'X', { shops: 6, brand: '贵州茅台' });
  y = plantChain(g, 'Y', { shops: 5, brand: '五粮液' });
  // Hubs both chains touch: the market building (with ten legitimate stalls), a courier's sorting
  // centre that sends and receives for everyone, a payment platform, and one consumer of both.
  const stalls = Array.from({ length: 10 }, (_, i) => `uscc:STALL${i}`);
  for (const [i, key] of stalls.entries())
    g.parties.push({ key, label: 'Company', name: `市场摊位${i}商行`, region: '360104' });
  g.addresses.push({ key: market, text: '洪都小商品批发市场', holders: [x.wholesaler, y.wholesaler, ...stalls] });
  g.parties.push({ key: 'uscc:COURIER', label: 'Company', name: '中通快递南昌转运中心', region: '360121' });
  g.parties.push({ key: 'uscc:ALIPAY', label: 'Company', name: '支付宝(中国)网络技术有限公司', region: '360102' });
  let n = 0;
  for (const to of [x.wholesaler, y.wholesaler, x.factory, y.factory, ...stalls])
    g.shipments.push({ key: `wb:HUB${++n}`, from: 'uscc:COURIER', to, at: '2024-02-01T10:00:00', item: '文件' });
  for (const from of [x.operator, y.operator, x.collector, y.collector, ...stalls.slice(0, 4)])
    g.payments.push({ key: `pay:HUB${++n}`, from, to: 'uscc:ALIPAY', at: '2024-02-02T10:00:00', amount: 100 });
  g.parties.push({ key: 'pid:BOTHBUYER', label: 'Person', name: '两家都买的顾客', region: '360111' });
  g.shipments.push({ key: 'wb:BOTH1', from: 'shop:tb:XS3', to: 'pid:BOTHBUYER', at: '2024-03-01T10:00:00' });
  g.shipments.push({ key: 'wb:BOTH2', from: 'shop:tb:YS3', to: 'pid:BOTHBUYER', at: '2024-03-02T10:00:00' });

  // A legitimate distributor and its five retailers: orderly flows, real goods names, no cases.
  g.parties.push({
    key: legit.distributor,
    label: 'Company',
    name: '南昌正规食品批发有限公司',
    region: '360111',
    scope: '预包装食品销售',
  });
  g.parties.push({
    key: 'uscc:LEGITBRAND',
    label: 'Company',
    name: '江西正规食品厂',
    region: '360111',
    scope: '食品生产',
  });
  for (let i = 0; i < 5; i++) {
    const r = `uscc:LEGITRETAIL${i}`;
    legit.retailers.push(r);
    g.parties.push({ key: r, label: 'Company', name: `青山湖区便民超市${i}`, region: '360111', scope: '食品零售' });
    for (let k = 0; k < 3; k++) {
      g.shipments.push({
        key: `wb:L${i}-${k}`,
        from: legit.distributor,
        to: r,
        at: `2024-04-0${k + 1}T09:00:00`,
        item: '饼干',
      });
      g.payments.push({
        key: `pay:L${i}-${k}`,
        from: r,
        to: legit.distributor,
        at: `2024-04-0${k + 2}T09:00:00`,
        amount: 800,
      });
    }
    for (let c = 0; c < 3; c++) {
      const consumer = `pid:LEGITC${i}-${c}`;
      g.parties.push({ key: consumer, label: 'Person', name: `顾客${i}${c}`, region: '360111' });
      g.shipments.push({ key: `wb:LC${i}-${c}`, from: r, to: consumer, at: '2024-04-10T09:00:00', item: '饼干' });
    }
  }
  for (let k = 0; k < 4; k++)
    g.shipments.push({
      key: `wb:LB${k}`,
      from: 'uscc:LEGITBRAND',
      to: legit.distributor,
      at: `2024-03-2${k}T09:00:00`,
      item: '饼干',
    });
  return g;
}

beforeAll(async () => {
  await migrate(db);
  await resetData(db);
  await writeFixture(db, buildGraph());
}, 120_000);

afterAll(async () => {
  await resetData(db);
  await db.close();
});

async function communityOf(runId: string, key: string): Promise<string | undefined> {
  const rows = await db.adhocRead('MATCH ({key: $key})-[:MEMBER_OF]->(c:Community {runId: $runId}) RETURN c.id AS id', {
    key,
    runId,
  });
  return rows[0]?.id as string | undefined;
}

describe('detection', () => {
  let first: Awaited<ReturnType<typeof runDetection>>;

  it('keeps two chains apart although they share a market, a courier, a platform and a buyer', async () => {
    first = await runDetection(db, { seed: 7 });
    const cx = await communityOf(first.runId, x.factory);
    const cy = await communityOf(first.runId, y.factory);
    expect(cx).toBeDefined();
    expect(cy).toBeDefined();
    expect(cx).not.toBe(cy);
    for (const key of [x.warehouse, x.wholesaler, 'shop:tb:XS1', 'shop:tb:XS6', x.collector])
      expect(await communityOf(first.runId, key)).toBe(cx);
    for (const key of [y.warehouse, y.wholesaler, 'shop:tb:YS1', 'shop:tb:YS5', y.collector])
      expect(await communityOf(first.runId, key)).toBe(cy);

    const hubs = first.result.partyHubs.filter((h) => h.action === 'excluded').map((h) => h.name);
    expect(hubs).toEqual(expect.arrayContaining(['中通快递南昌转运中心', '支付宝(中国)网络技术有限公司']));
    expect(first.result.identifierHubs.map((h) => h.key)).toContain(market);
  });

  it('orders the stages factory → warehouse → wholesaler → shop, ranks the factory first and flags the chain', async () => {
    const id = (await communityOf(first.runId, x.factory)) ?? 'missing';
    const c = await getCommunityDetail(db, id);
    const stageOf = (key: string) => c.chain.find((s) => s.members.some((m) => m.key === key))?.stage;
    expect(stageOf(x.printer)).toBe('materials');
    expect(stageOf(x.factory)).toBe('production');
    expect(stageOf(x.warehouse)).toBe('storage');
    expect(stageOf(x.wholesaler)).toBe('wholesale');
    expect(stageOf('shop:tb:XS2')).toBe('retail');
    const order = c.chain.map((s) => s.stage);
    expect(order.indexOf('production')).toBeLessThan(order.indexOf('storage'));
    expect(order.indexOf('storage')).toBeLessThan(order.indexOf('wholesale'));
    expect(order.indexOf('wholesale')).toBeLessThan(order.indexOf('retail'));
    expect(c.manufacturers[0]?.key).toBe(x.factory);
    expect(c.flagged).toBe(true);
    expect(c.brands).toContain('贵州茅台');
    expect(c.breakdown.map((f) => f.factor)).toEqual(
      expect.arrayContaining(['structure', 'cases', 'sharedIds', 'brand', 'disguise']),
    );
    // Evidence leads back to source rows: each cited shipment carries its provenance.
    const goods = c.evidence.find((e) => e.kind === 'goods');
    expect(goods?.records[0]?.src[0]).toMatch(/^fixture:wb:/);
  });

  it('scores a legitimate distributor below the threshold and says why', async () => {
    const id = await communityOf(first.runId, legit.distributor);
    expect(id).toBeDefined();
    const c = await getCommunityDetail(db, id ?? 'missing');
    expect(c.flagged).toBe(false);
    expect(c.score).toBeLessThan(first.result.params.threshold);
    expect(c.gaps.join(' ')).toMatch(/no member appears in a case/);
    const communities = await listRunCommunities(db, { runId: first.runId });
    const scores = communities.map((k) => k.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('gives the same partition for the same seed, and the new run becomes current', async () => {
    const again = await runDetection(db, { seed: 7 });
    expect(again.result.graphDigest).toBe(first.result.graphDigest);
    expect(again.previous).toBe(first.runId);
    const cmp = await compareRuns(db, first.runId, again.runId);
    expect(cmp.ari).toBe(1);
    expect(cmp.onlyA + cmp.onlyB).toBe(0);
    const runs = await listDetectionRuns(db);
    expect(runs.find((r) => r.current)?.id).toBe(again.runId);
    first = again;
  });

  it('leaves the previous run current and intact when a run dies mid-write, and cleans it up later', async () => {
    const before = await listRunCommunities(db, { limit: 1_000 });
    let reached!: () => void;
    const dying = new Promise<void>((resolve) => (reached = resolve));
    // The process "dies" after the first write batch: nothing after it ever runs.
    void runDetection(db, { seed: 11 }, { afterBatch: () => (reached(), new Promise<void>(() => {})) });
    await dying;
    const runs = await listDetectionRuns(db);
    const dead = runs.find((r) => r.status === 'running');
    if (!dead) throw new Error('no running run');
    const partial = await db.adhocRead('MATCH (c:Community {runId: $id}) RETURN count(c) AS n', { id: dead.id });
    expect(partial[0]?.n).toBeGreaterThan(0);
    expect(runs.find((r) => r.current)?.id).toBe(first.runId);
    expect(await listRunCommunities(db, { limit: 1_000 })).toEqual(before);
    await expect(getCommunityDetail(db, `${dead.id}-0001`)).rejects.toThrow(/not found/);

    expect(await cleanStaleRuns(db, 0)).toContain(dead.id);
    const left = await db.adhocRead('MATCH (c:Community {runId: $id}) RETURN count(c) AS n', { id: dead.id });
    expect(left[0]?.n).toBe(0);
  });

  it('marks a failed run and removes what it wrote', async () => {
    await expect(
      runDetection(db, { seed: 12 }, { afterBatch: () => Promise.reject(new Error('disk full')) }),
    ).rejects.toThrow('disk full');
    const failed = (await listDetectionRuns(db)).find((r) => r.params.seed === 12);
    if (!failed) throw new Error('no failed run');
    expect(failed.status).toBe('failed');
    const left = await db.adhocRead('MATCH (c:Community {runId: $id}) RETURN count(c) AS n', { id: failed.id });
    expect(left[0]?.n).toBe(0);
    expect((await listDetectionRuns(db)).find((r) => r.current)?.id).toBe(first.runId);
  });

  it('runs as a job in a worker thread with progress, and a cancelled job leaves no trace', async () => {
    const config = testConfig();
    const options = {
      uri: config.NEO4J_URI ?? '',
      user: config.NEO4J_USER,
      password: config.NEO4J_PASSWORD ?? '',
      database: config.NEO4J_DATABASE,
      txTimeoutMs: config.QUANLIAN_TX_TIMEOUT_MS,
    };
    const phases: string[] = [];
    const job = startDetectionJob(options, { seed: 7 }, (p) => phases.push(p.phase));
    const summary = await job.done;
    expect(job.status).toBe('complete');
    expect(summary.graphDigest).toBe(first.result.graphDigest);
    expect(phases).toEqual(expect.arrayContaining(['read', 'louvain', 'chains', 'write', 'done']));

    const cancelled = startDetectionJob(options, { seed: 13 }, (p) => {
      if (p.phase === 'read') cancelled.cancel();
    });
    await expect(cancelled.done).rejects.toThrow();
    expect(cancelled.status).toBe('cancelled');
    const runs = await listDetectionRuns(db);
    expect(runs.find((r) => r.current)?.id).toBe(summary.runId);
    const run = runs.find((r) => r.params.seed === 13);
    expect(run?.status).toBe('cancelled');
    const left = await db.adhocRead('MATCH (c:Community {runId: $id}) RETURN count(c) AS n', { id: run?.id ?? '' });
    expect(left[0]?.n).toBe(0);
  });

  it('removes what a run cancelled mid-write had written', async () => {
    const controller = new AbortController();
    let batches = 0;
    await expect(
      runDetection(
        db,
        { seed: 14 },
        {
          signal: controller.signal,
          afterBatch: async () => {
            batches++;
            controller.abort(new Error('cancelled by the user'));
          },
        },
      ),
    ).rejects.toThrow('cancelled by the user');
    expect(batches).toBe(1);
    const run = (await listDetectionRuns(db)).find((r) => r.params.seed === 14);
    expect(run?.status).toBe('cancelled');
    const left = await db.adhocRead('MATCH (c:Community {runId: $id}) RETURN count(c) AS n', { id: run?.id ?? '' });
    expect(left[0]?.n).toBe(0);
  });
});

describe('the projection reads', () => {
  it('stream into a fold page by page: pages of 1 and of 5,000 give the same projection', async () => {
    const whole = await readProjection(db, { maxHolders: 30 });
    const progress: [string, number][] = [];
    const paged = await readProjection(db, {
      maxHolders: 30,
      page: 1,
      onProgress: (detail, fraction) => progress.push([detail, fraction]),
    });
    expect(whole.read.shipments).toBeGreaterThan(10);
    expect(paged).toEqual(whole);
    // Parties are indexed in key order, label by label (the index does not depend on stream timing).
    const companies = whole.parties.filter((p) => p.label === 'Company').map((p) => p.key);
    expect(companies).toEqual([...companies].sort());
    expect(whole.parties.findIndex((p) => p.label === 'Person')).toBeGreaterThan(companies.length - 1);
    // One report as each of the 11 sources ends; the fraction only grows, to 1.
    const fractions = progress.map(([, f]) => f);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(fractions.at(-1)).toBe(1);
    expect(progress.map(([d]) => d)).toContain(`shipments ${whole.read.shipments}`);
  });

  it('joins a payment to every holder of its account, and a parcel to every sender', async () => {
    const [held] = await db.adhocRead(
      `MATCH (:Payment)-[:FROM_ACCOUNT]->(a:Account)<-[:HOLDS]-(h:Company)
       WHERE COUNT { (a)<-[:HOLDS]-() } = 1 RETURN a.key AS account, h.key AS holder ORDER BY account LIMIT 1`,
    );
    const account = String(held?.account);
    const holder = String(held?.holder);
    const extra = 'pid:BOTHBUYER';
    await db.autoCommit(
      `MATCH (a:Account {key: $account}) MATCH (p:Person {key: $extra}) CREATE (p)-[:HOLDS {t: 'extra'}]->(a)
       WITH p MATCH (s:Shipment {key: 'wb:BOTH1'}) MATCH (y:Shop {key: 'shop:tb:YS3'}) CREATE (s)-[:SENT_BY {t: 'extra'}]->(y)`,
      'test/extra',
      { account, extra },
    );
    try {
      const p = await readProjection(db, { maxHolders: 30, page: 2 });
      const ix = (key: string) => p.index.get(key) as number;
      const flowsOf = (from: string) =>
        [...p.money.values()].filter((f) => f.from === ix(from)).map((f) => [p.parties[f.to]?.key, f.count, f.volume]);
      expect(flowsOf(holder).length).toBeGreaterThan(0);
      expect(flowsOf(extra)).toEqual(flowsOf(holder));
      const shared = p.shared.find((s) => s.kind === 'Account' && s.key === account);
      expect(shared?.holders).toEqual([ix(holder), ix(extra)].sort((a, b) => a - b));
      // wb:BOTH1 now has two senders (XS3 and YS3); YS3 also sent wb:BOTH2 to the same buyer.
      const goods = (from: string) => p.goods.get(ix(from) * 2 ** 24 + ix('pid:BOTHBUYER'));
      expect(goods('shop:tb:XS3')?.count).toBe(1);
      expect(goods('shop:tb:YS3')?.count).toBe(2);
      expect(goods('shop:tb:YS3')?.samples).toEqual(['wb:BOTH1', 'wb:BOTH2']);
    } finally {
      await db.autoCommit(`MATCH ()-[r:HOLDS|SENT_BY {t: 'extra'}]->() DELETE r`, 'test/extra');
    }
  });

  it('Db.stream folds every row once, in key order, and refuses writes and aborted reads', async () => {
    const pages = await db.stream(
      readParties.Company,
      { page: 2 },
      {
        start: () => [] as number[],
        row: (acc, row) => void acc.push(row.rows.length),
      },
    );
    const keys = await db.stream(
      readShipments,
      { page: 3 },
      {
        start: () => [] as string[],
        row: (acc, row) => void acc.push(...row.rows.map((r) => r[0])),
      },
    );
    const companies = await db.adhocRead('MATCH (c:Company) RETURN count(c) AS n');
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.every((n) => n >= 1 && n <= 2)).toBe(true);
    expect(pages.reduce((a, b) => a + b, 0)).toBe(companies[0]?.n);
    expect(keys).toEqual([...keys].sort());
    expect(new Set(keys).size).toBe(keys.length);
    await expect(
      db.stream(openRun, { id: 'x', params: '{}', startedAt: '2024-01-01' }, { start: () => 0, row: () => {} }),
    ).rejects.toThrowError(ValidationError);
    const aborted = AbortSignal.abort(new Error('cancelled by the user'));
    await expect(
      db.stream(readShipments, { page: 3 }, { start: () => 0, row: () => {} }, { signal: aborted }),
    ).rejects.toThrow('cancelled by the user');
  });
});
