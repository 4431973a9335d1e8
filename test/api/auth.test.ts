import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditLog, eventHash, verifyChain } from '../../server/audit/log.ts';
import { MAX_FAILED_LOGINS } from '../../server/auth/users.ts';
import type { Db } from '../../server/db/db.ts';
import { DatabaseUnavailableError } from '../../server/errors.ts';
import { makeUser, PASSWORD, signIn, testApi, type Account } from '../support/api.ts';

const api = testApi();
let analyst: Account;
let admin: Account;
beforeAll(async () => {
  analyst = await makeUser(api.db, 'analyst', ['360102']);
  admin = await makeUser(api.db, 'admin', ['360000']);
});
afterAll(() => api.close());

describe('sign-in and sessions', () => {
  it('sets an httpOnly SameSite=Strict cookie, returns the CSRF token and the expanded scope', async () => {
    const res = await request(api.app)
      .post('/api/auth/login')
      .send({ username: analyst.username, password: PASSWORD })
      .expect(200);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/ql_session=[\w-]{43};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(res.body.user).toEqual({
      username: analyst.username,
      displayName: analyst.username,
      role: 'analyst',
      regions: ['360102'],
    });
    expect(res.body.csrfToken).toMatch(/^[\w-]{32}$/);
    // Sign-in answers the expanded scope as /me does.
    expect(res.body.scope).toEqual(['360102']);
    const { agent } = await signIn(api.app, analyst);
    const me = await agent.get('/api/auth/me').expect(200);
    expect(me.body.scope).toEqual(['360102']);
    expect(me.headers['cache-control']).toBe('no-store');
  });

  it('answers an unknown user and a wrong password the same way, and audits both', async () => {
    const unknown = await request(api.app)
      .post('/api/auth/login')
      .send({ username: 'nobody-here', password: 'x'.repeat(12) })
      .expect(401);
    const wrong = await request(api.app)
      .post('/api/auth/login')
      .send({ username: analyst.username, password: 'wrong password!' })
      .expect(401);
    expect(unknown.body.detail).toBe(wrong.body.detail);
    expect(unknown.body.type).toBe('https://quanlian.dev/problems/unauthenticated');
    await api.audit.flush();
    const { agent } = await signIn(api.app, admin);
    const log = await agent.get('/api/audit').query({ action: 'login', outcome: 'denied', limit: 50 }).expect(200);
    const actors = log.body.items.map((e: { actor: string }) => e.actor);
    expect(actors).toContain('nobody-here');
    expect(actors).toContain(analyst.username);
  });

  it('locks an account after repeated failures, even for the right password, and says so to nobody', async () => {
    const victim = await makeUser(api.db, 'investigator', ['360102']);
    const attempt = (username: string, password: string) =>
      request(api.app).post('/api/auth/login').send({ username, password }).expect(401);
    for (let i = 0; i < MAX_FAILED_LOGINS; i++) await attempt(victim.username, `wrong-${i}-password`);
    const right = await attempt(victim.username, PASSWORD);
    // A locked account answers as an unknown one does: a stranger cannot tell which names exist.
    const unknown = await attempt(`nobody-${victim.username}`, PASSWORD);
    expect(right.body.type).toBe('https://quanlian.dev/problems/unauthenticated');
    expect(right.body.detail).toBe(unknown.body.detail);
    expect(right.headers['set-cookie']).toBeUndefined();
    const [row] = await api.db.adhocRead('MATCH (u:User {username: $u}) RETURN u.lockedUntil > datetime() AS locked', {
      u: victim.username,
    });
    expect(row?.locked).toBe(true);
    await api.audit.flush();
    const { agent } = await signIn(api.app, admin);
    const log = await agent.get('/api/audit').query({ actor: victim.username, action: 'login', limit: 5 }).expect(200);
    expect(log.body.items[0]).toMatchObject({ outcome: 'denied', detail: { reason: 'locked' } });
  });

  it('clears expired sessions when someone signs in', async () => {
    const id = 'e'.repeat(64);
    await api.db.autoCommit(
      'CREATE (:Session {id: $id, username: $u, csrf: "x", createdAt: datetime() - duration("P2D"), expiresAt: datetime() - duration("P1D")})',
      'test: expired session',
      { id, u: analyst.username },
    );
    await signIn(api.app, analyst);
    expect(await api.db.adhocRead('MATCH (s:Session {id: $id}) RETURN s.id AS id', { id })).toEqual([]);
  });

  it('requires the CSRF token on writes, and logout ends the session', async () => {
    const { agent, csrf } = await signIn(api.app, analyst);
    const refused = await agent.post('/api/auth/logout').expect(403);
    expect(refused.body.type).toBe('https://quanlian.dev/problems/csrf');
    await agent.post('/api/auth/logout').set('X-CSRF-Token', 'not-the-token').expect(403);
    await agent.post('/api/auth/logout').set('X-CSRF-Token', csrf).expect(200);
    // The cookie is cleared; a replayed token is dead too.
    await agent.get('/api/auth/me').expect(401);
  });

  it('limits sign-in attempts per client address', async () => {
    const limited = testApi({ QUANLIAN_LOGIN_RATE: '3' });
    try {
      for (let i = 0; i < 3; i++) {
        await request(limited.app)
          .post('/api/auth/login')
          .send({ username: 'nobody-here', password: 'x'.repeat(12) })
          .expect(401);
      }
      const res = await request(limited.app)
        .post('/api/auth/login')
        .send({ username: analyst.username, password: PASSWORD })
        .expect(429);
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    } finally {
      await limited.close();
    }
  });

  it('refuses a forged or malformed cookie and keeps the body of a login form out', async () => {
    await request(api.app)
      .get('/api/auth/me')
      .set('Cookie', 'ql_session=' + 'A'.repeat(43))
      .expect(401);
    await request(api.app).get('/api/auth/me').set('Cookie', 'ql_session=%00%ff; other=1').expect(401);
    // A cross-site form post cannot send JSON: its body does not parse, so it is a 400, never a login.
    const form = await request(api.app)
      .post('/api/auth/login')
      .type('form')
      .send({ username: analyst.username, password: PASSWORD })
      .expect(400);
    expect(form.headers['set-cookie']).toBeUndefined();
  });
});

