/**
 * A community as a region-scoped reader sees it: evidence whose record lies outside the scope (a
 * case another region registered, an address no visible source reports) is left out with its note,
 * which names that record; a manufacturer's reasons name no one the reader may not see.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expandScope } from '../../server/auth/scope.ts';
import { LEGAL_REP_SHIPS } from '../../server/detect/chains.ts';
import { getScopedCommunity, listScopedCommunities } from '../../server/detect/scoped.ts';
import { tag, testDb } from '../support/db.ts';
import { emptyFixture, writeFixture } from '../support/graph-fixture.ts';

const db = testDb();
const p = tag('SC').toUpperCase();
const firm = `uscc:${p}FIRM`;
const rep = `pid:${p}REP`;
const farRep = `pid:${p}FARREP`;
const ownCase = { key: `case:${p}OWN`, caseNo: `洪东市监立〔2024〕${p}1号`, title: `${p}销售假冒白酒案` };
const farCase = { key: `case:${p}FAR`, caseNo: `余市监立〔2024〕${p}2号`, title: `${p}仓储假冒白酒案` };
const address = { key: `addr:${p}余干县某路8号`, text: `余干县某路8号${p}` };
const runId = `run-${p}`;
const communityId = `${runId}-c1`;

beforeAll(async () => {
  const g = emptyFixture();
  g.parties.push(
    { key: firm, label: 'Company', name: `南昌${p}酒业有限公司`, region: '360102' },
    { key: rep, label: 'Person', name: `张${p}`, region: '360102' },
    { key: farRep, label: 'Person', name: `王${p}`, region: '361127' },
  );
  g.cases.push(
    { ...ownCase, type: '假冒注册商标', region: '360102', parties: [firm] },
    { ...farCase, type: '假冒注册商标', region: '361127', parties: [firm] },
  );
  g.addresses.push({ key: address.key, text: address.text, holders: [firm, rep] });
  await writeFixture(db, g);
  const party = (key: string, name: string, label: string) => ({ key, name, label });
  const evidence = [
    {
      kind: 'case',
      parties: [party(firm, 'f', 'Company')],
      count: 1,
      records: [ownCase.key],
      note: `${ownCase.caseNo} ${ownCase.title}`,
    },
    {
      kind: 'case',
      parties: [party(firm, 'f', 'Company')],
      count: 1,
      records: [farCase.key],
      note: `${farCase.caseNo} ${farCase.title}`,
    },
    {
      kind: 'shared',
      parties: [party(firm, 'f', 'Company'), party(rep, 'r', 'Person')],
      count: 2,
      records: [address.key],
      note: `共用地址 ${address.text}`,
    },
    {
      kind: 'officer',
      from: party(rep, 'r', 'Person'),
      to: party(firm, 'f', 'Company'),
      count: 1,
      records: [],
      note: 'LEGAL_REP_OF',
    },
  ];
  const manufacturers = [
    // As runs stored before the reason stopped naming the representative wrote it.
    {
      key: firm,
      name: `南昌${p}酒业有限公司`,
      label: 'Company',
      score: 0.9,
      reasons: [
        `法定代表人 王${p} 以个人名义发货 / its legal representative ships in person`,
        '最早发货 / first to ship',
      ],
    },
  ];
  await db.autoCommit(
    `CREATE (r:DetectionRun {id: $runId, status: 'complete', current: false, params: '{}', startedAt: datetime(), finishedAt: datetime()})
     CREATE (k:Community {id: $id, runId: $runId, number: 1, score: 0.9, flagged: true, size: 3, consumers: 0,
                          stages: ['production'], regions: ['360102', '361127'], brands: [], cases: $cases,
                          manufacturer: $firm, evidence: $evidence, manufacturers: $manufacturers, breakdown: '[]', gaps: []})-[:IN_RUN]->(r)
     WITH k UNWIND $members AS key
     MATCH (p) WHERE (p:Company OR p:Person) AND p.key = key
     CREATE (p)-[:MEMBER_OF {stage: 'production', role: 'member', runId: $runId}]->(k)`,
    'test/scoped community',
    {
      runId,
      id: communityId,
      firm,
      cases: [ownCase.key, farCase.key],
      evidence: JSON.stringify(evidence),
      manufacturers: JSON.stringify(manufacturers),
      members: [firm, rep, farRep],
    },
  );
});

afterAll(async () => {
  await db.autoCommit(
    `MATCH (r:DetectionRun {id: $runId}) OPTIONAL MATCH (c:Community)-[:IN_RUN]->(r) DETACH DELETE c, r`,
    'test/cleanup run',
    { runId },
  );
  await db.autoCommit(
    `MATCH (n) WHERE (n:Company OR n:Person OR n:Case OR n:Address) AND n.key CONTAINS $p DETACH DELETE n`,
    'test/cleanup',
    { p },
  );
  await db.close();
});

describe('a community in a region scope', () => {
  it('leaves out a case or shared address outside the scope, with the note that names it', async () => {
    const c = await getScopedCommunity(db, expandScope(['360102']), communityId);
    const text = JSON.stringify(c);
    for (const hidden of [farCase.caseNo, farCase.title, address.text, `王${p}`]) expect(text).not.toContain(hidden);
    expect(c.evidence.map((e) => e.kind).sort()).toEqual(['case', 'officer']);
    expect(c.evidence.find((e) => e.kind === 'case')?.note).toContain(ownCase.caseNo);
    expect(c.cases).toEqual([ownCase.key]);
    expect(c.outsideScope).toEqual({ members: 1, evidence: 2, cases: 1 });
    expect(c.manufacturers[0]?.reasons).toEqual([LEGAL_REP_SHIPS, '最早发货 / first to ship']);
  });

  it('stars a phone number in a manufacturer’s name in the list of communities', async () => {
    // As a run stores it: the name the manufacturer had when the run was made.
    await db.autoCommit('MATCH (k:Community {id: $id}) SET k.manufacturerName = $name', 'test/name with a phone', {
      id: communityId,
      name: `南昌${p}经营部13912345678`,
    });
    const rows = await listScopedCommunities(db, expandScope(['360102']), { runId });
    expect(rows.find((r) => r.id === communityId)?.manufacturerName).toBe(`南昌${p}经营部139******78`);
  });

  it('shows the other region’s case to a reader whose scope covers it', async () => {
    const c = await getScopedCommunity(db, expandScope(['360000']), communityId);
    expect(c.evidence.filter((e) => e.kind === 'case').map((e) => e.note)).toEqual([
      `${ownCase.caseNo} ${ownCase.title}`,
      `${farCase.caseNo} ${farCase.title}`,
    ]);
    expect(c.outsideScope.cases).toBe(0);
  });
});
