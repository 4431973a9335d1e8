/**
 * Saved investigations through the API on the real Neo4j: the round trip, optimistic concurrency,
 * sharing within scope (a colleague whose scope covers the owner's sees it; a narrower one gets the
 * 404 of an id that does not exist), owner-only changes, refused roles and bodies, and the audit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { updateUser } from '../../server/auth/users.ts';
import { listConstraints } from '../../server/db/queries.ts';
import {
  DeletedInvestigationSchema,
  InvestigationListSchema,
  InvestigationSchema,
  InvestigationStateSchema,
  STATE_MAX_BYTES,
} from '../../server/investigations/schemas.ts';
import { makeUser, signIn, testApi, type Account } from '../support/api.ts';

const api = testApi();
const PROBLEMS = 'https://quanlian.dev/problems/';
type Agent = Awaited<ReturnType<typeof signIn>>;

/** Two front companies sharing one warehouse, as the web app would save the canvas. */
const CANVAS = {
  nodes: [
    {
      key: 'uscc:91360102MA35TEST01',
      label: 'Company',
      name: '南昌赣酒商贸有限公司',
      x: 10,
      y: 20,
      pinned: true,
      regionCodes: ['360102'],
      community: 'run-1:3',
      stage: 'wholesale',
    },
    { key: 'uscc:91360102MA35TEST02', label: 'Company', name: '南昌洪城酒业有限公司', x: -5, y: 3.5, hidden: true },
    { key: 'addr:南昌市东湖区仓储路1号', label: 'Address', name: '东湖区仓储路1号', x: 0, y: -12 },
  ],
  edges: [
    {
      source: 'uscc:91360102MA35TEST01',
      target: 'addr:南昌市东湖区仓储路1号',
      type: 'REGISTERED_AT',
      key: 'uscc:91360102MA35TEST01|REGISTERED_AT|addr:南昌市东湖区仓储路1号',
    },
    { source: 'uscc:91360102MA35TEST02', target: 'addr:南昌市东湖区仓储路1号', type: 'REGISTERED_AT', key: 'e2' },
  ],
  filters: { labels: ['Company', 'Address'], since: '2024-01', minScore: 0.5 },
  view: { x: 0.5, y: 0.5, ratio: 1.2 },
};

let owner: Account; // analyst, 南昌市 (360100)
let colleague: Account; // investigator, 南昌市
let wider: Account; // admin, 江西省 (360000)
let narrower: Account; // investigator, 东湖区 (360102) only
let narrowAdmin: Account; // admin, 东湖区 only: scope applies to admins too
let leader: Account;
let partner: Account;
const agents = new Map<Account, Agent>();
const as = (a: Account) => agents.get(a) as Agent;

beforeAll(async () => {
  owner = await makeUser(api.db, 'analyst', ['360100'], 'inv');
  colleague = await makeUser(api.db, 'investigator', ['360100'], 'inv');
  wider = await makeUser(api.db, 'admin', ['360000'], 'inv');
  narrower = await makeUser(api.db, 'investigator', ['360102'], 'inv');
  narrowAdmin = await makeUser(api.db, 'admin', ['360102'], 'inv');
  leader = await makeUser(api.db, 'leader', ['360100'], 'inv');
  partner = await makeUser(api.db, 'partner', ['360100'], 'inv');
  for (const a of [owner, colleague, wider, narrower, narrowAdmin, leader, partner])
    agents.set(a, await signIn(api.app, a));
});
afterAll(async () => {
  await api.db.autoCommit(
    'MATCH (i:Investigation) WHERE i.owner IN $owners DETACH DELETE i',
    'investigations: cleanup',
    {
      owners: [...agents.keys()].map((a) => a.username),
    },
  );
  await api.close();
});

async function create(a: Account, body: Record<string, unknown>) {
  const { agent, csrf } = as(a);
  const res = await agent.post('/api/investigations').set('X-CSRF-Token', csrf).send(body).expect(201);
  return InvestigationSchema.parse(res.body);
}
const update = (a: Account, id: string, body: Record<string, unknown>) =>
  as(a).agent.post(`/api/investigations/${id}`).set('X-CSRF-Token', as(a).csrf).send(body);
const remove = (a: Account, id: string) =>
  as(a).agent.delete(`/api/investigations/${id}`).set('X-CSRF-Token', as(a).csrf);
const read = (a: Account, id: string) => as(a).agent.get(`/api/investigations/${id}`);
async function listIds(a: Account, limit = 100): Promise<string[]> {
  const res = await as(a).agent.get('/api/investigations').query({ limit }).expect(200);
  return InvestigationListSchema.parse(res.body).items.map((i) => i.id);
}

