/**
 * Case packets through the API: an analyst exports a chain in scope (strict by default) and checks
 * it; a packet this instance signed is refused at import (its facts are here already, and merging
 * it would open the issuer's records to the addressee), and the region it is addressed to reads it
 * in the inbox; a partner instance's packet is imported into the region it is addressed to and
 * never opens another region's local records; a changed byte is refused before anything is written,
 * a packet for another region cannot be imported, out-of-scope chains cannot be exported, and
 * export and import are audited.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PacketSchema, type Packet } from '../../server/packets/format.ts';
import { findClearIdentifiers } from '../../server/packets/scan.ts';
import { loadSigningKey, signPacket, trustKey } from '../../server/packets/signing.ts';
import { makeUser, signIn, testApi, type Account } from '../support/api.ts';
import { testConfig } from '../support/db.ts';
import { writeScopeFixture, type ScopeFixture } from '../support/scope-fixture.ts';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'quanlian-packets-api-'));
const partnerDir = fs.mkdtempSync(path.join(os.tmpdir(), 'quanlian-partner-'));
const api = testApi({ QUANLIAN_DATA_DIR: dataDir });
let fx: ScopeFixture;
let analyst: Account;
let shangrao: Account;
let jiujiang: Account;
let admin: Account;
let shangraoPartner: Account;
let donghuPartner: Account;

beforeAll(async () => {
  shangraoPartner = await makeUser(api.db, 'partner', ['361100']);
  donghuPartner = await makeUser(api.db, 'partner', ['360102']);
  fx = await writeScopeFixture(api.db);
  analyst = await makeUser(api.db, 'analyst', ['360102']);
  shangrao = await makeUser(api.db, 'analyst', ['361100']);
  jiujiang = await makeUser(api.db, 'analyst', ['360400']);
  admin = await makeUser(api.db, 'admin', ['360000']);
});
afterAll(async () => {
  await api.db.autoCommit("MATCH (b:Batch) WHERE b.id STARTS WITH 'packet-' DETACH DELETE b", 'test/cleanup');
  await api.db.autoCommit('MATCH (p:Packet) DETACH DELETE p', 'test/cleanup');
  await fx.cleanup();
  await api.close();
  for (const dir of [dataDir, partnerDir]) fs.rmSync(dir, { recursive: true, force: true });
});

const packetBatches = async (id: string) =>
  Number((await api.db.adhocRead('MATCH (b:Batch {id: $id}) RETURN count(b) AS n', { id: `packet-${id}` }))[0]?.n);

describe('case packets over the API', () => {
  it('exports and checks a chain; its own packet is refused at import, with nothing written; all audited', async () => {
    const { agent, csrf } = await signIn(api.app, analyst);
    const exported = await agent
      .post('/api/packets')
      .set('X-CSRF-Token', csrf)
      .send({ community: fx.run.inCommunity, to: '361100', purpose: '东湖区联席会议 案件协查' })
      .expect(200);
    const packet = PacketSchema.parse(exported.body);
    expect(packet).toMatchObject({ redaction: 'strict', to: { region: '361100' }, subject: { kind: 'community' } });
    expect(packet.entities.length).toBeGreaterThan(0);
    expect(findClearIdentifiers(JSON.stringify(packet))).toEqual([]);
    for (const clear of [...fx.clear.ids, ...fx.clear.phones]) expect(JSON.stringify(packet)).not.toContain(clear);

    const checked = await agent.post('/api/packets/verify').set('X-CSRF-Token', csrf).send(packet).expect(200);
    expect(checked.body).toMatchObject({ id: packet.id, signer: { own: true }, entities: packet.entities.length });
    expect(checked.body.summary).toMatch(/signature valid/);

    // Addressed to 上饶: its analyst may not merge it — that would open 东湖's own records to 上饶,
    // every property of them, not the packet's redacted copy. 上饶 reads the packet in its inbox.
    const other = await signIn(api.app, shangrao);
    const refused = await other.agent
      .post('/api/packets/import')
      .set('X-CSRF-Token', other.csrf)
      .send(packet)
      .expect(422);
    expect(refused.body).toMatchObject({ type: expect.stringMatching(/packet-rejected$/), reason: 'own-packet' });
    expect(refused.body.detail).toMatch(/signed by this instance.*packet inbox/);
    expect(await packetBatches(packet.id)).toBe(0);
    await other.agent.get(`/api/entities/${encodeURIComponent(packet.entities[0]?.key ?? '')}`).expect(404);

    // Kept for 上饶: its partner lists and opens it (audited); a 东湖 partner sees neither.
    const { agent: partner } = await signIn(api.app, shangraoPartner);
    const inbox = await partner.get('/api/packets').expect(200);
    expect(inbox.body.items.map((p: { id: string }) => p.id)).toContain(packet.id);
    const opened = await partner.get(`/api/packets/${packet.id}`).expect(200);
    expect(PacketSchema.parse(opened.body).signature).toEqual(packet.signature);
    const { agent: elsewhere } = await signIn(api.app, donghuPartner);
    const none = await elsewhere.get('/api/packets').expect(200);
    expect(none.body.items.map((p: { id: string }) => p.id)).not.toContain(packet.id);
    await elsewhere.get(`/api/packets/${packet.id}`).expect(404);

    await api.audit.flush();
    const { agent: adminAgent } = await signIn(api.app, admin);
    const log = await adminAgent.get('/api/audit').query({ actor: analyst.username }).expect(200);
    expect(log.body.items.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['packet.export']));
    const attempts = await adminAgent.get('/api/audit').query({ actor: shangrao.username, action: 'packet.import' });
    expect(attempts.body.items).toEqual([expect.objectContaining({ outcome: 'invalid', target: packet.id })]);
    const reads = await adminAgent.get('/api/audit').query({ actor: shangraoPartner.username, action: 'packet.read' });
    expect(reads.body.items).toHaveLength(1);
  });

  it("imports a partner instance's packet into its addressee, opening none of another region's records", async () => {
    const { agent, csrf } = await signIn(api.app, analyst);
    const exported = await agent
      .post('/api/packets')
      .set('X-CSRF-Token', csrf)
      .send({ community: fx.run.inCommunity, to: '360102', purpose: '赣东北联席会议 协查', redaction: 'standard' })
      .expect(200);
    // The same chain as 上饶's instance would send it (it holds the same identities): issued there,
    // signed with its key, which this instance trusts.
    const partnerKey = loadSigningKey(testConfig({ QUANLIAN_DATA_DIR: partnerDir, QUANLIAN_REGION: '361100' }));
    trustKey(api.config, { region: '361100', name: '上饶市市场监管局', publicKey: partnerKey.publicKeyPem });
    const fromShangrao = (to: { region: string; name: string }, id: string): Packet => {
      const { signature: _signature, ...body } = PacketSchema.parse(exported.body);
      return signPacket(
        { ...body, id, to, issuer: { region: '361100', name: '上饶市', keyId: partnerKey.keyId } },
        partnerKey,
      );
    };
    const toDonghu = fromShangrao({ region: '360102', name: '东湖区' }, randomUUID());
    const total = toDonghu.entities.length;

    // Addressed to 东湖: a 九江 analyst may not import it; 东湖's may, and every entity is one
    // 东湖 holds and sees already: all matched, nothing created, nothing overwritten.
    const jj = await signIn(api.app, jiujiang);
    await jj.agent.post('/api/packets/import').set('X-CSRF-Token', jj.csrf).send(toDonghu).expect(403);
    const checked = await agent.post('/api/packets/verify').set('X-CSRF-Token', csrf).send(toDonghu).expect(200);
    expect(checked.body.signer).toMatchObject({ own: false, region: '361100' });
    const imported = await agent.post('/api/packets/import').set('X-CSRF-Token', csrf).send(toDonghu).expect(200);
    expect(imported.body).toMatchObject({ status: 'imported', batchId: `packet-${toDonghu.id}` });
    expect(imported.body.entities).toEqual({ total, created: 0, matched: total, withheld: 0 });
    const again = await agent.post('/api/packets/import').set('X-CSRF-Token', csrf).send(toDonghu).expect(200);
    expect(again.body.status).toBe('already-imported');

    // Addressed to 九江, which sees none of these records: they are held here under 东湖 only, so
    // they stay closed to 九江 — merged by provenance, not opened.
    const toJiujiang = fromShangrao({ region: '360400', name: '九江市' }, randomUUID());
    const closed = await jj.agent.post('/api/packets/import').set('X-CSRF-Token', jj.csrf).send(toJiujiang).expect(200);
    expect(closed.body.entities).toEqual({ total, created: 0, matched: 0, withheld: total });
    for (const e of toJiujiang.entities.slice(0, 5))
      await jj.agent.get(`/api/entities/${encodeURIComponent(e.key)}`).expect(404);
    const held = await agent.get(`/api/entities/${encodeURIComponent(toJiujiang.entities[0]?.key ?? '')}`).expect(200);
    expect(held.body.provenance.batches.map((b: { id: string }) => b.id)).toEqual(
      expect.arrayContaining([`packet-${toDonghu.id}`]),
    );

    await api.audit.flush();
    const { agent: adminAgent } = await signIn(api.app, admin);
    const log = await adminAgent.get('/api/audit').query({ actor: jiujiang.username, action: 'packet.import' });
    expect(log.body.items.map((e: { outcome: string }) => e.outcome).sort()).toEqual(['denied', 'ok']);
  });

  it('refuses an altered packet and an out-of-scope chain', async () => {
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
