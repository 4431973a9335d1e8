/**
 * Writes a detection run so that readers never see half of it (DESIGN.md §6.5): the run is opened as
 * "running", its communities and MEMBER_OF links are written in bounded batches (each one moves the
 * run's heartbeat), and one last transaction promotes it to "complete" and current — the previous
 * run stays current until that commit. A failed or cancelled run is marked and its partial
 * communities deleted; a run whose process died is recognised by its stale heartbeat and cleaned up
 * before the next run starts.
 */
import type { Db } from '../db/db.ts';
import type { Chain } from './chains.ts';
import type { DetectionResult } from './pipeline.ts';
import type { Party } from './project.ts';
import {
  completeRun,
  deleteRunCommunities,
  failRun,
  listStaleRuns,
  openRun,
  touchRun,
  PROJECTED_PARTY_LABELS,
  writeCommunities,
  writeMembers,
  type PartyLabel,
} from './queries.ts';

const COMMUNITY_BATCH = 500;
const MEMBER_BATCH = 5_000;
/** A running run without a heartbeat for this long belongs to a process that died. */
export const STALE_SECONDS = 300;

export function communityId(runId: string, number: number): string {
  return `${runId}-${String(number).padStart(4, '0')}`;
}

export async function openRunNode(db: Db, runId: string, params: unknown, startedAt: Date): Promise<void> {
  await db.run(openRun, { id: runId, params: JSON.stringify(params), startedAt: startedAt.toISOString() });
}

export async function writeRun(
  db: Db,
  runId: string,
  result: DetectionResult,
  hooks: {
    signal?: AbortSignal;
    onProgress?: (fraction: number) => void;
    afterBatch?: (batch: number) => Promise<void>;
  } = {},
): Promise<void> {
  const { projection } = result;
  const keyOf = (i: number) => (projection.parties[i] as Party).key;
  const communities = result.chains.map((chain, n) => ({
    id: communityId(runId, n + 1),
    number: n + 1,
    props: communityProps(chain, result),
  }));
  const members: Record<PartyLabel, { key: string; community: string; stage: string; role: string }[]> = {
    Company: [],
    Person: [],
    Shop: [],
  };
  result.chains.forEach((chain, n) => {
    for (const m of chain.members)
      members[(projection.parties[m.party] as Party).label].push({
        key: keyOf(m.party),
        community: communityId(runId, n + 1),
        stage: m.stage,
        role: m.role,
      });
  });
  const total = communities.length + Object.values(members).reduce((s, l) => s + l.length, 0) || 1;
  let done = 0;
  let batch = 0;
  for (let i = 0; i < communities.length; i += COMMUNITY_BATCH) {
    hooks.signal?.throwIfAborted();
    const rows = communities.slice(i, i + COMMUNITY_BATCH);
    const [w] = await db.run(writeCommunities, { runId, rows }, { timeoutMs: 120_000 });
    if ((w?.written ?? 0) === 0)
      throw new Error(`quanlian/detect: run ${runId} is no longer running (cleaned up as stale?)`);
    done += rows.length;
    hooks.onProgress?.(done / total);
    await hooks.afterBatch?.(++batch);
  }
  for (const label of PROJECTED_PARTY_LABELS) {
    const list = members[label];
    for (let i = 0; i < list.length; i += MEMBER_BATCH) {
      hooks.signal?.throwIfAborted();
      const rows = list.slice(i, i + MEMBER_BATCH);
      await db.run(writeMembers[label], { rows }, { timeoutMs: 120_000 });
      done += rows.length;
      hooks.onProgress?.(done / total);
      await hooks.afterBatch?.(++batch);
    }
  }
}

export async function completeRunNode(db: Db, runId: string, result: DetectionResult): Promise<string | null> {
  const [row] = await db.run(completeRun, {
    id: runId,
    props: {
      graphDigest: result.graphDigest,
      modularity: result.partition.modularity,
      counts: JSON.stringify(result.counts),
      timings: JSON.stringify(result.timings),
      hubs: JSON.stringify({
        parties: result.partyHubs.slice(0, 50),
        partiesTotal: result.partyHubs.length,
        identifiers: result.identifierHubs.sort((a, b) => b.holders - a.holders).slice(0, 50),
        identifiersTotal: result.identifierHubs.length,
      }),
    },
  });
  if (!row) throw new Error(`quanlian/detect: run ${runId} is no longer running (was it cleaned up as stale?)`);
  return row.previous;
}

/** Marks a run failed or cancelled and removes whatever of it was written. */
export async function abandonRun(
  db: Db,
  runId: string,
  status: 'failed' | 'cancelled',
  error: string | null,
): Promise<void> {
  await db.run(failRun, { id: runId, status, error });
  await deleteCommunitiesOf(db, runId);
}

/**
 * Cleans up runs left "running" by a process that died, and the communities of failed or cancelled
 * runs whose clean-up was interrupted. Returns the ids of the runs cleaned.
 */
export async function cleanStaleRuns(db: Db, staleSeconds = STALE_SECONDS): Promise<string[]> {
  const stale = await db.run(listStaleRuns, { staleSeconds });
  for (const { id, status } of stale) {
    if (status === 'running') await abandonRun(db, id, 'failed', 'abandoned: the process running it stopped');
    else await deleteCommunitiesOf(db, id);
  }
  return stale.map((r) => r.id);
}

/** Moves a running run's heartbeat; false when the run is no longer running (cleaned up as dead). */
export async function touchRunNode(db: Db, runId: string): Promise<boolean> {
  const [row] = await db.run(touchRun, { id: runId });
  return (row?.alive ?? 0) > 0;
}

async function deleteCommunitiesOf(db: Db, runId: string): Promise<void> {
  for (;;) {
    const [row] = await db.run(deleteRunCommunities, { id: runId, limit: 1_000 }, { timeoutMs: 120_000 });
    if (!row?.deleted) return;
  }
}

function communityProps(chain: Chain, result: DetectionResult): Record<string, unknown> {
  const parties = result.projection.parties;
  const ref = (i: number | undefined) => {
    if (i === undefined) return null;
    const party = parties[i] as Party;
    return { key: party.key, name: party.name, label: party.label };
  };
  const top = chain.manufacturers[0];
  const evidence = chain.evidence.map((e) => ({
    ...e,
    from: ref(e.from),
    to: ref(e.to),
    parties: e.parties?.map((i) => ref(i)),
  }));
  return {
    score: chain.score,
    flagged: chain.flagged,
    size: chain.members.length,
    consumers: chain.consumers,
    peripheral: chain.peripheral,
    stages: chain.stages,
    regions: chain.regions,
    brands: chain.brands,
    cases: chain.cases,
    firstSeen: chain.firstSeen,
    lastSeen: chain.lastSeen,
    gaps: chain.gaps,
    manufacturer: top ? (parties[top.party] as Party).key : null,
    manufacturerName: top ? (parties[top.party] as Party).name : null,
    manufacturers: JSON.stringify(
      chain.manufacturers.slice(0, 10).map((c) => ({ ...ref(c.party), score: c.score, reasons: c.reasons })),
    ),
    breakdown: JSON.stringify(chain.breakdown),
    evidence: JSON.stringify(evidence),
    recordKeys: [...new Set(chain.evidence.flatMap((e) => e.records))].slice(0, 500),
  };
}
