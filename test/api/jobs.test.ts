/**
 * Background jobs behind a load balancer: two apps on the suite's Neo4j stand for two API processes,
 * and a client may reach either. A job is followed, refused and cancelled from a process that does
 * not run it; a job whose process stops reporting reads as failed and no longer holds the slot.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConflictError } from '../../server/errors.ts';
import { JobBoard, type JobState, type RunningJob } from '../../server/jobs/board.ts';
import { makeUser, signIn, testApi, type Account } from '../support/api.ts';
import { writeScopeFixture, type ScopeFixture } from '../support/scope-fixture.ts';

// Both may start real detection workers: runs read the whole test database and change its current run.
const one = testApi({}, { jobs: true });
const two = testApi({}, { jobs: true });
// A process that gives up on a job its owner has not reported for a second.
const impatient = testApi({}, { jobBoard: { staleSeconds: 1 } });
let fx: ScopeFixture;
let analyst: Account;
const opened: RunningJob<JobState>[] = [];
beforeAll(async () => {
  fx = await writeScopeFixture(one.db);
  analyst = await makeUser(one.db, 'analyst', ['360000']);
});
afterAll(async () => {
  for (const job of opened) await job.end({ status: 'failed', error: 'test over' });
  await fx.cleanup();
  await Promise.all([one.close(), two.close(), impatient.close()]);
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const id = () => `job-${randomUUID()}`;

describe('jobs across API processes', () => {
  it('follows a detection run from a process that did not start it, which also refuses a second run', async () => {
    const { agent: here, csrf } = await signIn(one.app, analyst);
    const { agent: there, csrf: csrfThere } = await signIn(two.app, analyst);
    const started = await here.post('/api/runs').set('X-CSRF-Token', csrf).send({ minSize: 2, seed: 5 }).expect(202);
    const refused = await there.post('/api/runs').set('X-CSRF-Token', csrfThere).send({}).expect(409);
    expect(refused.body.detail).toContain(started.body.id);
    let job = (await there.get(`/api/jobs/${started.body.id}`).expect(200)).body;
    expect(job).toMatchObject({ id: started.body.id });
    for (let i = 0; i < 600 && job.status === 'running'; i++) {
      await sleep(100);
      job = (await there.get(`/api/jobs/${started.body.id}`).expect(200)).body;
    }
    expect(job).toMatchObject({ status: 'complete', progress: { percent: 100 }, error: null });
    await there.get(`/api/runs/${job.runId}`).expect(200);
    await there.get(`/api/jobs/job-${randomUUID()}`).expect(404);
  });

  it('passes a cancel asked of one process to the job another runs, at its next report', async () => {
    const runner = new JobBoard(one.db, { reportMs: 50 });
    const elsewhere = new JobBoard(two.db);
    let cancels = 0;
    const jobId = id();
    const running = (step: number): JobState & { step: number } => ({ status: 'running', error: null, step });
    const job = await runner.open('test', jobId, 'tester', running(1));
    job.whenCancelled(() => cancels++);
    opened.push(job);
    expect(await elsewhere.read('test', jobId)).toEqual({ owner: 'tester', state: running(1) });
    expect(await elsewhere.read('detect', jobId)).toBeNull();

    job.update(running(2));
    await elsewhere.cancel(jobId);
    for (let i = 0; i < 40 && cancels === 0; i++) await sleep(50);
    expect(cancels).toBe(1);
    expect(await elsewhere.read('test', jobId)).toEqual({ owner: 'tester', state: running(2) });

    const last: JobState & { step: number } = { status: 'cancelled', error: null, step: 3 };
    await job.end(last);
    expect(await elsewhere.read('test', jobId)).toEqual({ owner: 'tester', state: last });
    await elsewhere.cancel(jobId); // a finished job: nothing to do
    await sleep(150);
    expect(cancels).toBe(1);
    await expect(job.end(running(4))).rejects.toThrow(/ended with status running/);
  });

  it('reads a job whose process stopped reporting as failed, and lets a new run start', async () => {
    // A process that opens a detection job and then goes quiet (it crashed, say).
    const crashed = new JobBoard(one.db, { reportMs: 3_600_000 });
    const jobId = id();
    const view = {
      id: jobId,
      status: 'running' as const,
      progress: { phase: 'read', percent: 10 },
      runId: null,
      error: null,
    };
    opened.push(await crashed.open('detect', jobId, analyst.username, view, { exclusive: true }));
    // Within the default 30 s it still holds the slot …
    const fresh = { status: 'running' as const, error: null };
    await expect(new JobBoard(two.db).open('detect', id(), 'tester', fresh, { exclusive: true })).rejects.toThrow(
      ConflictError,
    );
    await sleep(1_500);
    // … and a process that waits a second no longer believes in it.
    const { agent } = await signIn(impatient.app, analyst);
    const job = (await agent.get(`/api/jobs/${jobId}`).expect(200)).body;
    expect(job).toMatchObject({ id: jobId, status: 'failed', progress: { percent: 10 } });
    expect(job.error).toMatch(/stopped/);
    opened.push(
      await new JobBoard(impatient.db, { staleSeconds: 1 }).open('detect', id(), 'tester', fresh, { exclusive: true }),
    );
  });
});
