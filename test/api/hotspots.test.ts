import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { categoryOf } from '../../server/hotspots/category.ts';
import { makeUser, signIn, testApi, type Account } from '../support/api.ts';
import { writeScopeFixture, type ScopeFixture } from '../support/scope-fixture.ts';

const api = testApi();
let fx: ScopeFixture;
let leader: Account;
let other: Account;
beforeAll(async () => {
  fx = await writeScopeFixture(api.db);
  leader = await makeUser(api.db, 'leader', ['360100']);
  other = await makeUser(api.db, 'leader', ['361100']);
});
afterAll(async () => {
  await fx.cleanup();
  await api.close();
});

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
  });
});