describe('accounts and the audit chain', () => {
  it('an admin creates accounts; weak passwords, unknown regions and duplicates are refused', async () => {
    const { agent, csrf } = await signIn(api.app, admin);
    const username = `new${Date.now().toString(36)}`;
    await agent
      .post('/api/users')
      .set('X-CSRF-Token', csrf)
      .send({ username, role: 'leader', regions: ['360100'], password: 'short' })
      .expect(400);
    await agent
      .post('/api/users')
      .set('X-CSRF-Token', csrf)
      .send({ username, role: 'leader', regions: ['999999'], password: PASSWORD })
      .expect(400);
    const made = await agent
      .post('/api/users')
      .set('X-CSRF-Token', csrf)
      .send({ username, role: 'leader', regions: ['360100'], password: PASSWORD })
      .expect(201);
    expect(made.body).toEqual({ username, displayName: username, role: 'leader', regions: ['360100'] });
    expect(JSON.stringify(made.body)).not.toContain('scrypt');
    await agent
      .post('/api/users')
      .set('X-CSRF-Token', csrf)
      .send({ username, role: 'leader', regions: ['360100'], password: PASSWORD })
      .expect(409);
    const list = await agent.get('/api/users').expect(200);
    expect(JSON.stringify(list.body)).not.toMatch(/scrypt|passwordHash/);
  });

  it('keeps one chain when several processes append at once', async () => {
    // Two more logs on the same database stand for two more API processes: each appends onto the
    // head it last wrote until the other has moved it, then onto the head it finds under the lock.
    const logs = [new AuditLog(api.db), new AuditLog(api.db), api.audit];
    const actor = `chain-${Date.now()}`;
    const checks: Promise<{ ok: boolean }>[] = [];
    for (let round = 0; round < 4; round++) {
      // The check runs while the appends go on, as `quanlian audit verify` does beside a live server.
      checks.push(verifyChain(api.db));
      await Promise.all(
        logs.flatMap((log, l) =>
          Array.from({ length: 5 }, (_, i) =>
            log.record({ actor, role: 'analyst', action: 'search', outcome: 'ok', target: `${round}:${l}:${i}` }),
          ),
        ),
      );
    }
    for (const check of await Promise.all(checks)) expect(check).toMatchObject({ ok: true, problem: null });
    await Promise.all(logs.map((log) => log.flush()));
    const [row] = await api.db.adhocRead(
      'MATCH (a:AuditEvent {actor: $actor}) RETURN count(a) AS n, count(DISTINCT a.seq) AS seqs',
      { actor },
    );
    expect(row).toEqual({ n: 60, seqs: 60 });
    expect(await verifyChain(api.db)).toMatchObject({ ok: true });
  });

  it('stores a group once when its append committed but the reply was lost', async () => {
    // The connection drops after Neo4j committed the first append and before its reply arrived: the
    // log tries the same chain again, and append-at-head finds the group already stored.
    let dropped = false;
    let calls = 0;
    const flaky = Object.create(api.db) as Db;
    flaky.commitOne = (async (...args: Parameters<Db['commitOne']>) => {
      const rows = await api.db.commitOne(...args);
      calls++;
      if (!dropped && (rows[0] as { appended?: boolean } | undefined)?.appended) {
        dropped = true;
        throw new DatabaseUnavailableError('test: the connection dropped after the commit');
      }
      return rows;
    }) as Db['commitOne'];
    const log = new AuditLog(flaky);
    const actor = `lost-reply-${Date.now()}`;
    await Promise.all(
      [1, 2, 3].map((i) => log.record({ actor, role: 'analyst', action: 'search', outcome: 'ok', target: `${i}` })),
    );
    expect(dropped).toBe(true);
    expect(calls).toBeGreaterThan(2);
    const [row] = await api.db.adhocRead('MATCH (a:AuditEvent {actor: $actor}) RETURN count(a) AS n', { actor });
    expect(row).toEqual({ n: 3 });
    expect(await verifyChain(api.db)).toMatchObject({ ok: true });
  });

  it('detects an altered, a removed and an inserted event', async () => {
    await api.audit.flush();
    expect((await verifyChain(api.db)).ok).toBe(true);
    const [last] = await api.db.adhocRead('MATCH (h:AuditHead) RETURN h.seq AS seq');
    const seq = Number(last?.seq);
    expect(seq).toBeGreaterThan(2);
    const target = seq - 1;
    // Altered.
    await api.db.autoCommit('MATCH (a:AuditEvent {seq: $seq}) SET a.actor = a.actor + "x"', 'test: tamper', {
      seq: target,
    });
    let report = await verifyChain(api.db);
    expect(report).toMatchObject({ ok: false, problem: { seq: target, kind: 'hash' } });
    await api.db.autoCommit(
      'MATCH (a:AuditEvent {seq: $seq}) SET a.actor = left(a.actor, size(a.actor) - 1)',
      'test: restore',
      { seq: target },
    );
    expect((await verifyChain(api.db)).ok).toBe(true);
    // Removed (renumbered out of the chain), then put back.
    await api.db.autoCommit('MATCH (a:AuditEvent {seq: $seq}) SET a.seq = -a.seq', 'test: remove', { seq: target });
    report = await verifyChain(api.db);
    expect(report).toMatchObject({ ok: false, problem: { seq: target, kind: 'gap' } });
    await api.db.autoCommit('MATCH (a:AuditEvent {seq: $neg}) SET a.seq = $seq', 'test: restore', {
      neg: -target,
      seq: target,
    });
    expect((await verifyChain(api.db)).ok).toBe(true);
    // Inserted: a well-formed event appended behind the head's back.
    const [head] = await api.db.adhocRead('MATCH (h:AuditHead) RETURN h.seq AS seq, h.hash AS hash');
    const forged = {
      id: 'forged',
      seq: Number(head?.seq) + 1,
      at: new Date().toISOString(),
      actor: 'mallory',
      role: 'admin',
      action: 'unmask',
      outcome: 'ok',
      target: null,
      reason: null,
      detail: '{}',
      ip: null,
      requestId: null,
      prevHash: String(head?.hash),
    };
    await api.db.autoCommit('CREATE (a:AuditEvent) SET a = $e', 'test: insert', {
      e: { ...forged, hash: eventHash(forged) },
    });
    report = await verifyChain(api.db);
    expect(report).toMatchObject({ ok: false, problem: { kind: 'head' } });
    await api.db.autoCommit("MATCH (a:AuditEvent {id: 'forged'}) DELETE a", 'test: restore', {});
    expect((await verifyChain(api.db)).ok).toBe(true);
  });
});
