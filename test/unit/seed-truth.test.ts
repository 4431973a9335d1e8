import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normaliseCompanyName } from '../../server/domain/keys.ts';
import { maskName } from '../../server/domain/pii.ts';
import { parseCsvLine, SOURCE_BY_ID, TRUTH_SCHEMA_VERSION } from '../../seed/index.ts';
import { csvLines, removeDir, seedInto } from './seed-helpers.ts';

type Ref = [number, number, string];
interface Identity {
  id: string;
  kind: string;
  label: string;
  network: string | null;
  keys: string[];
  refs: Ref[];
}
interface Member {
  entity: string;
  kind: string;
  stage: string;
  role: string;
  keys: string[];
}
interface Truth {
  schemaVersion: number;
  files: { file: string; sourceSystem: string; regionCode: string }[];
  invalidRows: { file: string; line: number; reason: string }[];
  networks: {
    id: string;
    members: Member[];
    manufacturers: string[];
    reportingRegions: string[];
    chainOrder: string[];
    timeline: Record<string, [string, string]>;
    flows: { from: string; to: string; type: string }[];
    cases: string[];
    sharedIdentifiers: { kind: string; key: string; holders: string[] }[];
  }[];
  identities: Identity[];
  hubs: { type: string }[];
}

/** Near-equal normalised firm names: the seed plants one-character typos on purpose. */
function sameFirm(a: string, b: string): boolean {
  const x = normaliseCompanyName(a);
  const y = normaliseCompanyName(b);
  if (x === y) return true;
  if ([...x].length !== [...y].length) return false;
  return [...x].filter((ch, i) => ch !== [...y][i]).length <= 1;
}

describe('seed truth', () => {
  let dir = '';
  let truth: Truth;
  let byId: Map<string, Identity>;
  const lines = new Map<string, string[]>();
  const row = (file: string, line: number) => {
    if (!lines.has(file)) lines.set(file, csvLines(path.join(dir, file)));
    return parseCsvLine(lines.get(file)?.[line - 1] ?? '');
  };

  beforeAll(async () => {
    ({ dir } = await seedInto({ seed: 31 }));
    truth = JSON.parse(fs.readFileSync(path.join(dir, 'truth.json'), 'utf8')) as Truth;
    byId = new Map(truth.identities.map((e) => [e.id, e]));
  });
  afterAll(() => removeDir(dir));

  it('is versioned and plants six networks with hubs listed', () => {
    expect(truth.schemaVersion).toBe(TRUTH_SCHEMA_VERSION);
    expect(truth.networks).toHaveLength(6);
    expect(new Set(truth.hubs.map((h) => h.type))).toEqual(
      new Set(['wholesale-market', 'office-tower', 'registration-agent', 'payment-platform', 'courier']),
    );
  });

  it('every member appears in some file, in the column its reference names', () => {
    const invalid = new Set(
      truth.invalidRows.filter((r) => r.reason === 'column-count').map((r) => `${r.file}:${r.line}`),
    );
    for (const net of truth.networks) {
      for (const m of net.members) {
        const e = byId.get(m.entity);
        expect(e, m.entity).toBeDefined();
        if (!e) continue;
        expect(e.refs.length, `${net.id} ${m.role} ${e.label}`).toBeGreaterThan(0);
        for (const [fi, line, field] of e.refs) {
          const file = truth.files[fi] as Truth['files'][number];
          if (invalid.has(`${file.file}:${line}`)) continue;
          const source = SOURCE_BY_ID.get(file.sourceSystem);
          const cell = row(file.file, line)[source?.columns.findIndex((c) => c.name === field) ?? -1] ?? '';
          const where = `${e.label} @ ${file.file}:${line} ${field}=${cell}`;
          if (e.kind === 'Person') expect([e.label, maskName(e.label)], where).toContain(cell);
          else if (e.kind === 'Company') expect(sameFirm(cell, e.label), where).toBe(true);
          else if (e.kind === 'Shop')
            expect([e.label], where).toContain(cell.length > 0 && /^\w+$/.test(cell) ? e.label : cell);
        }
      }
    }
  });

  it('gives members identity keys and links manufacturers, flows and cases to them', () => {
    for (const net of truth.networks) {
      const ids = new Set(net.members.map((m) => m.entity));
      expect(net.manufacturers.length).toBeGreaterThan(0);
      for (const id of net.manufacturers) expect(ids.has(id)).toBe(true);
      for (const f of net.flows) expect(ids.has(f.from) && ids.has(f.to)).toBe(true);
      expect(net.flows.some((f) => f.type === 'goods') && net.flows.some((f) => f.type === 'money')).toBe(true);
      expect(net.cases.length).toBeGreaterThan(0);
      for (const c of net.cases) expect(byId.get(c)?.keys.some((k) => k.startsWith('case:case-register:'))).toBe(true);
      const keyed = net.members.filter((m) => m.keys.length > 0).length;
      expect(keyed / net.members.length).toBeGreaterThan(0.9);
      // A firm's registry row may be one of the planted invalid rows; otherwise it carries its USCC.
      const firms = net.members.filter((x) => x.kind === 'Company');
      expect(firms.filter((m) => m.keys.some((k) => k.startsWith('uscc:'))).length / firms.length).toBeGreaterThan(
        0.85,
      );
      for (const s of net.sharedIdentifiers) expect(s.key).toMatch(/^(tel|pid|acct|addr):/);
    }
  });

  it('spreads every network over at least two reporting regions, in stage order', () => {
    for (const net of truth.networks) {
      expect(net.reportingRegions.length, net.id).toBeGreaterThanOrEqual(2);
      const members = new Set(net.members.map((m) => m.entity));
      const seen = new Set<string>();
      for (const id of members)
        for (const [fi] of byId.get(id)?.refs ?? []) seen.add(truth.files[fi]?.regionCode ?? '');
      expect([...seen].sort()).toEqual(net.reportingRegions);
      const starts = net.chainOrder.map((s) => net.timeline[s]?.[0] ?? '');
      expect(starts).toEqual([...starts].sort());
      expect(net.chainOrder).toContain('production');
      expect(net.chainOrder).toContain('retail');
      const firstRetail = net.timeline.retail?.[0] ?? '';
      expect((net.timeline.cases?.[0] ?? '') >= firstRetail).toBe(true);
    }
  });

  it('records identity truth for background entities too, with rows in several files', () => {
    const background = truth.identities.filter((e) => e.network === null && e.refs.length > 1);
    expect(background.length).toBeGreaterThan(100);
    expect(background.some((e) => new Set(e.refs.map((r) => r[0])).size > 1)).toBe(true);
    expect(
      truth.identities.some(
        (e) => e.kind === 'Shipment' && new Set(e.refs.map((r) => truth.files[r[0]]?.regionCode)).size === 2,
      ),
    ).toBe(true);
  });
});
