import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser, signIn, testApi, type Account } from '../support/api.ts';
import { writeScopeFixture, type ScopeFixture } from '../support/scope-fixture.ts';

// Starts real detection workers: runs read the whole test database and change its current run.
const api = testApi({}, { jobs: true });
let fx: ScopeFixture;
let analyst: Account;
let district: Account;
let leader: Account;
let districtAdmin: Account;
beforeAll(async () => {
  fx = await writeScopeFixture(api.db);
  analyst = await makeUser(api.db, 'analyst', ['360000']);
  district = await makeUser(api.db, 'analyst', ['360102']);
  leader = await makeUser(api.db, 'leader', ['360100']);
  districtAdmin = await makeUser(api.db, 'admin', ['360102']);
});
afterAll(async () => {
  await fx.cleanup();
  await api.close();
});

describe('detection over HTTP', () => {
  it('starts a run as a job, reports progress to completion, and refuses a second while one runs', async () => {
    const { agent, csrf } = await signIn(api.app, analyst);
    const started = await agent.post('/api/runs').set('X-CSRF-Token', csrf).send({ minSize: 2, seed: 3 }).expect(202);
    expect(started.body).toMatchObject({ status: 'running', runId: null });
    await agent.post('/api/runs').set('X-CSRF-Token', csrf).send({}).expect(409);
    let job = started.body;
    for (let i = 0; i < 600 && job.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      job = (await agent.get(`/api/jobs/${started.body.id}`).expect(200)).body;
    }
    expect(job).toMatchObject({ status: 'complete', progress: { percent: 100 } });
    const run = await agent.get(`/api/runs/${job.runId}`).expect(200);
    expect(run.body).toMatchObject({
      id: job.runId,
      status: 'complete',
      current: true,
      params: { minSize: 2, seed: 3 },
    });
    expect(run.body.counts).toMatchObject({ parties: expect.any(Number), communities: expect.any(Number) });
    expect(run.body.timings).toMatchObject({ total_s: expect.any(Number) });
    expect(run.body.counts.parties).toBeGreaterThan(0);
    const communities = await agent.get('/api/runs/current/communities').expect(200);
    expect(Array.isArray(communities.body.items)).toBe(true);

    // The run's counts are the whole province's graph: a district analyst or a city's leader reads
    // the run without them (their communities come from /communities, within their scope).
    for (const account of [district, leader]) {
      const { agent: other } = await signIn(api.app, account);
      const one = await other.get(`/api/runs/${job.runId}`).expect(200);
      expect(one.body).toMatchObject({ id: job.runId, status: 'complete', counts: null, timings: null });
      const list = await other.get('/api/runs').query({ limit: 5 }).expect(200);
      expect(list.body.items.length).toBeGreaterThan(0);
      expect(list.body.items.map((r: { counts: unknown; timings: unknown }) => [r.counts, r.timings])).toEqual(
        list.body.items.map(() => [null, null]),
      );
    }
    // An admin starts runs for every region, and reads their figures, whatever the account's regions.
    const { agent: admin } = await signIn(api.app, districtAdmin);
    expect((await admin.get(`/api/runs/${job.runId}`).expect(200)).body.counts).toEqual(run.body.counts);
    for (const reader of [agent, admin]) {
      const listed = (await reader.get('/api/runs').query({ limit: 5 }).expect(200)).body.items;
      expect(listed.find((r: { id: string }) => r.id === job.runId)).toMatchObject({
        counts: run.body.counts,
        timings: run.body.timings,
      });
    }
  });

  it('cancels a running job; the previous run stays current', async () => {
    const { agent, csrf } = await signIn(api.app, analyst);
    const before = (await agent.get('/api/runs').query({ limit: 1 }).expect(200)).body.items[0];
    const started = await agent.post('/api/runs').set('X-CSRF-Token', csrf).send({ minSize: 2 }).expect(202);
    await agent.post(`/api/jobs/${started.body.id}/cancel`).set('X-CSRF-Token', csrf).expect(200);
    let job = started.body;
    for (let i = 0; i < 600 && job.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      job = (await agent.get(`/api/jobs/${started.body.id}`).expect(200)).body;
    }
    // A tiny graph may finish before the cancel arrives; either way the current run is whole.
    expect(['cancelled', 'complete']).toContain(job.status);
    const runs = (await agent.get('/api/runs').query({ limit: 5 }).expect(200)).body.items;
    const current = runs.filter((r: { current: boolean }) => r.current);
    expect(current).toHaveLength(1);
    if (job.status === 'cancelled') expect(current[0].id).toBe(before.id);
  });
});