describe('saved investigations', () => {
  it('are kept under a unique id (migration 008)', async () => {
    const constraints = await api.db.run(listConstraints, {});
    expect(constraints).toContainEqual(
      expect.objectContaining({ type: 'UNIQUENESS', labelsOrTypes: ['Investigation'], properties: ['id'] }),
    );
  });

  it('round trip: create, list, open, update, delete', async () => {
    const made = await create(owner, { title: '  赣酒窝点 ', notes: '两家公司同一仓库', state: CANVAS });
    expect(made).toMatchObject({
      title: '赣酒窝点',
      notes: '两家公司同一仓库',
      owner: owner.username,
      mine: true,
      shared: false,
      version: 1,
      nodeCount: 3,
      state: CANVAS,
    });
    expect(made.regions).toContain('360100');
    expect(made.regions).toContain('360102');

    const list = InvestigationListSchema.parse((await as(owner).agent.get('/api/investigations').expect(200)).body);
    expect(list.items[0]).toEqual({
      id: made.id,
      title: '赣酒窝点',
      owner: owner.username,
      shared: false,
      mine: true,
      nodeCount: 3,
      updatedAt: made.updatedAt,
    });

    const opened = InvestigationSchema.parse((await read(owner, made.id).expect(200)).body);
    expect(opened).toEqual(made);

    const moved = { ...CANVAS, nodes: CANVAS.nodes.slice(0, 2), edges: [] };
    const changed = InvestigationSchema.parse(
      (await update(owner, made.id, { version: 1, title: '赣酒窝点（续）', state: moved }).expect(200)).body,
    );
    expect(changed).toMatchObject({ version: 2, title: '赣酒窝点（续）', notes: '两家公司同一仓库', nodeCount: 2 });
    expect(changed.state).toEqual(moved);
    expect(changed.createdAt).toBe(made.createdAt);
    expect(Date.parse(changed.updatedAt)).toBeGreaterThanOrEqual(Date.parse(made.updatedAt));
    expect(InvestigationSchema.parse((await read(owner, made.id).expect(200)).body)).toEqual(changed);

    const gone = await remove(owner, made.id).expect(200);
    expect(DeletedInvestigationSchema.parse(gone.body)).toEqual({ id: made.id, deleted: true });
    await read(owner, made.id).expect(404);
    await remove(owner, made.id).expect(404);
    expect(await listIds(owner)).not.toContain(made.id);
  });

  it('refuses an update from a stale version with 409 stale-version, changing nothing', async () => {
    const made = await create(owner, { title: '版本', state: CANVAS });
    await update(owner, made.id, { version: 1, notes: '第一次' }).expect(200);
    const stale = await update(owner, made.id, { version: 1, notes: '过期的修改' }).expect(409);
    expect(stale.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(stale.body).toMatchObject({ type: `${PROBLEMS}stale-version`, status: 409, version: 2 });
    const now = InvestigationSchema.parse((await read(owner, made.id).expect(200)).body);
    expect(now).toMatchObject({ version: 2, notes: '第一次' });
    await update(owner, made.id, { version: 3, notes: '未来' }).expect(409);
  });

  it('lets exactly one of several updates from the same version win', async () => {
    // Without the write lock taken before the version is read, most rounds let two of them through.
    for (let round = 0; round < 3; round++) {
      const made = await create(owner, { title: '并发', state: CANVAS });
      const notes = ['a', 'b', 'c', 'd'];
      const answers = await Promise.all(notes.map((n) => update(owner, made.id, { version: 1, notes: n })));
      expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409, 409]);
      const winner = answers.find((a) => a.status === 200)?.body as { notes: string };
      expect(InvestigationSchema.parse((await read(owner, made.id).expect(200)).body)).toMatchObject({
        version: 2,
        notes: winner.notes,
      });
    }
  });

  it('shares within scope: a covering colleague sees it, a narrower one gets the 404 of a missing id', async () => {
    const shared = await create(owner, { title: '共享', state: CANVAS, shared: true });
    const priv = await create(owner, { title: '私有', state: CANVAS });

    for (const viewer of [colleague, wider]) {
      const seen = InvestigationSchema.parse((await read(viewer, shared.id).expect(200)).body);
      expect(seen).toMatchObject({ id: shared.id, owner: owner.username, mine: false, state: CANVAS });
      const ids = await listIds(viewer);
      expect(ids).toContain(shared.id);
      expect(ids).not.toContain(priv.id);
      await read(viewer, priv.id).expect(404);
    }

    const missing = randomUUID();
    const none = await read(narrower, missing).expect(404);
    for (const viewer of [narrower, narrowAdmin]) {
      const refused = await read(viewer, shared.id).expect(404);
      expect(refused.body.type).toBe(`${PROBLEMS}not-found`);
      expect(refused.body.detail.replace(shared.id, 'ID')).toBe(none.body.detail.replace(missing, 'ID'));
      expect(await listIds(viewer)).not.toContain(shared.id);
    }

    // Un-sharing takes it away again.
    await update(owner, shared.id, { version: 1, shared: false }).expect(200);
    await read(colleague, shared.id).expect(404);
    expect(await listIds(colleague)).not.toContain(shared.id);
  });

  it("keeps the scope a canvas was saved under when its owner's scope narrows and the owner saves it again", async () => {
    const mover = await makeUser(api.db, 'analyst', ['360100'], 'inv');
    agents.set(mover, await signIn(api.app, mover));
    const made = await create(mover, { title: '调岗前', state: CANVAS, shared: true });
    await updateUser(api.db, mover.username, { regions: ['360102'] }, 'test');
    // A new sign-in carries the narrowed scope (open sessions take it at their next lookup).
    agents.set(mover, await signIn(api.app, mover));
    const saved = await update(mover, made.id, { version: 1, title: '调岗后' }).expect(200);
    expect(saved.body.version).toBe(2);
    // The canvas still holds what 南昌市 let its owner see: a 东湖区-only colleague may not open it.
    await read(narrower, made.id).expect(404);
    await read(colleague, made.id).expect(200);
  });

  it('never lets anyone but the owner change or delete one, even when it is shared', async () => {
    const made = await create(owner, { title: '只读共享', state: CANVAS, shared: true });
    for (const other of [colleague, wider]) {
      const changed = await update(other, made.id, { version: 1, title: '篡改' }).expect(404);
      expect(changed.body.type).toBe(`${PROBLEMS}not-found`);
      await remove(other, made.id).expect(404);
    }
    expect(InvestigationSchema.parse((await read(owner, made.id).expect(200)).body)).toMatchObject({
      version: 1,
      title: '只读共享',
    });
  });

  it('refuses leaders and partners on every route', async () => {
    const made = await create(owner, { title: '角色', state: CANVAS, shared: true });
    for (const who of [leader, partner]) {
      const { agent, csrf } = as(who);
      const calls = [
        agent.get('/api/investigations'),
        agent.post('/api/investigations').set('X-CSRF-Token', csrf).send({ title: 'x', state: CANVAS }),
        agent.get(`/api/investigations/${made.id}`),
        agent.post(`/api/investigations/${made.id}`).set('X-CSRF-Token', csrf).send({ version: 1, title: 'x' }),
        agent.delete(`/api/investigations/${made.id}`).set('X-CSRF-Token', csrf),
      ];
      for (const res of await Promise.all(calls)) {
        expect(res.status).toBe(403);
        expect(res.body.type).toBe(`${PROBLEMS}forbidden`);
      }
    }
  });

  it('pages newest first with a cursor, and refuses a bad cursor or limit', async () => {
    // 进贤县: a scope no other test shares investigations in.
    const pager = await makeUser(api.db, 'analyst', ['360124'], 'inv');
    agents.set(pager, await signIn(api.app, pager));
    const made: string[] = [];
    for (const title of ['一', '二', '三']) made.push((await create(pager, { title, state: CANVAS })).id);
    const first = InvestigationListSchema.parse(
      (await as(pager).agent.get('/api/investigations').query({ limit: 2 }).expect(200)).body,
    );
    expect(first.items.map((i) => i.title)).toEqual(['三', '二']);
    expect(first.nextCursor).not.toBeNull();
    const second = InvestigationListSchema.parse(
      (await as(pager).agent.get('/api/investigations').query({ limit: 2, cursor: first.nextCursor }).expect(200)).body,
    );
    expect(second).toEqual({ items: [expect.objectContaining({ id: made[0], title: '一' })], nextCursor: null });

    for (const query of [
      { cursor: 'not-a-cursor' },
      { cursor: Buffer.from('{"u":1}').toString('base64url') },
      { limit: 101 },
    ]) {
      const res = await as(pager).agent.get('/api/investigations').query(query).expect(400);
      expect(res.body.type).toBe(`${PROBLEMS}validation`);
    }
  });

  it('refuses oversized and hostile bodies with 400 (413 past the body limit), storing nothing', async () => {
    const before = await listIds(owner);
    const node = (i: number) => ({ key: String(i), label: 'C', name: '', x: 0, y: 0 });
    // Sent as text: the test client's own serializer would not survive 10,000 levels either.
    const deep = JSON.stringify({ title: 't', state: { ...CANVAS, filters: { deep: 'DEEP' } } }).replace(
      '"DEEP"',
      `${'['.repeat(10_000)}1${']'.repeat(10_000)}`,
    );
    const bad: (Record<string, unknown> | string)[] = [
      {},
      { title: '', state: CANVAS },
      { title: 'x'.repeat(101), state: CANVAS },
      { title: 't', notes: 'x'.repeat(20_001), state: CANVAS },
      { title: 't', state: CANVAS, owner: 'someone-else' },
      { title: 't', state: CANVAS, shared: 'yes' },
      { title: 't', state: JSON.stringify(CANVAS) },
      { title: 't', state: { $gt: '' } },
      { title: 't', state: { ...CANVAS, nodes: Array.from({ length: 20_001 }, (_, i) => node(i)) } },
      { title: 't', state: { ...CANVAS, nodes: [{ ...CANVAS.nodes[0], key: 'k'.repeat(301) }], edges: [] } },
      { title: 't', state: { ...CANVAS, nodes: [{ ...CANVAS.nodes[0], x: '0' }], edges: [] } },
      { title: 't', state: { ...CANVAS, nodes: [{ ...CANVAS.nodes[0], script: '<script>' }], edges: [] } },
      { title: 't', state: { ...CANVAS, nodes: [CANVAS.nodes[0], CANVAS.nodes[0]], edges: [] } },
      {
        title: 't',
        state: { ...CANVAS, edges: [{ source: 'uscc:91360102MA35TEST01', target: 'nowhere', type: 'X' }] },
      },
      {
        title: 't',
        state: { ...CANVAS, filters: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`f${i}`, i])) },
      },
      deep,
      { title: 't', state: { ...CANVAS, view: { x: 0, y: 0, ratio: 'far' } } },
    ];
    const { agent, csrf } = as(owner);
    for (const body of bad) {
      const res = await agent
        .post('/api/investigations')
        .set('X-CSRF-Token', csrf)
        .set('Content-Type', 'application/json')
        .send(typeof body === 'string' ? body : JSON.stringify(body));
      const what = (typeof body === 'string' ? body : JSON.stringify(body)).slice(0, 80);
      expect({ what, status: res.status }).toEqual({ what, status: 400 });
      expect(res.body.type).toBe(`${PROBLEMS}validation`);
    }

    const made = await create(owner, { title: '更新校验', state: CANVAS });
    for (const body of [{ version: 1 }, { title: 'x' }, { version: 0, title: 'x' }, { version: 1, state: [] }])
      await update(owner, made.id, body).expect(400);
    await as(owner).agent.get('/api/investigations/not-an-id').expect(400);

    // Past the body limit the server stops reading: 413, whatever the route would say.
    const huge = { title: 't', state: { ...CANVAS, filters: { blob: 'x'.repeat(STATE_MAX_BYTES + 512 * 1024) } } };
    const tooLarge = await agent.post('/api/investigations').set('X-CSRF-Token', csrf).send(huge);
    expect(tooLarge.status).toBe(413);
    // A state past 4 MB is refused by its schema even when the body fits.
    const big = InvestigationStateSchema.safeParse({ ...CANVAS, filters: { blob: 'x'.repeat(STATE_MAX_BYTES) } });
    expect(big.success).toBe(false);

    expect((await listIds(owner)).filter((id) => !before.includes(id))).toEqual([made.id]);
  });

  it('audits reads, including refused ones', async () => {
    const made = await create(owner, { title: '审计', state: CANVAS, shared: true });
    await read(colleague, made.id).expect(200);
    await read(narrower, made.id).expect(404);
    await api.audit.flush();
    const log = async (actor: Account) =>
      (
        await as(wider)
          .agent.get('/api/audit')
          .query({ actor: actor.username, action: 'investigation.read' })
          .expect(200)
      ).body.items as { target: string; outcome: string; role: string }[];
    expect(await log(colleague)).toContainEqual(
      expect.objectContaining({ target: made.id, outcome: 'ok', role: 'investigator' }),
    );
    expect(await log(narrower)).toContainEqual(expect.objectContaining({ target: made.id, outcome: 'not-found' }));
  });
});
