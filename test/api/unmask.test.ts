import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser, signIn, testApi, type Account } from '../support/api.ts';
import { writeScopeFixture, type ScopeFixture } from '../support/scope-fixture.ts';

const api = testApi();
let fx: ScopeFixture;
let investigator: Account;
let admin: Account;
beforeAll(async () => {
  fx = await writeScopeFixture(api.db);
  investigator = await makeUser(api.db, 'investigator', ['360102']);
  admin = await makeUser(api.db, 'admin', ['360000']);
});
afterAll(async () => {
  await fx.cleanup();
  await api.close();
});

describe('unmask', () => {
  it('decrypts an ID number and a phone in scope, with the reason in the audit log', async () => {
    const { agent, csrf } = await signIn(api.app, investigator);
    const reason = `洪东市监立〔2024〕${fx.tag}号 核实当事人身份`;
    const person = await agent
      .post(`/api/entities/${encodeURIComponent(fx.inScope.person)}/unmask`)
      .set('X-CSRF-Token', csrf)
      .send({ reason })
      .expect(200);
    expect(person.body).toMatchObject({ key: fx.inScope.person, field: 'idNumber', value: fx.clear.ids[0] });
    expect(person.body.masked).toMatch(/^\d{4}\*+\d{3}[\dX]$/);
    const phone = await agent
      .post(`/api/entities/${encodeURIComponent(fx.inScope.phone)}/unmask`)
      .set('X-CSRF-Token', csrf)
      .send({ reason })
      .expect(200);
    expect(phone.body).toMatchObject({ field: 'phone', value: fx.clear.phones[0] });

    await api.audit.flush();
    const { agent: adminAgent } = await signIn(api.app, admin);
    const log = await adminAgent
      .get('/api/audit')
      .query({ actor: investigator.username, action: 'unmask' })
      .expect(200);
    expect(log.body.items).toHaveLength(2);
    for (const e of log.body.items) expect(e).toMatchObject({ outcome: 'ok', reason, role: 'investigator' });
    // The audit log itself never holds the clear value.
    expect(JSON.stringify(log.body)).not.toContain(fx.clear.ids[0]);
    expect(JSON.stringify(log.body)).not.toContain(fx.clear.phones[0]);
  });

  it('needs a reason, refuses what is out of scope as missing, and audits the attempts', async () => {
    const { agent, csrf } = await signIn(api.app, investigator);
    const path = `/api/entities/${encodeURIComponent(fx.inScope.person)}/unmask`;
    const noReason = await agent.post(path).set('X-CSRF-Token', csrf).send({}).expect(400);
    expect(noReason.body.errors[0]).toMatchObject({ in: 'body', path: 'reason' });
    const out = await agent
      .post(`/api/entities/${encodeURIComponent(fx.outOfScope.person)}/unmask`)
      .set('X-CSRF-Token', csrf)
      .send({ reason: 'curiosity about 上饶' })
      .expect(404);
    const none = await agent
      .post(`/api/entities/${encodeURIComponent('pid:' + 'f'.repeat(64))}/unmask`)
      .set('X-CSRF-Token', csrf)
      .send({ reason: 'curiosity about 上饶' })
      .expect(404);
    expect(out.body.detail.replace(fx.outOfScope.person, 'K')).toBe(
      none.body.detail.replace('pid:' + 'f'.repeat(64), 'K'),
    );
    await api.audit.flush();
    const { agent: adminAgent } = await signIn(api.app, admin);
    const log = await adminAgent
      .get('/api/audit')
      .query({ actor: investigator.username, action: 'unmask', outcome: 'not-found' })
      .expect(200);
    expect(log.body.items.map((e: { target: string }) => e.target)).toContain(fx.outOfScope.person);
  });
});
