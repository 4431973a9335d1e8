/**
 * How a request finds its route (Express's router under route.ts mountRoutes): paths match without
 * regard to case and with a trailing slash, parameters are URI-decoded (a malformed escape is a 400
 * problem, not a 500), HEAD is served by GET, OPTIONS lists the methods a path allows, and a path no
 * route has is the 404 problem. A change to how routes are mounted must keep all of it.
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser, signIn, testApi, type Account } from '../support/api.ts';
import { writeScopeFixture, type ScopeFixture } from '../support/scope-fixture.ts';

const api = testApi();
let fx: ScopeFixture;
let analyst: Account;
beforeAll(async () => {
  fx = await writeScopeFixture(api.db);
  analyst = await makeUser(api.db, 'analyst', ['360100']);
});
afterAll(async () => {
  await fx.cleanup();
  await api.close();
});

describe('route lookup', () => {
  it('matches paths without regard to case or a trailing slash, and decodes their parameters', async () => {
    const { agent } = await signIn(api.app, analyst);
    const key = fx.inScope.company;
    const plain = await agent.get(`/api/entities/${encodeURIComponent(key)}`).expect(200);
    expect(plain.body.key).toBe(key);
    const slash = await agent.get(`/api/entities/${encodeURIComponent(key)}/`).expect(200);
    expect(slash.body.key).toBe(key);
    const upper = await agent.get(`/API/Entities/${encodeURIComponent(key)}`).expect(200);
    expect(upper.body.key).toBe(key);
    const malformed = await agent.get('/api/entities/uscc%E0%A4%A').expect(400);
    expect(malformed.headers['content-type']).toMatch(/^application\/problem\+json/);
    const missing = await agent.get('/api/no-such-route').expect(404);
    expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
    // A route of another method is not this one: POST to a GET path is no route.
    await agent.post('/api/search').set('X-CSRF-Token', 'x').send({}).expect(404);
  });

  it('serves HEAD from GET and answers OPTIONS with the methods a path allows', async () => {
    const { agent } = await signIn(api.app, analyst);
    const head = await agent.head('/api/auth/me').expect(200);
    expect(head.text ?? '').toBe('');
    const options = await request(api.app).options('/api/investigations').expect(200);
    expect(options.headers.allow).toBe('GET, HEAD, POST');
    expect(options.text).toBe('GET, HEAD, POST');
    expect(options.headers['content-security-policy']).toBeDefined();
    await request(api.app).options('/api/no-such-route').expect(404);
  });
});
