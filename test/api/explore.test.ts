import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser, signIn, testApi, type Account } from '../support/api.ts';
import { writeScopeFixture, type ScopeFixture } from '../support/scope-fixture.ts';

const api = testApi();
let fx: ScopeFixture;
let analyst: Account;
let province: Account;
beforeAll(async () => {
  fx = await writeScopeFixture(api.db);
  analyst = await makeUser(api.db, 'analyst', ['360100']);
  province = await makeUser(api.db, 'analyst', ['360000']);
});
afterAll(async () => {
  await fx.cleanup();
  await api.close();
});

describe('explore over HTTP', () => {
  it('searches in Chinese and by identifier, then reads and expands what it found', async () => {
    const { agent } = await signIn(api.app, analyst);
    const text = await agent
      .get('/api/search')
      .query({ q: `赣酒${fx.tag}` })
      .expect(200);
    expect(text.body.items.map((i: { key: string }) => i.key)).toContain(fx.inScope.company);
    const phone = await agent.get('/api/search').query({ q: fx.inScope.phoneDigits }).expect(200);
    expect(phone.body.items[0]).toMatchObject({ key: fx.inScope.phone, matchedBy: 'identifier' });
    expect(JSON.stringify(phone.body)).not.toContain(fx.inScope.phoneDigits);
    // What a case is about (goods, brand) is searchable too, not only its title.
    const goods = await agent.get('/api/search').query({ q: '飞天茅台', labels: 'Case', limit: 100 }).expect(200);
    expect(goods.body.items.map((i: { key: string }) => i.key)).toContain(fx.inScope.case);
    const out = await agent
      .get('/api/search')
      .query({ q: `饶酒${fx.tag}` })
      .expect(200);
    expect(out.body.items).toEqual([]);
    const detail = await agent.get(`/api/entities/${encodeURIComponent(fx.inScope.company)}`).expect(200);
    expect(detail.body).toMatchObject({ key: fx.inScope.company, label: 'Company' });
    const around = await agent.get(`/api/entities/${encodeURIComponent(fx.inScope.company)}/neighbours`).expect(200);
    const types = around.body.groups.map((g: { type: string }) => g.type);
    expect(types).toEqual(expect.arrayContaining(['LEGAL_REP_OF', 'USES_PHONE', 'INVOLVES']));
    // The audit log keeps what was searched, with long digit runs masked.
    await api.audit.flush();
    const [event] = await api.db.adhocRead(
      "MATCH (a:AuditEvent {actor: $u, action: 'search'}) WHERE a.detail CONTAINS '*' RETURN a.detail AS detail",
      { u: analyst.username },
    );
    expect(String(event?.detail)).not.toContain(fx.inScope.phoneDigits);
  });

  it('stars a phone number typed into free text, and shows registry and parcel numbers as they are', async () => {
    const { agent } = await signIn(api.app, analyst);
    const typed = fx.clear.phones[2] as string;
    const starred = `${typed.slice(0, 3)}******${typed.slice(-2)}`;
    const firm = await agent.get(`/api/entities/${encodeURIComponent(fx.inScope.company)}`).expect(200);
    expect(firm.body.properties.scope).toBe(`预包装食品销售；酒类零售（联系人${starred}）`);
    expect(firm.body.properties.uscc).toBe(fx.inScope.uscc);
    const parcel = await agent.get(`/api/entities/${encodeURIComponent(fx.inScope.shipment)}`).expect(200);
    expect(parcel.body.properties.itemDesc).toBe(`日用品 收件联系${starred}`);
    expect(parcel.body.properties.waybillNo).toBe(fx.inScope.waybill);
    const trace = await agent.get(`/api/trace/${encodeURIComponent(fx.inScope.company)}`).expect(200);
    expect(JSON.stringify(trace.body)).not.toContain(typed);
  });

  it('records a canvas export in the audit log: format, counts, the first keys and a digest of all', async () => {
    const { agent, csrf } = await signIn(api.app, analyst);
    const nodes = [fx.inScope.company, fx.inScope.person, fx.inScope.phone];
    const res = await agent
      .post('/api/exports')
      .set('X-CSRF-Token', csrf)
      .send({ format: 'graphml', nodes, edges: 2 })
      .expect(200);
    expect(res.body).toMatchObject({
      format: 'graphml',
      nodes: 3,
      edges: 2,
      digest: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    await api.audit.flush();
    const [event] = await api.db.adhocRead(
      "MATCH (a:AuditEvent {actor: $u, action: 'export'}) RETURN a.target AS target, a.detail AS detail",
      { u: analyst.username },
    );
    expect(event?.target).toBe('graphml');
    expect(JSON.parse(String(event?.detail))).toEqual({
      format: 'graphml',
      nodes: 3,
      edges: 2,
      keys: nodes,
      digest: res.body.digest,
    });
    for (const body of [
      { format: 'pdf', nodes, edges: 0 },
      { format: 'csv', nodes: 'all', edges: 0 },
      { format: 'csv' },
    ])
      await agent.post('/api/exports').set('X-CSRF-Token', csrf).send(body).expect(400);
  });

  it('finds the shortest typed path between two entities, and none through what is out of scope', async () => {
    const { agent } = await signIn(api.app, analyst);
    const res = await agent.get('/api/path').query({ from: fx.inScope.company, to: fx.inScope.phone }).expect(200);
    expect(res.body.paths[0]).toMatchObject({ length: 1, relationships: [{ type: 'USES_PHONE' }] });
    const typed = await agent
      .get('/api/path')
      .query({ from: fx.inScope.person, to: fx.inScope.case, types: 'LEGAL_REP_OF,INVOLVES' })
      .expect(200);
    expect(typed.body.paths[0].relationships.map((r: { type: string }) => r.type)).toEqual([
      'LEGAL_REP_OF',
      'INVOLVES',
    ]);
    const none = await agent
      .get('/api/path')
      .query({ from: fx.inScope.person, to: fx.inScope.case, types: 'USES_PHONE' })
      .expect(200);
    expect(none.body.paths).toEqual([]);
    await agent.get('/api/path').query({ from: fx.inScope.company, to: fx.outOfScope.company }).expect(404);
    const { agent: wide } = await signIn(api.app, province);
    await wide.get('/api/path').query({ from: fx.inScope.company, to: fx.outOfScope.company }).expect(200);
  });

  it('publishes OpenAPI 3.1 for every route, generated from the route schemas', async () => {
    const res = await signIn(api.app, analyst).then(({ agent }) => agent.get('/api/openapi.json').expect(200));
    expect(res.body.openapi).toBe('3.1.0');
    const ops = Object.values(res.body.paths as Record<string, Record<string, { responses: object }>>).flatMap((p) =>
      Object.values(p),
    );
    expect(ops.length).toBeGreaterThanOrEqual(20);
    expect(res.body.paths['/api/entities/{key}'].get.parameters[0]).toMatchObject({
      name: 'key',
      in: 'path',
      required: true,
    });
    expect(res.body.paths['/api/search'].get.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['q', 'limit', 'cursor']),
    );
  });
});
