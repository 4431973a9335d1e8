/**
 * Exploration within a region scope, on a small named graph: "a counterfeit-moutai case in 东湖区
 * (360102) against a local liquor firm and its legal representative, and a case in 上饶市 (361100)
 * against a wholesaler there that ships to the 东湖 firm; the shipment and the 东湖 firm were
 * reported by both regions". A 南昌市 user (360100 covers 360102) must see the 东湖 side only, a 上饶
 * user the 上饶 side and what 上饶 reported, a province user (360000) everything.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expandScope, SCOPE_RULE, type Scope } from '../../server/auth/scope.ts';
import { REL_TYPE_NAMES } from '../../server/domain/model.ts';
import { NotFoundError, ValidationError } from '../../server/errors.ts';
import {
  entityDetail as entityDetailUnchecked,
  entityNotFound,
  expand as expandUnchecked,
  EntityDetailSchema,
  ExpandQuerySchema,
  ExpandResultSchema,
  search as searchUnchecked,
  SearchQuerySchema,
  SearchResultSchema,
  type SearchItem,
} from '../../server/explore/service.ts';
import { registeredQueries } from '../../server/db/registry.ts';
import { tag, TEST_SECRETS, testDb } from '../support/db.ts';
import { A, B, exploreFixture } from '../support/explore-fixture.ts';

// What the routes send must pass their response schemas (the services leave that check to the routes).
const search = async (...a: Parameters<typeof searchUnchecked>) =>
  SearchResultSchema.parse(await searchUnchecked(...a));
const entityDetail = async (...a: Parameters<typeof entityDetailUnchecked>) =>
  EntityDetailSchema.parse(await entityDetailUnchecked(...a));
const expand = async (...a: Parameters<typeof expandUnchecked>) =>
  ExpandResultSchema.parse(await expandUnchecked(...a));

const db = testDb();
const t = tag('x');
const { hmacKey, encKey } = TEST_SECRETS;

const nanchang = expandScope(['360100']);
const shangrao = expandScope(['361100']);
const province = expandScope(['360000']);
const jiujiang = expandScope(['360400']);

const fixture = exploreFixture(t, hmacKey, encKey);
const F = fixture.keys;
const { idNumber, mobile, card, phoneCipher, idCipher, acctCipher } = fixture.secrets;

beforeAll(async () => {
  await fixture.write(db);
}, 120_000);

afterAll(async () => {
  await fixture.remove(db);
  await db.close();
});

/** Every page of a search, following cursors. */
async function searchAll(scope: Scope, q: string, limit = 100): Promise<SearchItem[]> {
  const items: SearchItem[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 50; page++) {
    const result = await search(db, scope, { q, limit, hmacKey, ...(cursor ? { cursor } : {}) });
    items.push(...result.items);
    if (!result.nextCursor) break;
    cursor = result.nextCursor;
  }
  return items;
}
const keys = (items: { key: string }[]) => items.map((i) => i.key);

async function notFound(run: () => Promise<unknown>): Promise<NotFoundError> {
  const error = await run().then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(NotFoundError);
  return error as NotFoundError;
}

