/**
 * The authorisation matrix, generated from the route table: every route × every role, signed out,
 * in scope and out of scope. EXPECTED is written here independently of the routes' own `allow`, so
 * a route added without an entry fails, and a route whose declared policy drifts from it fails.
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../server/auth/roles.ts';
import { expandScope } from '../../server/auth/scope.ts';
import { Sessions } from '../../server/auth/sessions.ts';
import { JobBoard } from '../../server/jobs/board.ts';
import { apiRoutes } from '../../server/http/routes/index.ts';
import { DEFAULT_BODY_LIMIT, type AnyRoute } from '../../server/http/route.ts';
import { createInvestigation } from '../../server/investigations/service.ts';
import { tag, testConfig } from '../support/db.ts';
import { makeUser, PASSWORD, signIn, testApi } from '../support/api.ts';
import { writeScopeFixture, type ScopeFixture } from '../support/scope-fixture.ts';

type Call = {
  params?: Record<string, string>;
  query?: Record<string, string | number>;
  body?: Record<string, unknown>;
};
/** `ok`: statuses that count as served when the default (the route's status) is not the only one. */
type Sample = { inScope: () => Call; outOfScope?: () => Call; ok?: number[] };

const EXPLORE: Role[] = ['admin', 'analyst', 'investigator'];
const EXPECTED: Record<string, 'public' | 'signed-in' | Role[]> = {
  'POST /api/auth/login': 'public',
  'POST /api/auth/logout': 'signed-in',
  'GET /api/auth/me': 'signed-in',
  'GET /api/users': ['admin'],
  'POST /api/users': ['admin'],
  'POST /api/users/:username': ['admin'],
  'GET /api/audit': ['admin'],
  'GET /api/audit/verify': ['admin'],
  'GET /api/runs': [...EXPLORE, 'leader'],
  'GET /api/runs/:id': [...EXPLORE, 'leader'],
  'GET /api/runs/:id/communities': EXPLORE,
  'GET /api/communities/:id': EXPLORE,
  'POST /api/runs': ['admin', 'analyst'],
  'GET /api/jobs/:id': ['admin', 'analyst'],
  'POST /api/jobs/:id/cancel': ['admin', 'analyst'],
  'POST /api/entities/:key/unmask': ['admin', 'investigator'],
  'GET /api/trace/:key': EXPLORE,
  'GET /api/search': EXPLORE,
  'GET /api/entities/:key': EXPLORE,
  'GET /api/entities/:key/neighbours': EXPLORE,
  'GET /api/path': EXPLORE,
  'POST /api/exports': EXPLORE,
  'GET /api/hotspots': [...EXPLORE, 'leader'],
  'POST /api/ingest': ['admin', 'analyst'],
  'GET /api/ingest/jobs': ['admin', 'analyst'],
  'GET /api/ingest/jobs/:id': ['admin', 'analyst'],
  'GET /api/batches/:id/rejects': ['admin', 'analyst'],
  'GET /api/batches/:id/rows': EXPLORE,
  'GET /api/investigations': EXPLORE,
  'POST /api/investigations': EXPLORE,
  'GET /api/investigations/:id': EXPLORE,
  'POST /api/investigations/:id': EXPLORE,
  'DELETE /api/investigations/:id': EXPLORE,
  'POST /api/packets': EXPLORE,
  'GET /api/communities/:id/brief': EXPLORE,
  'POST /api/packets/verify': EXPLORE,
  'GET /api/packets': [...EXPLORE, 'partner'],
  'GET /api/packets/:id': [...EXPLORE, 'partner'],
  'POST /api/packets/import': ['admin', 'analyst'],
};

/**
 * Routes that act on every region's data at once: of their allowed roles, only admins and accounts
 * covering the province may call them. The matrix's accounts are 东湖区's, so they are refused these.
 */
const PROVINCE_WIDE = ['POST /api/runs', 'POST /api/jobs/:id/cancel'];

