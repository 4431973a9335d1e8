import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { Db } from '../../server/db/db.ts';
import { createApp } from '../../server/http/app.ts';
import { HealthSchema, ReadySchema } from '../../server/http/routes/health.ts';
import { createLogger } from '../../server/log.ts';
import { TEST_SECRETS, testConfig, testDb } from '../support/db.ts';

const config = testConfig();
const logger = createLogger({ LOG_LEVEL: 'silent' });
const db = testDb(config);
const app = createApp({ config, db, logger, secrets: TEST_SECRETS, webDir: null });
afterAll(() => db.close());

const ProblemShape = {
  type: expect.stringMatching(/^https:\/\/quanlian\.dev\/problems\//),
  title: expect.any(String),
  status: expect.any(Number),
};

describe('health endpoints', () => {
  it('/healthz answers ok with a request id', async () => {
    const res = await request(app).get('/healthz').expect(200);
    expect(HealthSchema.parse(res.body)).toEqual({ status: 'ok' });
    expect(res.headers['x-request-id']).toMatch(/^[\w-]+$/);
  });

  it('/readyz is 200 when Neo4j answers and migrations are current', async () => {
    const res = await request(app).get('/readyz').expect(200);
    const body = ReadySchema.parse(res.body);
    expect(body.migrations.applied).toBeGreaterThanOrEqual(4);
  });

  it('/readyz is 503 problem+json when NEO4J_URI points at a closed port', async () => {
    const closedConfig = testConfig({ NEO4J_URI: 'bolt://127.0.0.1:1' });
    const closed = new Db({
      uri: 'bolt://127.0.0.1:1',
      user: 'neo4j',
      password: 'x',
      database: 'neo4j',
      txTimeoutMs: 1000,
    });
    try {
      const res = await request(createApp({ config: closedConfig, db: closed, logger, secrets: TEST_SECRETS }))
        .get('/readyz')
        .expect(503);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ ...ProblemShape, status: 503, type: 'https://quanlian.dev/problems/not-ready' });
      expect(res.body.detail).toBe('the database is unavailable; try again shortly');
      // An unauthenticated probe learns nothing of where the database is or how it is reached.
      expect(JSON.stringify(res.body)).not.toMatch(/127\.0\.0\.1|bolt:|:1\b|neo4j/);
      expect(res.body.requestId).toBe(res.headers['x-request-id']);
    } finally {
      await closed.close();
    }
  });

  it('unknown routes are 404 problem+json; security headers are set', async () => {
    const res = await request(app).get('/nope').expect(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ ...ProblemShape, status: 404, instance: '/nope' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('malformed and oversized JSON bodies are 400/413 problem+json', async () => {
    // Bodies are read by the route layer (server/http/route.ts), at the route's own limit.
    const bad = await request(app)
      .post('/api/auth/login')
      .set('content-type', 'application/json')
      .send('{"a":')
      .expect(400);
    expect(bad.body).toMatchObject({ ...ProblemShape, status: 400 });
    const big = await request(app)
      .post('/api/auth/login')
      .set('content-type', 'application/json')
      .send(JSON.stringify({ a: 'x'.repeat(2 * 1024 * 1024) }))
      .expect(413);
    expect(big.body).toMatchObject({ ...ProblemShape, status: 413 });
  });

  it('serves the built web app for page paths, never for the API', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quanlian-web-'));
    fs.mkdirSync(path.join(dir, 'assets'));
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><div id="root"></div>');
    fs.writeFileSync(path.join(dir, 'assets', 'app-1a2b.js'), 'console.log(1)');
    try {
      const web = createApp({ config, db, logger, secrets: TEST_SECRETS, webDir: dir });
      const page = await request(web).get('/workbench').expect(200);
      expect(page.text).toContain('id="root"');
      expect(page.headers['cache-control']).toBe('no-cache');
      const asset = await request(web).get('/assets/app-1a2b.js').expect(200);
      expect(asset.headers['cache-control']).toMatch(/immutable/);
      await request(web).get('/assets/missing.js').expect(404);
      const api = await request(web).get('/api/nope').expect(404);
      expect(api.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(api.headers['content-security-policy']).toMatch(/worker-src 'self' blob:/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