describe('explore statements', () => {
  it('apply the region-scope rule of auth/scope.ts to every node they return or count', () => {
    const rule = (v: string) => SCOPE_RULE.replaceAll('n.seenIn', `${v}.seenIn`).replaceAll('(n)', `(${v})`);
    const expected: Record<string, string[]> = {
      'explore/find-identifiers': ['n'],
      'explore/search-text': ['n'],
      'explore/get-entity': ['n', 'b', 'k', 'm'],
      'explore/expand-entity': ['n', 'm'],
      'explore/find-paths': ['a', 'b', 'y'],
    };
    const explore = registeredQueries().filter((q) => q.name.startsWith('explore/'));
    expect(new Set(explore.map((q) => q.name.split('#')[0]))).toEqual(new Set(Object.keys(expected)));
    for (const q of explore) {
      for (const v of expected[q.name.split('#')[0] as string] ?? []) expect(q.text, q.name).toContain(rule(v));
    }
  });

  it('walk every relationship type of the model (the list is written out so dense nodes expand by type)', () => {
    for (const q of registeredQueries().filter((x) => /^explore\/(get|expand)-entity#/.test(x.name))) {
      const written = /\(n\)-\[r:([A-Z_|]+)\]-\(m\)/.exec(q.text)?.[1]?.split('|');
      expect(written?.sort(), q.name).toEqual([...REL_TYPE_NAMES].sort());
    }
  });
});

describe('search', () => {
  it('finds the case and firm by Chinese text within the scope, and not those of other regions', async () => {
    const found = keys(await searchAll(nanchang, '茅台'));
    expect(found).toContain(F.caseA);
    expect(found).toContain(F.companyA);
    expect(found).not.toContain(F.caseB);
    expect(found).not.toContain(F.companyB);
    const items = await searchAll(nanchang, '假冒茅台酒');
    const hit = items.find((i) => i.key === F.caseA);
    expect(hit).toMatchObject({ label: 'Case', name: '关于销售假冒茅台酒案', snippet: F.caseNoA, matchedBy: 'text' });
    expect(hit?.regionCodes).toEqual([A]);

    const fromShangrao = keys(await searchAll(shangrao, '茅台'));
    expect(fromShangrao).toEqual(expect.arrayContaining([F.caseB, F.companyB, F.companyA]));
    expect(fromShangrao).not.toContain(F.caseA);
    expect(keys(await searchAll(province, '茅台'))).toEqual(
      expect.arrayContaining([F.caseA, F.caseB, F.companyA, F.companyB]),
    );
    expect(keys(await searchAll(jiujiang, '茅台'))).not.toContain(F.companyA);
  });

  it('finds aliases and addresses, and names a firm only by what its scope may see', async () => {
    const alias = (await searchAll(nanchang, '洪城名酒行')).find((i) => i.key === F.companyA);
    expect(alias).toMatchObject({ name: '南昌东湖茅台酒经营部', snippet: '洪城名酒行' });
    // Reported by 上饶 too, but a 南昌 reader is told only of the regions in their scope.
    expect(alias?.regionCodes).toEqual([A]);
    expect(keys(await searchAll(shangrao, `${t}路`))).toContain(F.addressB);
    expect(keys(await searchAll(nanchang, `${t}路`))).not.toContain(F.addressB);
  });

  it('finds a name by one Chinese character wherever it stands in the name, within the scope only', async () => {
    // 欧阳明辉: 欧 opens the name, 阳 is inside it, 辉 ends it; the index holds only the bigrams.
    for (const q of ['欧', '阳', '辉']) {
      expect(keys(await searchAll(nanchang, q)), q).toContain(F.person);
      expect(keys(await searchAll(shangrao, q)), q).not.toContain(F.person);
    }
    expect(keys(await searchAll(nanchang, '辉 明辉'))).toContain(F.person);
    expect(keys(await searchAll(nanchang, '辉 茅台'))).not.toContain(F.person);
  });

  it('says a short answer may be partial when the matches were more than the search read', async () => {
    // A scan of one: Lucene hands over one of the 茅台 matches, and there are more.
    const cut = await search(db, nanchang, { q: '茅台', limit: 50, hmacKey }, { scan: 1 });
    expect(cut.nextCursor).toBeNull();
    expect(cut.partial).toBe(true);
    const whole = await search(db, nanchang, { q: '茅台', limit: 50, hmacKey });
    expect(whole.partial).toBe(false);
    expect(keys(whole.items)).toEqual(expect.arrayContaining([F.caseA, F.companyA]));
    // Identifier hits are exact: never partial.
    expect((await search(db, nanchang, { q: F.usccA, hmacKey }, { scan: 1 })).partial).toBe(false);
  });

  it('matches a USCC exactly, first, and only within the scope', async () => {
    const result = await search(db, nanchang, { q: ` ${F.usccA.toLowerCase()} `, hmacKey });
    expect(result.items[0]).toMatchObject({ key: F.companyA, label: 'Company', matchedBy: 'identifier' });
    expect(keys(result.items).filter((k) => k === F.companyA)).toHaveLength(1);
    expect(keys((await search(db, nanchang, { q: F.usccB, hmacKey })).items)).not.toContain(F.companyB);
    expect((await search(db, shangrao, { q: F.usccB, hmacKey })).items[0]?.key).toBe(F.companyB);
  });

  it('matches a phone typed in clear through its HMAC key and shows only the masked form', async () => {
    const fullWidth = mobile.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    for (const q of [mobile, `+86 ${mobile.slice(0, 3)} ${mobile.slice(3, 7)} ${mobile.slice(7)}`, fullWidth]) {
      const result = await search(db, nanchang, { q, hmacKey });
      expect(result.items[0], q).toMatchObject({
        key: F.phone,
        label: 'Phone',
        name: `139****${mobile.slice(-4)}`,
        matchedBy: 'identifier',
      });
      const json = JSON.stringify(result);
      expect(json).not.toContain(mobile);
      expect(json).not.toContain(phoneCipher);
    }
    // Another instance's key finds nothing: the number itself is never stored.
    const other = await search(db, nanchang, { q: mobile, hmacKey: randomBytes(32) });
    expect(keys(other.items)).not.toContain(F.phone);
    expect(keys((await search(db, shangrao, { q: mobile, hmacKey })).items)).not.toContain(F.phone);
  });

  it('matches a resident ID number through its HMAC key; a person shows name and masked ID only', async () => {
    const result = await search(db, nanchang, { q: idNumber, hmacKey });
    const item = result.items[0];
    expect(item).toMatchObject({ key: F.person, label: 'Person', name: '欧阳明辉', matchedBy: 'identifier' });
    expect(item?.snippet).toBe(`3601**********${idNumber.slice(-4)}`);
    expect(Object.keys(item ?? {}).sort()).toEqual(
      ['key', 'label', 'matchedBy', 'name', 'regionCodes', 'score', 'snippet'].sort(),
    );
    const byName = (await searchAll(nanchang, '欧阳明辉')).find((i) => i.key === F.person);
    expect(byName).toMatchObject({ matchedBy: 'text', snippet: item?.snippet });
    expect(JSON.stringify(result)).not.toContain(idNumber);
    expect(JSON.stringify(result)).not.toContain(idCipher);
  });

  it('matches a waybill number, shared between regions, for both', async () => {
    for (const scope of [nanchang, shangrao]) {
      const result = await search(db, scope, { q: F.waybill.toLowerCase(), hmacKey });
      expect(result.items[0]).toMatchObject({
        key: F.shipment,
        label: 'Shipment',
        name: `顺丰速运 ${F.waybill}`,
        matchedBy: 'identifier',
      });
    }
    expect(keys((await search(db, jiujiang, { q: F.waybill, hmacKey })).items)).not.toContain(F.shipment);
  });

  it('matches a bank card as typed (by its HMAC key) and a shop by its platform id, within scope', async () => {
    const spaced = card.replace(/(\d{4})(?=\d)/g, '$1 ');
    for (const q of [card, spaced]) {
      const result = await search(db, nanchang, { q, hmacKey });
      expect(result.items[0], q).toMatchObject({ key: F.account, label: 'Account', matchedBy: 'identifier' });
      expect(JSON.stringify(result)).not.toContain(card);
    }
    expect(keys((await search(db, shangrao, { q: card, hmacKey })).items)).not.toContain(F.account);
    const shop = await search(db, nanchang, { q: `${t}-a2`, hmacKey });
    expect(shop.items[0]).toMatchObject({ key: F.shopsA[1], label: 'Shop', matchedBy: 'identifier' });
    expect(keys((await search(db, nanchang, { q: `${t}-b1`, hmacKey })).items)).not.toContain(F.shopsB[0]);
  });

  it('matches a case number in any bracket style, ahead of text hits', async () => {
    for (const q of [
      F.caseNoA,
      F.caseNoA.replace('〔', '[').replace('〕', ']'),
      F.caseNoA.replace('〔', '（').replace('〕', '）'),
    ]) {
      const result = await search(db, nanchang, { q, hmacKey });
      expect(result.items[0], q).toMatchObject({ key: F.caseA, matchedBy: 'identifier' });
    }
    expect(keys((await search(db, nanchang, { q: F.caseNoB, hmacKey })).items)).not.toContain(F.caseB);
  });

  it('takes Lucene syntax as plain text and never fails on it', async () => {
    for (const q of [
      'AND OR "(*',
      '*',
      '"',
      '\\',
      'title:茅台',
      '茅台 AND',
      '((( ',
      'NOT',
      '~1^2',
      '茅台" OR "*',
      '-',
      '/',
      '&&||!',
    ]) {
      const result = await search(db, nanchang, { q, hmacKey });
      expect(SearchResultSchema.parse(result), q).toEqual(result);
    }
  });

  it('pages with a cursor that belongs to its query', async () => {
    const all = await searchAll(province, '茅台', 100);
    const paged = await searchAll(province, '茅台', 1);
    expect(paged.length).toBeGreaterThanOrEqual(4);
    expect(keys(paged)).toEqual(keys(all).slice(0, paged.length));
    expect(new Set(keys(paged)).size).toBe(paged.length);

    const first = await search(db, province, { q: '茅台', limit: 1, hmacKey });
    expect(first.items).toHaveLength(1);
    expect(first.nextCursor).toEqual(expect.any(String));
    const cursor = first.nextCursor as string;
    await expect(search(db, province, { q: '酒', cursor, hmacKey })).rejects.toThrow(ValidationError);
    await expect(search(db, province, { q: '茅台', labels: ['Case'], cursor, hmacKey })).rejects.toThrow(
      ValidationError,
    );
    await expect(search(db, province, { q: '茅台', cursor: 'not-a-cursor', hmacKey })).rejects.toThrow(ValidationError);
    // The page size may change between pages of one query.
    const second = await search(db, province, { q: '茅台', limit: 3, cursor, hmacKey });
    expect(keys(second.items)).toEqual(keys(all).slice(1, 4));
  });

  it('filters by label and validates its options like an HTTP query string', async () => {
    const cases = await searchAll(province, '茅台');
    const onlyCases = await search(db, province, { q: '茅台', labels: 'Case', limit: 100, hmacKey });
    expect(onlyCases.items.every((i) => i.label === 'Case')).toBe(true);
    expect(keys(onlyCases.items)).toEqual(keys(cases.filter((i) => i.label === 'Case')).slice(0, 100));
    expect(SearchQuerySchema.parse({ q: '茅台', limit: '5', labels: 'Case,Company' })).toEqual({
      q: '茅台',
      limit: 5,
      labels: ['Case', 'Company'],
    });
    expect(SearchQuerySchema.safeParse({ q: '茅台', limit: '101' }).success).toBe(false);
    expect(SearchQuerySchema.safeParse({ q: '茅台', labels: 'Region' }).success).toBe(false);
    await expect(search(db, province, { q: '茅台', limit: 500, hmacKey })).rejects.toThrow(ValidationError);
    await expect(search(db, province, { q: '   ', hmacKey })).rejects.toThrow(ValidationError);
  });
});

describe('entity detail', () => {
  it('reports an out-of-scope entity exactly like a missing one', async () => {
    const outside = await notFound(() => entityDetail(db, nanchang, F.companyB));
    const missing = await notFound(() => entityDetail(db, nanchang, `uscc:${t}MISSING`));
    const unknownPrefix = await notFound(() => entityDetail(db, nanchang, `zzz:${t}`));
    expect(outside.message).toBe(entityNotFound(F.companyB).message);
    expect(missing.message).toBe(entityNotFound(`uscc:${t}MISSING`).message);
    expect(unknownPrefix.message).toBe(entityNotFound(`zzz:${t}`).message);
    expect(outside.message.replace(F.companyB, '<key>')).toBe(missing.message.replace(`uscc:${t}MISSING`, '<key>'));
    expect([outside.type, outside.status, outside.details]).toEqual([missing.type, missing.status, missing.details]);
    await notFound(() => entityDetail(db, jiujiang, F.companyA));
    await notFound(() => entityDetail(db, shangrao, F.caseA));
  });

  it('shows whitelisted properties, regions in scope, scoped provenance and cases', async () => {
    const d = await entityDetail(db, nanchang, F.companyA);
    expect(EntityDetailSchema.parse(d)).toEqual(d);
    expect(d).toMatchObject({
      key: F.companyA,
      label: 'Company',
      name: '南昌东湖茅台酒经营部',
      aliases: ['洪城名酒行'],
    });
    expect(d.properties).toEqual({ name: '南昌东湖茅台酒经营部', uscc: F.usccA, usccValid: true });
    expect(d.regions).toEqual({ located: [{ code: A, name: '东湖区' }], reportedBy: [A] });
    expect(d.provenance.batches).toEqual([
      {
        id: F.batchA,
        file: '东湖区案件登记.csv',
        sourceSystem: 'case-register',
        regionCode: A,
        dept: '东湖区市场监管局',
        loadedAt: expect.stringMatching(/^2024-06-01T09:00/) as string,
        lines: [2, 9],
      },
    ]);
    expect(d.provenance.otherSources).toBe(1);
    expect(d.provenance.truncated).toBe(true);
    expect(d.cases).toEqual([
      {
        key: F.caseA,
        caseNo: F.caseNoA,
        title: '关于销售假冒茅台酒案',
        type: '侵犯注册商标专用权',
        status: '立案',
        openedAt: '2024-05-01',
        relation: 'INVOLVES',
        role: '当事人',
      },
    ]);
    expect(d.caseCount).toBe(1);
    expect(d.neighbourCounts).toEqual([
      { type: 'HOLDS', direction: 'out', count: 1 },
      { type: 'INVOLVES', direction: 'in', count: 1 },
      { type: 'LEGAL_REP_OF', direction: 'in', count: 1 },
      { type: 'OPERATES', direction: 'out', count: 5 },
      { type: 'SENT_TO', direction: 'in', count: 1 },
      { type: 'USES_PHONE', direction: 'out', count: 1 },
    ]);
    expect(d.partial).toBe(false);
    for (const hidden of ['上饶', B, F.batchB, F.caseB]) expect(JSON.stringify(d)).not.toContain(hidden);
  });

  it('never returns ciphertext; personal identifiers only masked', async () => {
    const details = [
      await entityDetail(db, nanchang, F.person),
      await entityDetail(db, nanchang, F.phone),
      await entityDetail(db, nanchang, F.account),
    ];
    const json = JSON.stringify(details);
    for (const secret of [
      phoneCipher,
      idCipher,
      acctCipher,
      mobile,
      idNumber,
      '"enc"',
      'idEnc',
      'v1:',
      'archivedAs',
      '/secret/',
    ]) {
      expect(json).not.toContain(secret);
    }
    const [person, phone, account] = details;
    expect(person?.properties).toEqual({
      name: '欧阳明辉',
      idMasked: `3601**********${idNumber.slice(-4)}`,
      gender: 'M',
      birthYear: 1985,
    });
    expect(phone).toMatchObject({
      name: `139****${mobile.slice(-4)}`,
      properties: { masked: `139****${mobile.slice(-4)}` },
    });
    expect(account).toMatchObject({
      name: '622202*********1234 (bank)',
      properties: { channel: 'bank', bank: '工商银行' },
    });
    expect(person?.regions).toEqual({ located: [], reportedBy: [A] });
  });

  it('shows a province user every case and source', async () => {
    const d = await entityDetail(db, province, F.companyA);
    expect(keys(d.cases)).toEqual([F.caseA, F.caseB]);
    expect(d.provenance.batches.map((b) => [b.id, b.lines])).toEqual([
      [F.batchA, [2, 9]],
      [F.batchB, [7]],
    ]);
    expect(d.provenance.otherSources).toBe(0);
    expect(d.regions.reportedBy).toEqual([A, B]);
    expect(d.neighbourCounts).toContainEqual({ type: 'OPERATES', direction: 'out', count: 7 });
    expect(d.neighbourCounts).toContainEqual({ type: 'INVOLVES', direction: 'in', count: 2 });
    const b = await entityDetail(db, province, F.companyB);
    expect(b.regions.located).toEqual([{ code: B, name: '上饶市' }]);
  });
});

describe('expand', () => {
  it('groups in-scope neighbours by type and direction, caps them and counts the rest in scope only', async () => {
    const r = await expand(db, nanchang, F.companyA, { limitPerType: '2' });
    expect(ExpandResultSchema.parse(r)).toEqual(r);
    expect(r.node).toEqual({ key: F.companyA, label: 'Company', name: '南昌东湖茅台酒经营部', regionCodes: [A] });
    const summary = r.groups.map((g) => [g.type, g.direction, keys(g.items), g.more]);
    expect(summary).toEqual([
      ['HOLDS', 'out', [F.account], 0],
      ['INVOLVES', 'in', [F.caseA], 0],
      ['LEGAL_REP_OF', 'in', [F.person], 0],
      ['OPERATES', 'out', F.shopsA.slice(0, 2), 3],
      ['SENT_TO', 'in', [F.shipment], 0],
      ['USES_PHONE', 'out', [F.phone], 0],
    ]);
    const involves = r.groups.find((g) => g.type === 'INVOLVES');
    expect(involves?.items[0]).toEqual({
      key: F.caseA,
      label: 'Case',
      name: '关于销售假冒茅台酒案',
      regionCodes: [A],
      at: '2024-05-01',
      relationship: { properties: { role: '当事人' }, srcCount: 3 },
    });
    // Events carry when and how much, for the workbench's time and flow filters.
    const parcel = r.groups.find((g) => g.type === 'SENT_TO')?.items[0];
    expect(parcel).toMatchObject({ key: F.shipment, label: 'Shipment', at: '2024-04-20T09:30:00', amount: 12 });
    const phone = r.groups.find((g) => g.type === 'USES_PHONE')?.items[0];
    expect(phone?.name).toBe(`139****${mobile.slice(-4)}`);
    const json = JSON.stringify(r);
    for (const hidden of [F.caseB, F.companyB, ...F.shopsB, phoneCipher, acctCipher, 'not on any whitelist'])
      expect(json).not.toContain(hidden);
    expect(r.partial).toBe(false);
  });

  it('filters by type and direction, deterministically', async () => {
    const r = await expand(db, nanchang, F.companyA, {
      types: 'OPERATES,USES_PHONE',
      direction: 'out',
      limitPerType: 3,
    });
    expect(r.groups.map((g) => [g.type, keys(g.items), g.more])).toEqual([
      ['OPERATES', F.shopsA.slice(0, 3), 2],
      ['USES_PHONE', [F.phone], 0],
    ]);
    expect(await expand(db, nanchang, F.companyA, { types: ['OPERATES'], direction: 'out', limitPerType: 3 })).toEqual({
      ...r,
      groups: r.groups.slice(0, 1),
    });
    const incoming = await expand(db, nanchang, F.companyA, { types: ['OPERATES'], direction: 'in' });
    expect(incoming.groups).toEqual([]);
  });

  it('leaves out-of-scope neighbours unlisted and uncounted; a province user sees them all', async () => {
    const shipment = await expand(db, nanchang, F.shipment);
    expect(shipment.groups.map((g) => [g.type, g.direction, keys(g.items), g.more])).toEqual([
      ['SENT_TO', 'out', [F.companyA], 0],
    ]);
    const wide = await expand(db, province, F.companyA, { limitPerType: 2 });
    const more = Object.fromEntries(wide.groups.map((g) => [`${g.type}:${g.direction}`, [keys(g.items), g.more]]));
    expect(more['OPERATES:out']).toEqual([F.shopsA.slice(0, 2), 5]);
    expect(more['INVOLVES:in']).toEqual([[F.caseA, F.caseB].sort(), 0]);
    const fromShipment = await expand(db, province, F.shipment);
    expect(fromShipment.groups.map((g) => g.type)).toEqual(['SENT_BY', 'SENT_TO']);
  });

  it('treats an out-of-scope or missing key as not found, and refuses bad options', async () => {
    const outside = await notFound(() => expand(db, nanchang, F.companyB));
    expect(outside.message).toBe(entityNotFound(F.companyB).message);
    await notFound(() => expand(db, nanchang, `uscc:${t}MISSING`));
    await notFound(() => expand(db, shangrao, F.phone));
    await expect(expand(db, nanchang, F.companyA, { limitPerType: 201 })).rejects.toThrow(ValidationError);
    await expect(expand(db, nanchang, F.companyA, { types: ['IN_REGION' as 'HOLDS'] })).rejects.toThrow(
      ValidationError,
    );
    expect(ExpandQuerySchema.parse({ limitPerType: '7', types: 'HOLDS' })).toEqual({
      limitPerType: 7,
      types: ['HOLDS'],
      direction: 'both',
    });
    expect(ExpandQuerySchema.safeParse({ limitPerType: '0' }).success).toBe(false);
  });
});