let fx: ScopeFixture;
/** Shared investigations saved by owners scoped to 东湖区 (in scope) and to 上饶市 (out of scope). */
let inv: { inScope: string; outOfScope: string; owners: string[] };
const CANVAS = { nodes: [{ key: 'k1', label: 'Company', name: '某商贸公司', x: 0, y: 0 }], edges: [], filters: {} };
let n = 0;
const SAMPLES: Record<string, Sample> = {
  'POST /api/auth/login': { inScope: () => ({ body: { username: 'nobody-at-all', password: 'x'.repeat(12) } }) },
  'POST /api/auth/logout': { inScope: () => ({}) },
  'GET /api/auth/me': { inScope: () => ({}) },
  'GET /api/users': { inScope: () => ({}) },
  'POST /api/users': {
    inScope: () => ({
      body: { username: `mx${Date.now().toString(36)}${n++}`, role: 'leader', regions: ['360102'], password: PASSWORD },
    }),
  },
  'POST /api/users/:username': {
    inScope: () => ({
      params: { username: accounts.get('leader')?.username ?? '' },
      body: { displayName: '矩阵 领导' },
    }),
  },
  'GET /api/audit': { inScope: () => ({ query: { limit: 5 } }) },
  'GET /api/audit/verify': { inScope: () => ({}) },
  'GET /api/runs': { inScope: () => ({ query: { limit: 5 } }) },
  'GET /api/runs/:id': { inScope: () => ({ params: { id: fx.run.id } }) },
  'GET /api/runs/:id/communities': { inScope: () => ({ params: { id: fx.run.id } }) },
  'GET /api/communities/:id': {
    inScope: () => ({ params: { id: fx.run.inCommunity } }),
    outOfScope: () => ({ params: { id: fx.run.outCommunity } }),
  },
  // This app starts no workers (test/api/detect.test.ts does): served means 503 jobs-unavailable.
  'POST /api/runs': { inScope: () => ({ body: { minSize: 2 } }), ok: [503] },
  // No such job in this process: served (404 problem), not refused.
  'GET /api/jobs/:id': { inScope: () => ({ params: { id: 'job-none' } }), ok: [404] },
  'POST /api/jobs/:id/cancel': { inScope: () => ({ params: { id: 'job-none' } }), ok: [404] },
  'GET /api/search': { inScope: () => ({ query: { q: '茅台' } }) },
  'GET /api/entities/:key': {
    inScope: () => ({ params: { key: fx.inScope.company } }),
    outOfScope: () => ({ params: { key: fx.outOfScope.company } }),
  },
  'GET /api/entities/:key/neighbours': {
    inScope: () => ({ params: { key: fx.inScope.person } }),
    outOfScope: () => ({ params: { key: fx.outOfScope.person } }),
  },
  // JSON is not an upload: served means 415 (test/api/ingest.test.ts uploads for real).
  'POST /api/ingest': { inScope: () => ({ body: { file: 'x' } }), ok: [415] },
  'GET /api/ingest/jobs': { inScope: () => ({ query: { limit: 5 } }) },
  'GET /api/ingest/jobs/:id': { inScope: () => ({ params: { id: 'upload-none' } }), ok: [404] },
  // The fixture's batches were loaded with another data directory: no rejects file here.
  'GET /api/batches/:id/rejects': { inScope: () => ({ params: { id: fx.batches[0] as string } }), ok: [404] },
  // As the rejects: the source file is archived in the fixture's data directory (test/api/ingest.test.ts reads rows).
  'GET /api/batches/:id/rows': {
    inScope: () => ({ params: { id: fx.batches[0] as string }, query: { lines: '2' } }),
    ok: [404],
  },
  'GET /api/hotspots': { inScope: () => ({ query: { from: '2024-01', to: '2024-06' } }) },
  'POST /api/exports': { inScope: () => ({ body: { format: 'csv', nodes: [fx.inScope.company], edges: 0 } }) },
  'GET /api/path': {
    inScope: () => ({ query: { from: fx.inScope.company, to: fx.inScope.case } }),
    outOfScope: () => ({ query: { from: fx.inScope.company, to: fx.outOfScope.company } }),
  },
  'GET /api/trace/:key': {
    inScope: () => ({ params: { key: fx.inScope.waybill }, query: { depth: 3 } }),
    outOfScope: () => ({ params: { key: fx.outOfScope.company } }),
  },
  'POST /api/entities/:key/unmask': {
    inScope: () => ({ params: { key: fx.inScope.person }, body: { reason: '洪东市监立〔2024〕1号 核实身份' } }),
    outOfScope: () => ({ params: { key: fx.outOfScope.person }, body: { reason: '洪东市监立〔2024〕1号 核实身份' } }),
  },
  'GET /api/investigations': { inScope: () => ({ query: { limit: 5 } }) },
  'POST /api/investigations': { inScope: () => ({ body: { title: '矩阵测试', state: CANVAS } }) },
  'GET /api/investigations/:id': {
    inScope: () => ({ params: { id: inv.inScope } }),
    outOfScope: () => ({ params: { id: inv.outOfScope } }),
  },
  // Only the owner changes or deletes an investigation; for anyone else it does not exist (404).
  'POST /api/investigations/:id': {
    inScope: () => ({ params: { id: inv.inScope }, body: { version: 1, title: '改名' } }),
    ok: [404],
  },
  'DELETE /api/investigations/:id': { inScope: () => ({ params: { id: inv.inScope } }), ok: [404] },
  'POST /api/packets': {
    inScope: () => ({ body: { community: fx.run.inCommunity, to: '361100', purpose: '矩阵测试 联席会议' } }),
    outOfScope: () => ({ body: { community: fx.run.outCommunity, to: '361100', purpose: '矩阵测试 联席会议' } }),
  },
  'GET /api/communities/:id/brief': {
    inScope: () => ({ params: { id: fx.run.inCommunity } }),
    outOfScope: () => ({ params: { id: fx.run.outCommunity } }),
  },
  'GET /api/packets': { inScope: () => ({ query: { limit: 5 } }) },
  // No packet with this id for anyone: served means the 404 of a missing packet.
  'GET /api/packets/:id': { inScope: () => ({ params: { id: '00000000-0000-4000-8000-000000000000' } }), ok: [404] },
  // Not a packet: served means 422 packet-rejected (test/api/packets.test.ts sends real ones).
  'POST /api/packets/verify': { inScope: () => ({ body: { format: 'x' } }), ok: [422] },
  'POST /api/packets/import': { inScope: () => ({ body: { format: 'x' } }), ok: [422] },
};

