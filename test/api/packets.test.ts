/**
 * Case packets through the API: an analyst exports a chain in scope (strict by default), a colleague
 * checks it and imports it into the region it is addressed to; a changed byte is refused before
 * anything is written, a packet for another region cannot be imported, out-of-scope chains cannot
 * be exported, and export and import are audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PacketSchema } from '../../server/packets/format.ts';
import { findClearIdentifiers } from '../../server/packets/scan.ts';
import { makeUser, signIn, testApi, type Account } from '../support/api.ts';
import { writeScopeFixture, type ScopeFixture } from '../support/scope-fixture.ts';

const api = testApi();
let fx: ScopeFixture;
let analyst: Account;
let shangrao: Account;
let admin: Account;
let shangraoPartner: Account;
let donghuPartner: Account;
beforeAll(async () => {
  shangraoPartner = await makeUser(api.db, 'partner', ['361100']);
  donghuPartner = await makeUser(api.db, 'partner', ['360102']);
  fx = await writeScopeFixture(api.db);
  analyst = await makeUser(api.db, 'analyst', ['360102']);
  shangrao = await makeUser(api.db, 'analyst', ['361100']);
  admin = await makeUser(api.db, 'admin', ['360000']);
});
afterAll(async () => {
  await api.db.autoCommit("MATCH (b:Batch) WHERE b.id STARTS WITH 'packet-' DETACH DELETE b", 'test/cleanup');
  await api.db.autoCommit('MATCH (p:Packet) DETACH DELETE p', 'test/cleanup');
  await fx.cleanup();
  await api.close();
});

describe('case packets over the API', () => {
  it('exports, verifies and imports a chain; a second import changes nothing; all audited', async () => {
    const { agent, csrf } = await signIn(api.app, analyst);
    const exported = await agent
      .post('/api/packets')
      .set('X-CSRF-Token', csrf)
      .send({ community: fx.run.inCommunity, to: '360102', purpose: '东湖区联席会议 案件协查' })
      .expect(200);
    const packet = PacketSchema.parse(exported.body);
    expect(packet).toMatchObject({ redaction: 'strict', to: { region: '360102' }, subject: { kind: 'community' } });
    expect(packet.entities.length).toBeGreaterThan(0);
    expect(findClearIdentifiers(JSON.stringify(packet))).toEqual([]);
    for (const clear of [...fx.clear.ids, ...fx.clear.phones]) expect(JSON.stringify(packet)).not.toContain(clear);

    const checked = await agent.post('/api/packets/verify').set('X-CSRF-Token', csrf).send(packet).expect(200);
    expect(checked.body).toMatchObject({ id: packet.id, signer: { own: true }, entities: packet.entities.length });
    expect(checked.body.summary).toMatch(/signature valid/);

    const imported = await agent.post('/api/packets/import').set('X-CSRF-Token', csrf).send(packet).expect(200);
    expect(imported.body).toMatchObject({ status: 'imported', batchId: `packet-${packet.id}` });
    // Everything it carries came from this graph: all matched, nothing created, nothing overwritten.
    expect(imported.body.entities).toEqual({
      total: packet.entities.length,
      created: 0,
      matched: packet.entities.length,
    });
    const again = await agent.post('/api/packets/import').set('X-CSRF-Token', csrf).send(packet).expect(200);
    expect(again.body.status).toBe('already-imported');

    await api.audit.flush();
    const { agent: adminAgent } = await signIn(api.app, admin);
    const log = await adminAgent.get('/api/audit').query({ actor: analyst.username }).expect(200);
    const actions = log.body.items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['packet.export', 'packet.import']));
  });

  it('refuses an altered packet, a packet for another region, and an out-of-scope chain', async () => {
    const { agent, csrf } = await signIn(api.app, analyst);
    const packet = (
      await agent
        .post('/api/packets')
        .set('X-CSRF-Token', csrf)
        .send({ community: fx.run.inCommunity, to: '361100', purpose: '赣东北联席会议 协查', redaction: 'standard' })
        .expect(200)
    ).body as Record<string, unknown>;
    const altered = { ...packet, purpose: '赣东北联席会议 协办' };
    const refused = await agent.post('/api/packets/import').set('X-CSRF-Token', csrf).send(altered).expect(422);
    expect(refused.body).toMatchObject({ type: expect.stringMatching(/packet-rejected$/), reason: 'bad-signature' });
    // Addressed to 上饶: a 东湖 analyst may not import it; a 上饶 analyst may.
    await agent.post('/api/packets/import').set('X-CSRF-Token', csrf).send(packet).expect(403);
    const other = await signIn(api.app, shangrao);
    const ok = await other.agent.post('/api/packets/import').set('X-CSRF-Token', other.csrf).send(packet).expect(200);
    expect(ok.body.status).toBe('imported');

    // Kept for 上饶: its partner lists and opens it (audited); a 东湖 partner sees neither.
    const { agent: partner } = await signIn(api.app, shangraoPartner);
    const inbox = await partner.get('/api/packets').expect(200);
    expect(inbox.body.items.map((p: { id: string }) => p.id)).toContain(packet.id);
    const opened = await partner.get(`/api/packets/${String(packet.id)}`).expect(200);
    expect(PacketSchema.parse(opened.body).signature).toEqual(packet.signature);
    const { agent: elsewhere } = await signIn(api.app, donghuPartner);
    const none = await elsewhere.get('/api/packets').expect(200);
    expect(none.body.items.map((p: { id: string }) => p.id)).not.toContain(packet.id);
    await elsewhere.get(`/api/packets/${String(packet.id)}`).expect(404);
    await api.audit.flush();
    const { agent: adminAgent } = await signIn(api.app, admin);
    const reads = await adminAgent.get('/api/audit').query({ actor: shangraoPartner.username, action: 'packet.read' });
    expect(reads.body.items).toHaveLength(1);
    await agent
      .post('/api/packets')
      .set('X-CSRF-Token', csrf)
      .send({ community: fx.run.outCommunity, to: '361100', purpose: '越权导出 测试' })
      .expect(404);
  });

  it('refuses a body nested past any packet with a 400, before anything walks it', async () => {
    const { agent, csrf } = await signIn(api.app, analyst);
    // 100k nested arrays parse as JSON, but JSON.stringify of them overflowed the stack (a 500).
    const deep = `{"format":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    for (const route of ['/api/packets/verify', '/api/packets/import']) {
      const res = await agent
        .post(route)
        .set('X-CSRF-Token', csrf)
        .set('Content-Type', 'application/json')
        .send(deep)
        .expect(400);
      expect(JSON.stringify(res.body)).toContain('levels deep');
    }
  });

  it('prints a brief of a chain as HTML and as PDF, within scope', async () => {
    const { agent } = await signIn(api.app, analyst);
    const html = await agent.get(`/api/communities/${encodeURIComponent(fx.run.inCommunity)}/brief`).expect(200);
    expect(html.headers['content-type']).toMatch(/^text\/html/);
    expect(html.headers['content-security-policy']).toContain("default-src 'none'");
    expect(html.text).toContain('案件简报');
    expect(html.text).toContain('<svg');
    for (const clear of [...fx.clear.ids, ...fx.clear.phones]) expect(html.text).not.toContain(clear);
    const pdf = await agent
      .get(`/api/communities/${encodeURIComponent(fx.run.inCommunity)}/brief`)
      .query({ format: 'pdf' })
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    await agent.get(`/api/communities/${encodeURIComponent(fx.run.outCommunity)}/brief`).expect(404);
  });
});
