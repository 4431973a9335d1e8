/**
 * Account changes by an administrator (POST /api/users/{username}): disabling ends the account's
 * sessions and sign-ins until it is enabled again; a new password ends its sessions and replaces the
 * old one; a lock-out is lifted; a new role or scope applies to the open session at its next request;
 * an admin cannot take away their own account; every change is audited without the password.
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Sessions } from '../../server/auth/sessions.ts';
import { checkLogin, MAX_FAILED_LOGINS, updateUser } from '../../server/auth/users.ts';
import { makeUser, PASSWORD, signIn, testApi, type Account } from '../support/api.ts';

const api = testApi();
let admin: Account;
let adminAgent: Awaited<ReturnType<typeof signIn>>;
const made: string[] = [];
beforeAll(async () => {
  admin = await makeUser(api.db, 'admin', ['360000'], 'acc');
  made.push(admin.username);
  adminAgent = await signIn(api.app, admin);
});
afterAll(async () => {
  await api.db.autoCommit('MATCH (u:User) WHERE u.username IN $made DETACH DELETE u', 'test: cleanup', { made });
  await api.close();
});

const change = (username: string, body: unknown) =>
  adminAgent.agent
    .post(`/api/users/${username}`)
    .set('X-CSRF-Token', adminAgent.csrf)
    .send(body as object);
const login = (username: string, password = PASSWORD) =>
  request(api.app).post('/api/auth/login').send({ username, password });
async function someone(role: 'analyst' | 'investigator' | 'admin' = 'analyst', regions = ['360102']) {
  const account = await makeUser(api.db, role, regions, 'acc');
  made.push(account.username);
  return account;
}

describe('account changes', () => {
  it('disabling ends the sessions and sign-ins until the account is enabled again', async () => {
    const x = await someone();
    const { agent } = await signIn(api.app, x);
    await agent.get('/api/auth/me').expect(200);
    const off = await change(x.username, { disabled: true }).expect(200);
    expect(off.body).toMatchObject({ username: x.username, disabled: true, sessionsEnded: 1 });
    await agent.get('/api/auth/me').expect(401);
    await login(x.username).expect(401);
    const list = await adminAgent.agent.get('/api/users').expect(200);
    expect(list.body.items.find((u: { username: string }) => u.username === x.username)?.disabled).toBe(true);
    await change(x.username, { disabled: false }).expect(200);
    await login(x.username).expect(200);
  });

  it('a new password ends the sessions and replaces the old one', async () => {
    const x = await someone();
    const { agent } = await signIn(api.app, x);
    await change(x.username, { password: 'short' }).expect(400);
    await change(x.username, { password: `${x.username} is mine` }).expect(400);
    await agent.get('/api/auth/me').expect(200);
    const reset = await change(x.username, { password: 'a brand new passphrase' }).expect(200);
    expect(reset.body.sessionsEnded).toBe(1);
    expect(JSON.stringify(reset.body)).not.toMatch(/passphrase|scrypt|passwordHash/);
    await agent.get('/api/auth/me').expect(401);
    await login(x.username).expect(401);
    await login(x.username, 'a brand new passphrase').expect(200);
  });

  it('an admin who sets their own password stays signed in where they did it; their other sessions end', async () => {
    const self = await someone('admin', ['360000']);
    const here = await signIn(api.app, self);
    const elsewhere = await signIn(api.app, self);
    const reset = await here.agent
      .post(`/api/users/${self.username}`)
      .set('X-CSRF-Token', here.csrf)
      .send({ password: 'my own new passphrase' })
      .expect(200);
    expect(reset.body.sessionsEnded).toBe(1);
    await here.agent.get('/api/auth/me').expect(200);
    await elsewhere.agent.get('/api/auth/me').expect(401);
  });

  it('opens no session for a sign-in whose account changed after its password was checked', async () => {
    const x = await someone();
    const checked = await checkLogin(api.db, x.username, PASSWORD);
    if (!checked.ok) throw new Error('the sign-in should pass');
    // Between the check and the session: a new password (or the account disabled).
    await updateUser(api.db, x.username, { password: 'changed in between' }, admin.username);
    const sessions = new Sessions(api.db);
    expect(await sessions.create(checked.user, checked.passwordHash, { ip: null, userAgent: null })).toBeNull();
    const again = await checkLogin(api.db, x.username, 'changed in between');
    if (!again.ok) throw new Error('the new password should pass');
    await updateUser(api.db, x.username, { disabled: true }, admin.username);
    expect(await sessions.create(again.user, again.passwordHash, { ip: null, userAgent: null })).toBeNull();
    await updateUser(api.db, x.username, { disabled: false }, admin.username);
    expect(await sessions.create(again.user, again.passwordHash, { ip: null, userAgent: null })).not.toBeNull();
  });

  it('lifts a lock-out', async () => {
    const x = await someone('investigator');
    for (let i = 0; i < MAX_FAILED_LOGINS; i++) await login(x.username, `wrong password ${i}`);
    await login(x.username).expect(401);
    const lifted = await change(x.username, { unlock: true }).expect(200);
    expect(lifted.body.lockedUntil).toBeNull();
    await login(x.username).expect(200);
  });

  it('a new role or scope applies to the open session at its next request', async () => {
    const x = await someone('analyst', ['360102']);
    const { agent } = await signIn(api.app, x);
    expect((await agent.get('/api/auth/me').expect(200)).body.scope).toEqual(['360102']);
    await change(x.username, { regions: ['361100'], displayName: '上饶市市场监管局 李四' }).expect(200);
    const me = await agent.get('/api/auth/me').expect(200);
    expect(me.body.user).toMatchObject({ displayName: '上饶市市场监管局 李四', regions: ['361100'] });
    expect(me.body.scope).toContain('361100');
    expect(me.body.scope).not.toContain('360102');
    await change(x.username, { role: 'leader' }).expect(200);
    await agent.get('/api/search').query({ q: '茅台' }).expect(403);
  });

  it('refuses what an admin may not do to their own account, unknown accounts and empty or unknown changes', async () => {
    const self = await change(admin.username, { disabled: true }).expect(400);
    expect(self.body.detail).toMatch(/own account/);
    await change(admin.username, { role: 'analyst' }).expect(400);
    await change(admin.username, { displayName: '省局 系统管理员' }).expect(200);
    await change('nobody-at-all', { disabled: true }).expect(404);
    await change(admin.username, {}).expect(400);
    await change(admin.username, { passwordHash: 'x' }).expect(400);
    await change(admin.username, { regions: ['999999'] }).expect(400);
    // 'cli' names the server's command line in the audit log: no account may take it.
    await adminAgent.agent
      .post('/api/users')
      .set('X-CSRF-Token', adminAgent.csrf)
      .send({ username: 'cli', role: 'admin', regions: ['360000'], password: PASSWORD })
      .expect(400);
    // Another admin may be disabled while enabled admins remain.
    const other = await someone('admin', ['360000']);
    await change(other.username, { disabled: true }).expect(200);
  });

  it('audits every change, naming the fields but never the password', async () => {
    const x = await someone();
    await change(x.username, { password: 'yet another passphrase', disabled: false }).expect(200);
    await api.audit.flush();
    const log = await adminAgent.agent.get('/api/audit').query({ action: 'user.update', limit: 50 }).expect(200);
    const event = log.body.items.find((e: { target: string }) => e.target === x.username);
    expect(event).toMatchObject({
      actor: admin.username,
      outcome: 'ok',
      detail: { password: 'changed', disabled: false },
    });
    expect(JSON.stringify(log.body)).not.toContain('yet another passphrase');
  });
});