const api = testApi();
const routes: AnyRoute[] = apiRoutes(new Sessions(api.db), testConfig(), null, new JobBoard(api.db));
const id = (r: AnyRoute) => `${r.method.toUpperCase()} ${r.path}`;
const accounts = new Map<Role, Awaited<ReturnType<typeof makeUser>>>();

beforeAll(async () => {
  fx = await writeScopeFixture(api.db);
  for (const role of ROLES) accounts.set(role, await makeUser(api.db, role, ['360102'], 'mx'));
  const saved = async (username: string, region: string) => {
    const body = { title: '矩阵', notes: '', state: CANVAS, shared: true };
    return (await createInvestigation(api.db, { username, scope: expandScope([region]) }, body)).id;
  };
  const owners = [tag('mxin'), tag('mxout')];
  inv = {
    inScope: await saved(owners[0] as string, '360102'),
    outOfScope: await saved(owners[1] as string, '361100'),
    owners,
  };
});
afterAll(async () => {
  await api.db.autoCommit('MATCH (i:Investigation) WHERE i.owner IN $owners DETACH DELETE i', 'matrix: cleanup', {
    owners: [...inv.owners, ...[...accounts.values()].map((a) => a.username)],
  });
  await fx.cleanup();
  await api.close();
});

function send(
  agent: ReturnType<typeof request.agent> | ReturnType<typeof request>,
  route: AnyRoute,
  call: Call,
  csrf?: string,
) {
  const path = route.path.replace(/:(\w+)/g, (_m, name: string) =>
    encodeURIComponent(call.params?.[name] ?? 'missing'),
  );
  let req = route.method === 'get' ? agent.get(path) : route.method === 'post' ? agent.post(path) : agent.delete(path);
  if (call.query) req = req.query(call.query);
  if (csrf) req = req.set('X-CSRF-Token', csrf);
  return route.method === 'get' ? req : req.send(call.body ?? {});
}

