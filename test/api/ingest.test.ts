import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser, PASSWORD, signIn, testApi, type Account } from '../support/api.ts';
import { registryCsv, REGISTRY_HEADER, removeBatches, scratchDir } from '../support/ingest.ts';

const dataDir = scratchDir('quanlian-upload-');
const api = testApi({ QUANLIAN_DATA_DIR: dataDir });
// A second API process on the same Neo4j: a client behind a load balancer may reach either.
const second = testApi({ QUANLIAN_DATA_DIR: dataDir });
let analyst: Account;
let elsewhere: Account;
let admin: Account;
const batches: string[] = [];
beforeAll(async () => {
  analyst = await makeUser(api.db, 'analyst', ['360102']);
  elsewhere = await makeUser(api.db, 'analyst', ['361100']);
  admin = await makeUser(api.db, 'admin', ['360000']);
});
afterAll(async () => {
  await removeBatches(api.db, batches);
  await api.close();
  await second.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function waitFor(agent: ReturnType<typeof request.agent>, id: string) {
  for (let i = 0; i < 200; i++) {
    const res = await agent.get(`/api/ingest/jobs/${id}`).expect(200);
    if (res.body.status !== 'running') return res.body;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('upload job did not finish');
}

describe('upload', () => {
  it('loads an uploaded export as a job, reports it (to any API process), and serves its rejected rows to its region only', async () => {
    const { agent, csrf } = await signIn(api.app, analyst);
    const { agent: elsewhereInLine } = await signIn(second.app, analyst);
    const { text, badId, id, phones } = registryCsv();
    const started = await agent
      .post('/api/ingest')
      .set('X-CSRF-Token', csrf)
      .field('dept', '东湖区市场监督管理局')
      .attach('file', Buffer.from(text), '企业登记 2024-03.csv')
      .expect(202);
    expect(started.body).toMatchObject({ status: 'running', files: [{ name: '企业登记 2024-03.csv' }] });
    // Followed through the other process, which did not take the upload.
    const done = await waitFor(elsewhereInLine, started.body.id);
    expect(done.status).toBe('complete');
    expect((await agent.get(`/api/ingest/jobs/${started.body.id}`).expect(200)).body).toEqual(done);
    const report = done.files[0].report;
    expect(report).toMatchObject({
      status: 'loaded',
      regionCode: '360102',
      spec: 'enterprise-registry',
      total: 2,
      accepted: 1,
      rejected: 1,
    });
    batches.push(report.batchId);
    expect(done).toMatchObject({ owner: analyst.username, region: '360102', dept: '东湖区市场监督管理局', spec: null });
    expect(done.files[0].specTitle).toEqual({ zh: '企业登记信息', en: 'Enterprise registry extract' });

    // The uploader's jobs, newest first, from either process; the admin's list has everyone's.
    const mine = await elsewhereInLine.get('/api/ingest/jobs').expect(200);
    expect(mine.body.items[0]).toEqual(done);
    expect(mine.body.items.every((j: { owner: string }) => j.owner === analyst.username)).toBe(true);
    const { agent: adminAgent } = await signIn(api.app, admin);
    const all = await adminAgent.get('/api/ingest/jobs').query({ limit: 100 }).expect(200);
    expect(all.body.items.map((j: { id: string }) => j.id)).toContain(started.body.id);
    await adminAgent.get('/api/ingest/jobs').query({ limit: 101 }).expect(400);
    // The upload is audited with its job, region and files, which only the handler read.
    await api.audit.flush();
    const log = await adminAgent.get('/api/audit').query({ target: started.body.id }).expect(200);
    expect(log.body.items).toEqual([
      expect.objectContaining({
        actor: analyst.username,
        action: 'ingest.upload',
        outcome: 'ok',
        detail: { region: '360102', dept: '东湖区市场监督管理局', spec: null, files: ['企业登记 2024-03.csv'] },
      }),
    ]);

    const csv = await agent.get(`/api/batches/${report.batchId}/rejects`).expect(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(/attachment/);
    // The rejected row as it was, but for its ID number and phone, which are starred as the
    // original-row view stars them: a rejected identifier is still a person's.
    const [head, line, ...rest] = csv.text.split('\r\n');
    expect(head).toMatch(/^\uFEFF文件 file,行号 line,字段 field/);
    expect(rest).toEqual(['']);
    expect(line).toMatch(/^01-企业登记_2024-03\.csv,3,法定代表人证件号码,身份证号码出生日期无效,/);
    expect(line).toContain(`${badId.slice(0, 3)}*************${badId.slice(-2)}`);
    expect(line).toContain(`${phones[1]?.slice(0, 3)}******${phones[1]?.slice(-2)}`);
    expect(line).toContain('东湖区八一大道1号');
    for (const secret of [badId, ...phones]) expect(csv.text).not.toContain(secret);

    // The original rows behind the facts, as the export had them, identifiers masked.
    const read = await agent.get(`/api/batches/${report.batchId}/rows`).query({ lines: '3,2,9' }).expect(200);
    expect(read.body.header).toEqual([...REGISTRY_HEADER]);
    expect(read.body.headerLine).toBe(1);
    expect(read.body.missing).toEqual([9]);
    const [accepted, rejected] = read.body.rows as { line: number; cells: string[] }[];
    expect([accepted?.line, rejected?.line]).toEqual([2, 3]);
    const cell = (row: { cells: string[] } | undefined, header: string) => row?.cells[REGISTRY_HEADER.indexOf(header)];
    expect(cell(accepted, '名称')).toMatch(/^南昌上传\d{5}商贸有限公司$/);
    expect(cell(accepted, '法定代表人证件号码')).toBe(`${id.slice(0, 4)}**********${id.slice(-4)}`);
    expect(cell(accepted, '联系电话')).toBe(`${phones[0]?.slice(0, 3)}****${phones[0]?.slice(-4)}`);
    expect(cell(rejected, '法定代表人证件号码')).toMatch(/^[^\d]+$/); // not a valid ID: no digit shown
    for (const secret of [id, badId, ...phones]) expect(JSON.stringify(read.body)).not.toContain(secret);
    await agent.get(`/api/batches/${report.batchId}/rows`).query({ lines: '0' }).expect(400);
    await agent
      .get(`/api/batches/${report.batchId}/rows`)
      .query({ lines: Array.from({ length: 51 }, (_, i) => i + 1).join(',') })
      .expect(400);

    const { agent: other } = await signIn(api.app, elsewhere);
    await other.get(`/api/batches/${report.batchId}/rows`).query({ lines: '2' }).expect(404);
    await other.get(`/api/batches/${report.batchId}/rejects`).expect(404);
    await other.get(`/api/ingest/jobs/${started.body.id}`).expect(404);
    const theirs = await other.get('/api/ingest/jobs').expect(200);
    expect(theirs.body.items.map((j: { id: string }) => j.id)).not.toContain(started.body.id);
    const { agent: otherThere } = await signIn(second.app, elsewhere);
    await otherThere.get(`/api/ingest/jobs/${started.body.id}`).expect(404);
  });

  it('refuses what it cannot load: no multipart, other file types, a region outside the scope', async () => {
    const { agent, csrf } = await signIn(api.app, analyst);
    await agent.post('/api/ingest').set('X-CSRF-Token', csrf).send({ file: 'x' }).expect(415);
    await agent
      .post('/api/ingest')
      .set('X-CSRF-Token', csrf)
      .attach('file', Buffer.from('MZ\u0000\u0001'), 'tool.exe')
      .expect(415);
    const res = await agent
      .post('/api/ingest')
      .set('X-CSRF-Token', csrf)
      .field('region', '361100')
      .attach('file', Buffer.from(registryCsv().text), 'x.csv')
      .expect(403);
    expect(res.body.detail).toMatch(/not in your scope/);
    // Nothing refused was kept.
    expect(
      fs
        .readdirSync(path.join(dataDir, 'uploads'))
        .every((d) => fs.readdirSync(path.join(dataDir, 'uploads', d)).length > 0),
    ).toBe(true);
  });
});

describe('hostile uploads', () => {
  it('keeps hostile file names and field values as data: stored under safe names in the job, never as paths', async () => {
    const { agent, csrf } = await signIn(api.app, analyst);
    const names = [
      '../../../../tmp/quanlian-escape.csv',
      '..\\..\\windows\\win.csv',
      '\u202evsc.exe.csv',
      '<img src=x onerror=alert(1)>.csv',
      `${'长'.repeat(300)}.csv`,
      "'; MATCH (n) DETACH DELETE n --.csv",
    ];
    const dept = '}) MATCH (n) DETACH DELETE n // 东湖区市场监督管理局';
    const started = await agent
      .post('/api/ingest')
      .set('X-CSRF-Token', csrf)
      .field('region', '360102')
      .field('dept', dept)
      .attach('file', Buffer.from(registryCsv().text), names[0] as string)
      .attach('file', Buffer.from(registryCsv().text), names[1] as string)
      .attach('file', Buffer.from(registryCsv().text), names[2] as string)
      .attach('file', Buffer.from(registryCsv().text), names[3] as string)
      .attach('file', Buffer.from(registryCsv().text), names[4] as string)
      .attach('file', Buffer.from(registryCsv().text), names[5] as string)
      .expect(202);
    const done = await waitFor(agent, started.body.id);
    expect(done.status).toBe('complete');
    expect(done.dept).toBe(dept);
    for (const f of done.files) {
      expect(f.report.status).toBe('loaded');
      batches.push(f.report.batchId);
    }
    // Each file was written inside the job's own directory, under a name of safe characters (the
    // name each batch records), and the directory went when the job ended: the archive keeps the files.
    const stored = (
      await api.db.adhocRead('MATCH (b:Batch) WHERE b.id IN $ids RETURN b.file AS file, b.archivedAs AS archived', {
        ids: done.files.map((f: { report: { batchId: string } }) => f.report.batchId),
      })
    ).map((r) => ({ file: String(r.file), archived: String(r.archived) }));
    expect(stored).toHaveLength(names.length);
    for (const { file, archived } of stored) {
      expect(file).toMatch(/^\d\d-[\w.\-\u3400-\u9fff]+\.csv$/);
      expect(Buffer.byteLength(file)).toBeLessThanOrEqual(123);
      expect(fs.existsSync(path.join(dataDir, archived))).toBe(true);
    }
    expect(fs.existsSync(path.join(dataDir, 'uploads', started.body.id))).toBe(false);
    expect(fs.existsSync('/tmp/quanlian-escape.csv')).toBe(false);
  });

  it('answers hostile fields and broken multipart bodies with 4xx problems, and keeps no file of them', async () => {
    const { agent, csrf } = await signIn(api.app, analyst);
    const before = fs.readdirSync(path.join(dataDir, 'uploads')).length;
    const file = Buffer.from(registryCsv().text);
    const failures: string[] = [];
    const hostile = ["' OR 1=1 //", '../../etc', '36010２', '-1', '1e999', '\u0000', 'x'.repeat(5_000), '{"$gt":""}'];
    for (const value of hostile) {
      for (const name of ['region', 'spec', 'dept']) {
        // A hostile dept beside a region of another scope: refused, whatever the dept.
        const other = name === 'dept' ? { region: '361100' } : {};
        let req = agent.post('/api/ingest').set('X-CSRF-Token', csrf);
        for (const [k, v] of Object.entries({ ...other, [name]: value })) req = req.field(k, v);
        const res = await req.attach('file', file, 'x.csv');
        if (res.status < 400 || res.status >= 500 || !/problem\+json/.test(String(res.headers['content-type'])))
          failures.push(`${name}=${value.slice(0, 12)}: ${res.status}`);
      }
    }
    const raw = async (what: string, contentType: string, body: string) => {
      const res = await agent.post('/api/ingest').set('X-CSRF-Token', csrf).set('Content-Type', contentType).send(body);
      if (res.status < 400 || res.status >= 500) failures.push(`${what}: ${res.status}`);
    };
    await raw('no boundary', 'multipart/form-data', '--x\r\n');
    await raw(
      'wrong boundary',
      'multipart/form-data; boundary=abc',
      '--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\na\r\n--xyz--',
    );
    await raw(
      'cut short',
      'multipart/form-data; boundary=abc',
      '--abc\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nname,uscc\r\n',
    );
    await raw(
      'no file part',
      'multipart/form-data; boundary=abc',
      '--abc\r\nContent-Disposition: form-data; name="region"\r\n\r\n360102\r\n--abc--\r\n',
    );
    await raw('header garbage', 'multipart/form-data; boundary=abc', '--abc\r\n\u0000\u0000\r\n\r\n--abc--');
    expect(failures).toEqual([]);
    expect(fs.readdirSync(path.join(dataDir, 'uploads')).length).toBe(before);
  });
});

describe('upload as a stream', () => {
  let server: http.Server;
  let port = 0;
  let cookie = '';
  let csrf = '';
  const BOUNDARY = 'quanlian-test-boundary';
  const field = (name: string, value: string) =>
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  const fileHead = (name: string) =>
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: text/csv\r\n\r\n`;
  const uploads = () => {
    const dir = path.join(dataDir, 'uploads');
    return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
  };
  const until = async (done: () => boolean) => {
    for (let i = 0; i < 100 && !done(); i++) await new Promise((r) => setTimeout(r, 50));
    return done();
  };
  /** An upload whose body is written by the test, piece by piece, and never ended unless it says so. */
  const open = () => {
    const req = http.request({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: '/api/ingest',
      headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}`, cookie, 'x-csrf-token': csrf },
    });
    req.on('error', () => {}); // the server may close the connection on a refusal: expected here
    const response = new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve) =>
      req.on('response', (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      }),
    );
    return { req, response };
  };

  beforeAll(async () => {
    server = api.app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    port = (server.address() as AddressInfo).port;
    const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: analyst.username, password: PASSWORD }),
    });
    cookie = String(login.headers.get('set-cookie')).split(';')[0] ?? '';
    csrf = ((await login.json()) as { csrfToken: string }).csrfToken;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('refuses a region outside the scope at the first file part, before the body has ended', async () => {
    const before = uploads();
    const { req, response } = open();
    req.write(field('region', '361100') + fileHead('big.csv') + 'x'.repeat(256 * 1024));
    const res = await response; // the request is still open: the refusal did not wait for the rest
    req.destroy();
    expect(res.status).toBe(403);
    expect(res.headers.connection).toBe('close');
    expect(JSON.parse(res.body).detail).toMatch(/region 361100 is not in your scope/);
    expect(uploads()).toEqual(before);
  });

  it('removes what an upload wrote when its client goes away mid-file', async () => {
    const before = new Set(uploads());
    const { req } = open();
    req.write(
      field('region', '360102') + fileHead('half.csv') + `${REGISTRY_HEADER.join(',')}\n${'y'.repeat(256 * 1024)}`,
    );
    expect(await until(() => uploads().some((d) => !before.has(d)))).toBe(true);
    req.destroy();
    expect(await until(() => uploads().every((d) => before.has(d)))).toBe(true);
    const me = await fetch(`http://127.0.0.1:${port}/api/auth/me`, { headers: { cookie } });
    expect(me.status).toBe(200);
  });

  it('refuses a field sent after the file parts', async () => {
    const { agent, csrf: token } = await signIn(api.app, analyst);
    const res = await agent
      .post('/api/ingest')
      .set('X-CSRF-Token', token)
      .attach('file', Buffer.from(registryCsv().text), 'x.csv')
      .field('region', '360102')
      .expect(400);
    expect(res.body.detail).toMatch(/fields before the file parts/);
  });
});
