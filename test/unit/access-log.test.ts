import { Writable } from 'node:stream';
import express from 'express';
import { pino } from 'pino';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { accessLog, loggableUrl } from '../../server/http/access-log.ts';
import { DatabaseUnavailableError, QueryTimeoutError } from '../../server/errors.ts';
import { errorHandler } from '../../server/http/problem.ts';

/** An app with the access log and the error middleware, logging at `level` into `lines`. */
function appAt(level: string) {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  const logger = pino({ level }, sink);
  const app = express();
  app.use(accessLog(logger, { ignore: (path) => path === '/healthz' }));
  app.get('/healthz', (_req, res) => void res.json({ status: 'ok' }));
  app.get('/ok', (req, res) => void res.json({ id: req.id }));
  app.get('/boom', () => {
    throw new Error('kaboom');
  });
  app.get('/db-down', () => {
    throw new DatabaseUnavailableError('quanlian/db: Neo4j is unreachable (connect ECONNREFUSED 10.1.2.3:7687)');
  });
  app.get('/slow', () => {
    throw new QueryTimeoutError('quanlian/db: trace/upstream: ran past its time limit of 15000 ms and was stopped');
  });
  app.use(errorHandler(logger));
  return { app, lines };
}

describe('access log and request ids', () => {
  it('gives each request an id, echoes it, and logs one line per request in pino-http’s shape', async () => {
    const { app, lines } = appAt('info');
    const res = await request(app).get('/ok?q=1').expect(200);
    const id = res.headers['x-request-id'];
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.body).toEqual({ id });
    expect(lines).toEqual([
      expect.objectContaining({
        level: 30,
        msg: 'request completed',
        req: { id, method: 'GET', url: '/ok?q=1' },
        res: { statusCode: 200 },
        responseTime: expect.any(Number),
      }),
    ]);
  });

  it('keeps a well-formed X-Request-Id from the caller and replaces any other', async () => {
    const { app } = appAt('info');
    const kept = await request(app).get('/ok').set('X-Request-Id', 'gateway-42_a').expect(200);
    expect(kept.headers['x-request-id']).toBe('gateway-42_a');
    const replaced = await request(app).get('/ok').set('X-Request-Id', 'bad id; drop').expect(200);
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const long = await request(app).get('/ok').set('X-Request-Id', 'x'.repeat(65)).expect(200);
    expect(long.headers['x-request-id']).not.toBe('x'.repeat(65));
  });

  it('logs a 5xx as errored, with the error under the same request id', async () => {
    const { app, lines } = appAt('info');
    const res = await request(app).get('/boom').expect(500);
    const id = res.headers['x-request-id'];
    expect(res.body.requestId).toBe(id);
    expect(lines).toContainEqual(expect.objectContaining({ level: 50, msg: 'unhandled error', reqId: id }));
    expect(lines).toContainEqual(
      expect.objectContaining({ level: 50, msg: 'request errored', req: expect.objectContaining({ id }) }),
    );
    expect(JSON.stringify(lines)).toContain('kaboom'); // the server log has it; the client's body does not
    expect(JSON.stringify(res.body)).not.toContain('kaboom');
  });

  it('writes no access lines for health probes, nor at all above info', async () => {
    const info = appAt('info');
    await request(info.app).get('/healthz').expect(200);
    expect(info.lines).toEqual([]);
    const warn = appAt('warn');
    await request(warn.app).get('/ok').expect(200);
    expect(warn.lines).toEqual([]);
    await request(warn.app).get('/boom').expect(500);
    expect(warn.lines.map((l) => l.msg)).toEqual(['unhandled error']);
  });

  it('never logs a searched ID number, phone or name: free text and digit runs are left out', async () => {
    const { app, lines } = appAt('info');
    const id = '360102199001011234';
    const phone = '13800138000';
    await request(app).get(`/ok?q=${id}&limit=20`).expect(200);
    await request(app)
      .get(`/ok?q=${encodeURIComponent(`张三 ${phone}`)}&labels=Person,Phone`)
      .expect(200);
    await request(app).get(`/ok/${phone}?depth=4`).expect(404);
    const logged = JSON.stringify(lines);
    for (const secret of [id, phone, '张三', encodeURIComponent('张三')]) expect(logged).not.toContain(secret);
    expect(lines.map((l) => (l.req as { url: string }).url)).toEqual([
      '/ok?q=…&limit=20',
      '/ok?q=…&labels=Person%2CPhone',
      '/ok/138******00?depth=4',
    ]);
  });

  it('keeps plain tokens and hashed keys as they are', () => {
    expect(loggableUrl('/api/entities/pid%3Aab12cd?limitPerType=25')).toBe(
      '/api/entities/pid%3Aab12cd?limitPerType=25',
    );
    expect(loggableUrl('/api/hotspots?from=2024-01&to=2024-06')).toBe('/api/hotspots?from=2024-01&to=2024-06');
    expect(loggableUrl('/api/audit?since=2026-12-06T10:00:00.000Z')).toBe(
      '/api/audit?since=2026-12-06T10%3A00%3A00.000Z',
    );
    expect(loggableUrl('/x?a=%E0%A4%A')).toBe('/x?a=…');
    expect(loggableUrl('/%E0%A4%A/1')).toBe('/%E0%A4%A/1');
  });

  it('stars a number written in Chinese numerals in a path, and drops a query value holding one', () => {
    const written = encodeURIComponent('一三九一二三四五六七八');
    expect(loggableUrl(`/api/trace/${written}?q=${written}`)).toBe(
      `/api/trace/${encodeURIComponent('一三九******七八')}?q=…`,
    );
    expect(loggableUrl(`/api/entities/${encodeURIComponent('八一大道')}`)).toBe(
      `/api/entities/${encodeURIComponent('八一大道')}`,
    );
  });

  it('tells a client a server error’s type and a fixed sentence, and the log the error itself', async () => {
    const { app, lines } = appAt('info');
    const down = await request(app).get('/db-down').expect(503);
    expect(down.body).toMatchObject({
      type: 'https://quanlian.dev/problems/database-unavailable',
      detail: 'the database is unavailable; try again shortly',
    });
    const slow = await request(app).get('/slow').expect(503);
    expect(slow.body.detail).toMatch(/^the query ran past its time limit/);
    expect(JSON.stringify([down.body, slow.body])).not.toMatch(/10\.1\.2\.3|7687|trace\/upstream|quanlian\/db/);
    expect(JSON.stringify(lines)).toContain('10.1.2.3:7687');
  });
});
