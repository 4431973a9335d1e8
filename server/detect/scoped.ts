/**
 * Detection results as a region-scoped user sees them. A community is visible when at least one of
 * its members is in the caller's scope; inside it, members, manufacturers, evidence and cases outside
 * the scope are left out (only their number is said), so an out-of-scope party or case is as absent
 * here as everywhere else. An evidence item is shown when every party it names is visible and, for
 * a case or a shared address, phone or account, when that record is too: such an item's note names
 * its record (a case's number and title, an address), so the note is the record. Aggregates of the
 * community (size, score, regions, brands) stay: they name nobody.
 */
import { visibleKeys } from '../auth/visibility.ts';
import type { Scope } from '../auth/scope.ts';
import type { Db } from '../db/db.ts';
import { maskDigitRuns } from '../domain/pii.ts';
import { NotFoundError } from '../errors.ts';
import { LEGAL_REP_SHIPS } from './chains.ts';
import { listCommunitiesInScope } from './queries.ts';
import { getCommunityDetail, type CommunityDetail } from './service.ts';

export async function listScopedCommunities(
  db: Db,
  scope: Scope,
  options: { runId?: string | null; flaggedOnly?: boolean; offset?: number; limit?: number } = {},
) {
  const rows = await db.run(listCommunitiesInScope, {
    runId: options.runId ?? null,
    flaggedOnly: options.flaggedOnly ?? false,
    skip: options.offset ?? 0,
    limit: options.limit ?? 50,
    scope: [...scope.codes],
  });
  // A name is free text: a long digit run in one may be a phone number (pii.ts shownProperty).
  return rows.map((r) => (r.manufacturerName ? { ...r, manufacturerName: maskDigitRuns(r.manufacturerName) } : r));
}

/** Evidence kinds whose record is their subject, named in their note. */
const RECORD_SUBJECTS = new Set(['case', 'shared']);
/** The legal-representative reason as runs stored before LEGAL_REP_SHIPS wrote it, naming the person. */
const NAMED_LEGAL_REP = /^法定代表人 .* 以个人名义发货/;

export type ScopedCommunity = CommunityDetail & {
  /** How much was left out because it lies outside the caller's region scope. */
  outsideScope: { members: number; evidence: number; cases: number };
};

export async function getScopedCommunity(db: Db, scope: Scope, id: string): Promise<ScopedCommunity> {
  const missing = () => new NotFoundError(`community ${id} not found`);
  let detail: CommunityDetail;
  try {
    detail = await getCommunityDetail(db, id);
  } catch (error) {
    if (error instanceof NotFoundError) throw missing();
    throw error;
  }
  const keys: string[] = [...detail.cases];
  for (const s of detail.chain) for (const m of s.members) keys.push(m.key);
  for (const m of detail.manufacturers) keys.push(m.key);
  for (const e of detail.evidence) {
    for (const p of [e.from, e.to, ...(e.parties ?? [])]) if (p) keys.push(p.key);
    for (const r of e.records) keys.push(r.key);
  }
  const visible = await visibleKeys(db, scope, keys);
  const members = detail.chain.reduce((n, s) => n + s.members.length, 0);
  // Names and notes are free text, as above.
  const named = <P extends { name: string | null } | null | undefined>(p: P): P =>
    p && p.name ? { ...p, name: maskDigitRuns(p.name) } : p;
  const chain = detail.chain
    .map((s) => ({ ...s, members: s.members.filter((m) => visible.has(m.key)).map(named) }))
    .filter((s) => s.members.length > 0);
  const shown = chain.reduce((n, s) => n + s.members.length, 0);
  if (shown === 0) throw missing();
  const seen = (p: { key: string } | null | undefined) => !p || visible.has(p.key);
  const evidence = detail.evidence
    .filter((e) => seen(e.from) && seen(e.to) && (e.parties ?? []).every(seen))
    .map((e) => ({
      ...e,
      from: named(e.from),
      to: named(e.to),
      ...(e.parties ? { parties: e.parties.map(named) } : {}),
      note: maskDigitRuns(e.note),
      records: e.records.filter((r) => visible.has(r.key)),
    }))
    .filter((e) => !RECORD_SUBJECTS.has(e.kind) || e.records.length > 0);
  const cases = detail.cases.filter((k) => visible.has(k));
  return {
    ...detail,
    chain,
    cases,
    manufacturers: detail.manufacturers
      .filter((m) => visible.has(m.key))
      .map((m) => ({
        ...named(m),
        reasons: m.reasons.map((r) => (NAMED_LEGAL_REP.test(r) ? LEGAL_REP_SHIPS : r)),
      })),
    evidence,
    outsideScope: {
      members: members - shown,
      evidence: detail.evidence.length - evidence.length,
      cases: detail.cases.length - cases.length,
    },
  };
}