const HOSTILE_STRINGS = [
  "' OR 1=1 //",
  '}) MATCH (n) DETACH DELETE n //',
  '{{LABEL}}',
  '=HYPERLINK("http://x")',
  '<script>alert(1)</script>',
  '\u0000\u202e',
  '../../etc/passwd',
  'x'.repeat(5_000),
];
const HOSTILE_VALUES: unknown[] = [...HOSTILE_STRINGS, -1, 1e12, 'NaN', '1e999', true, null, [], { $gt: '' }];

describe('hostile input', () => {
  // As the admin, who reaches every route's handler, and as the leader and the partner, whose
  // answers take paths of their own (aggregates only; packets shared with them). Uploads' multipart
  // bodies: test/api/ingest.test.ts.
  it.each(['admin', 'leader', 'partner'] as const)(
    '%s: every route answers hostile parameters, queries and bodies with 4xx problems, never 5xx',
    async (role) => {
      const { agent, csrf } = await signIn(
        api.app,
        accounts.get(role) as { username: string; role: Role; regions: string[] },
      );
      const mine = routes.filter((r) => {
        const expected = EXPECTED[id(r)];
        // Public and signed-in routes answer every role alike: the admin's pass covers them.
        return role === 'admin' || (Array.isArray(expected) && expected.includes(role));
      });
      const failures: string[] = [];
      const check = (route: AnyRoute, what: string, status: number) => {
        // A 5xx the route is documented to give whatever the input (503 jobs-unavailable here) is no failure.
        if (status >= 500 && !(SAMPLES[id(route)]?.ok ?? []).includes(status))
          failures.push(`${id(route)} ${what}: ${status}`);
      };
      for (const r of mine) {
        if (r.path.endsWith('/logout')) continue;
        const base = (SAMPLES[id(r)] as Sample).inScope();
        for (const value of HOSTILE_STRINGS) {
          for (const name of Object.keys(base.params ?? {})) {
            const res = await send(agent, r, { ...base, params: { ...base.params, [name]: value } }, csrf);
            check(r, `param ${name}=${value.slice(0, 20)}`, res.status);
          }
        }
        for (const value of HOSTILE_VALUES) {
          for (const name of [
            'limit',
            'depth',
            'q',
            'cursor',
            'offset',
            'toleranceDays',
            'limitPerType',
            'types',
            'before',
            'since',
          ]) {
            const res = await send(agent, r, { ...base, query: { ...base.query, [name]: String(value) } }, csrf);
            check(r, `query ${name}=${String(value).slice(0, 20)}`, res.status);
          }
          if (r.method !== 'get') {
            for (const name of Object.keys(base.body ?? { field: 1 })) {
              const res = await send(agent, r, { ...base, body: { ...base.body, [name]: value } }, csrf);
              check(r, `body ${name}=${String(value).slice(0, 20)}`, res.status);
            }
          }
        }
        if (r.method !== 'get') {
          const limit = r.bodyLimit ?? DEFAULT_BODY_LIMIT;
          const big = await send(agent, r, { ...base, body: { blob: 'x'.repeat(limit + 1) } }, csrf);
          expect({ route: id(r), status: big.status }).toEqual({ route: id(r), status: 413 });
          const notJson = await agent
            .post(r.path.replace(/:(\w+)/g, (_m, n: string) => encodeURIComponent(base.params?.[n] ?? 'x')))
            .set('X-CSRF-Token', csrf)
            .set('Content-Type', 'application/json')
            .send('{"unterminated": ');
          check(r, 'malformed JSON', notJson.status);
        }
      }
      expect(failures).toEqual([]);
    },
    300_000,
  );
});

describe('authorisation matrix', () => {
  it('every route has an expected policy and a sample, and declares the expected policy', () => {
    expect(routes.map(id).sort()).toEqual(Object.keys(EXPECTED).sort());
    for (const r of routes) {
      expect(SAMPLES[id(r)], `no sample call for ${id(r)}`).toBeDefined();
      expect({ route: id(r), allow: r.allow }).toEqual({ route: id(r), allow: EXPECTED[id(r)] });
      expect({ route: id(r), provinceWide: r.provinceWide === true }).toEqual({
        route: id(r),
        provinceWide: PROVINCE_WIDE.includes(id(r)),
      });
    }
  });

  it('province-wide routes serve every allowed role whose account covers the province', async () => {
    for (const r of routes.filter((route) => route.provinceWide)) {
      for (const role of EXPECTED[id(r)] as Role[]) {
        const user = await makeUser(api.db, role, ['360000'], 'mxp');
        const { agent, csrf } = await signIn(api.app, user);
        const sample = SAMPLES[id(r)] as Sample;
        const res = await send(agent, r, sample.inScope(), csrf);
        expect({ route: id(r), role, served: (sample.ok ?? [r.status ?? 200]).includes(res.status) }).toEqual({
          route: id(r),
          role,
          served: true,
        });
      }
    }
  });

  it('signed out: every non-public route answers 401 problem+json', async () => {
    for (const r of routes) {
      if (r.allow === 'public') continue;
      const res = await send(request(api.app), r, (SAMPLES[id(r)] as Sample).inScope());
      expect({ route: id(r), status: res.status }).toEqual({ route: id(r), status: 401 });
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    }
  });

  for (const role of ROLES) {
    it(`${role}: allowed routes answer in scope, others 403, out-of-scope objects 404`, async () => {
      const { agent, csrf } = await signIn(
        api.app,
        accounts.get(role) as { username: string; role: Role; regions: string[] },
      );
      // Logout last: it ends the session the other calls use.
      const ordered = [...routes].sort(
        (a, b) => Number(a.path.endsWith('/logout')) - Number(b.path.endsWith('/logout')),
      );
      for (const r of ordered) {
        const expected = EXPECTED[id(r)];
        const allowed =
          expected === 'public' ||
          expected === 'signed-in' ||
          ((expected ?? []).includes(role) && (role === 'admin' || !PROVINCE_WIDE.includes(id(r))));
        const sample = SAMPLES[id(r)] as Sample;
        const res = await send(agent, r, sample.inScope(), csrf);
        // Masking: no response but unmask's may carry a clear ID number or phone number.
        if (id(r) !== 'POST /api/entities/:key/unmask') {
          const text = JSON.stringify(res.body);
          for (const clear of [...fx.clear.ids, ...fx.clear.phones])
            expect(text, `${id(r)} leaks ${clear}`).not.toContain(clear);
        }
        if (r.allow === 'public') continue; // the sample login is meant to fail
        if (!allowed) {
          expect({ route: id(r), role, status: res.status }).toEqual({ route: id(r), role, status: 403 });
          expect(res.body.type).toBe('https://quanlian.dev/problems/forbidden');
          if ((expected as Role[]).includes(role))
            expect(res.body.detail).toMatch(/every region's data: it needs an administrator or an account/);
          continue;
        }
        const ok = sample.ok ?? [r.status ?? 200];
        expect({
          route: id(r),
          role,
          served: ok.includes(res.status),
          body: ok.includes(res.status) ? null : res.body,
        }).toEqual({
          route: id(r),
          role,
          served: true,
          body: null,
        });
        if (sample.outOfScope) {
          const call = sample.outOfScope();
          const out = await send(agent, r, call, csrf);
          expect({ route: id(r), role, status: out.status }).toEqual({ route: id(r), role, status: 404 });
          // Indistinguishable from what does not exist: the same answer for a key that names nothing.
          const hidden = [fx.outOfScope.company, fx.outOfScope.person, fx.run.outCommunity, inv.outOfScope];
          const named = hidden.find((h) => JSON.stringify(call).includes(JSON.stringify(h)));
          if (named) {
            // Same shape, one character changed: a well-formed key that names nothing.
            const none = named.slice(0, -1) + (named.endsWith('0') ? '1' : '0');
            const missing = JSON.parse(JSON.stringify(call).replaceAll(JSON.stringify(named), JSON.stringify(none)));
            const absent = await send(agent, r, missing, csrf);
            const shape = (body: Record<string, unknown>, key: string) => ({
              type: body.type,
              title: body.title,
              status: body.status,
              detail: String(body.detail ?? '').replaceAll(key, 'KEY'),
            });
            expect({ route: id(r), role, answer: shape(out.body, named) }).toEqual({
              route: id(r),
              role,
              answer: shape(absent.body, none),
            });
          }
        }
      }
    });
  }
});
