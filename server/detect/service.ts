/**
 * Detection as a service for the CLI, the job runner and the API: run (compute, then write
 * atomically), list runs, list a run's communities by score, read one community — members by stage,
 * the ordered chain, the score breakdown, the evidence with the provenance of its records — and
 * compare two runs.
 */
import crypto from 'node:crypto';
import type { z } from 'zod';
import type { Db } from '../db/db.ts';
import { NotFoundError } from '../errors.ts';
import { CHAIN_ORDER, STAGE_NAMES, type Stage } from './chains.ts';
import { detectParams, DetectParamsSchema, type DetectParams, type DetectParamsInput } from './params.ts';
import { computeDetection, progressAt, type DetectionResult, type Progress } from './pipeline.ts';
import { abandonRun, cleanStaleRuns, completeRunNode, openRunNode, touchRunNode, writeRun } from './persist.ts';
import { adjustedRandIndex } from './quality.ts';
import {
  getCommunity,
  listCommunities,
  listRunMembers,
  listRuns,
  type CommunitySummarySchema,
  type RunRowSchema,
} from './queries.ts';

export interface RunHooks {
  signal?: AbortSignal;
  onProgress?: (p: Progress) => void;
  /** Test seam: called after each write batch (the crash test kills the process here). */
  afterBatch?: (batch: number) => Promise<void>;
}

export interface RunOutcome {
  runId: string;
  previous: string | null;
  result: DetectionResult;
}

export function newRunId(now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return `run-${stamp}-${crypto.randomBytes(3).toString('hex')}`;
}

export async function runDetection(db: Db, input: DetectParamsInput, hooks: RunHooks = {}): Promise<RunOutcome> {
  const params = detectParams(input);
  await cleanStaleRuns(db);
  const startedAt = new Date();
  const runId = newRunId(startedAt);
  await openRunNode(db, runId, params, startedAt);
  try {
    // Heartbeat while reading and computing (at most every 30 s), so no other run takes this one for dead.
    let lastBeat = performance.now();
    const beat = async (p: Progress) => {
      hooks.onProgress?.(p);
      if (performance.now() - lastBeat < 30_000) return;
      lastBeat = performance.now();
      if (!(await touchRunNode(db, runId)))
        throw new Error(`quanlian/detect: run ${runId} is no longer running (cleaned up as stale?)`);
    };
    let beatError: unknown = null;
    const result = await computeDetection(db, params, {
      ...(hooks.signal ? { signal: hooks.signal } : {}),
      onProgress: (p) => void beat(p).catch((error: unknown) => (beatError = error)),
    });
    if (beatError) throw beatError;
    hooks.signal?.throwIfAborted();
    const started = performance.now();
    hooks.onProgress?.({ phase: 'write', percent: progressAt('write', 0) });
    await writeRun(db, runId, result, {
      ...(hooks.signal ? { signal: hooks.signal } : {}),
      ...(hooks.afterBatch ? { afterBatch: hooks.afterBatch } : {}),
      onProgress: (fraction) => hooks.onProgress?.({ phase: 'write', percent: progressAt('write', fraction) }),
    });
    hooks.signal?.throwIfAborted();
    result.timings.write_s = Math.round((performance.now() - started) / 10) / 100;
    result.timings.total_s = Math.round((result.timings.total_s + result.timings.write_s) * 100) / 100;
    const previous = await completeRunNode(db, runId, result);
    hooks.onProgress?.({ phase: 'done', percent: 100 });
    return { runId, previous, result };
  } catch (error) {
    const cancelled = hooks.signal?.aborted === true;
    await abandonRun(db, runId, cancelled ? 'cancelled' : 'failed', cancelled ? null : String(error)).catch(() => {});
    throw error;
  }
}

export type RunSummary = Omit<z.infer<typeof RunRowSchema>, 'params' | 'counts' | 'timings' | 'hubs'> & {
  params: DetectParams;
  counts: Record<string, number> | null;
  timings: Record<string, number> | null;
  hubs: unknown;
};

export async function listDetectionRuns(db: Db, limit = 50, id: string | null = null): Promise<RunSummary[]> {
  const rows = await db.run(listRuns, { id, limit });
  return rows.map((r) => ({
    ...r,
    params: DetectParamsSchema.parse(JSON.parse(r.params)),
    counts: r.counts ? (JSON.parse(r.counts) as Record<string, number>) : null,
    timings: r.timings ? (JSON.parse(r.timings) as Record<string, number>) : null,
    hubs: r.hubs ? JSON.parse(r.hubs) : null,
  }));
}

export async function getDetectionRun(db: Db, runId: string): Promise<RunSummary> {
  const [run] = await listDetectionRuns(db, 1, runId);
  if (!run) throw new NotFoundError(`detection run ${runId} not found`);
  return run;
}

export type CommunitySummary = z.infer<typeof CommunitySummarySchema>;

export async function listRunCommunities(
  db: Db,
  options: { runId?: string | null; flaggedOnly?: boolean; offset?: number; limit?: number } = {},
): Promise<CommunitySummary[]> {
  return db.run(listCommunities, {
    runId: options.runId ?? null,
    flaggedOnly: options.flaggedOnly ?? false,
    skip: options.offset ?? 0,
    limit: options.limit ?? 50,
  });
}

export interface PartyRef {
  key: string;
  name: string | null;
  label: string;
}

export interface CommunityDetail {
  id: string;
  run: { id: string; current: boolean; params: DetectParams; graphDigest: string | null; startedAt: string };
  number: number;
  score: number;
  flagged: boolean;
  size: number;
  consumers: number;
  regions: string[];
  brands: string[];
  cases: string[];
  firstSeen: string | null;
  lastSeen: string | null;
  gaps: string[];
  /** The chain: goods stages in order, then finance and associated members. */
  chain: { stage: Stage; zh: string; en: string; members: (PartyRef & { role: string; regions: string[] })[] }[];
  manufacturers: (PartyRef & { score: number; reasons: string[] })[];
  breakdown: { factor: string; weight: number; value: number; detail: string }[];
  evidence: {
    kind: string;
    from: PartyRef | null;
    to: PartyRef | null;
    parties: (PartyRef | null)[] | undefined;
    count: number;
    volume?: number;
    first?: string;
    last?: string;
    note: string;
    /** Each cited record with where it came from: batch:row references into the archived source files. */
    records: { key: string; src: string[]; srcCount: number }[];
  }[];
}

export async function getCommunityDetail(db: Db, id: string): Promise<CommunityDetail> {
  const [row] = await db.run(getCommunity, { id });
  if (!row) throw new NotFoundError(`community ${id} not found`);
  const c = row.community;
  const provenance = new Map(row.records.map((r) => [r.key, r]));
  const order: Stage[] = [...CHAIN_ORDER, 'finance', 'other'];
  const chain = order
    .map((stage) => ({
      stage,
      ...STAGE_NAMES[stage],
      members: row.members
        .filter((m) => m.stage === stage)
        .sort((a, b) => a.role.localeCompare(b.role) || a.key.localeCompare(b.key))
        .map((m) => ({ key: m.key, name: m.name, label: m.label, role: m.role, regions: m.regions })),
    }))
    .filter((s) => s.members.length > 0);
  type StoredEvidence = Omit<CommunityDetail['evidence'][number], 'records'> & { records: string[] };
  const evidence = (JSON.parse(String(c.evidence ?? '[]')) as StoredEvidence[]).map((e) => ({
    ...e,
    records: e.records.map((key) => provenance.get(key) ?? { key, src: [], srcCount: 0 }),
  }));
  return {
    id: String(c.id),
    run: {
      id: row.run.id,
      current: row.run.current ?? false,
      params: DetectParamsSchema.parse(JSON.parse(row.run.params)),
      graphDigest: row.run.graphDigest,
      startedAt: row.run.startedAt,
    },
    number: Number(c.number),
    score: Number(c.score),
    flagged: Boolean(c.flagged),
    size: Number(c.size),
    consumers: Number(c.consumers ?? 0),
    regions: (c.regions as string[] | undefined) ?? [],
    brands: (c.brands as string[] | undefined) ?? [],
    cases: (c.cases as string[] | undefined) ?? [],
    firstSeen: (c.firstSeen as string | undefined) || null,
    lastSeen: (c.lastSeen as string | undefined) || null,
    gaps: (c.gaps as string[] | undefined) ?? [],
    chain,
    manufacturers: JSON.parse(String(c.manufacturers ?? '[]')) as CommunityDetail['manufacturers'],
    breakdown: JSON.parse(String(c.breakdown ?? '[]')) as CommunityDetail['breakdown'],
    evidence,
  };
}

export interface RunComparison {
  a: string;
  b: string;
  /** Parties that are members in both runs. */
  common: number;
  onlyA: number;
  onlyB: number;
  /** Adjusted Rand index of the two memberships over the common parties (1 = same grouping). */
  ari: number;
}

export async function compareRuns(db: Db, a: string, b: string): Promise<RunComparison> {
  await getDetectionRun(db, a);
  await getDetectionRun(db, b);
  const read = async (runId: string) =>
    new Map((await db.run(listRunMembers, { runId, limit: 5_000_000 })).map((r) => [r.key, r.community]));
  const ma = await read(a);
  const mb = await read(b);
  const common = [...ma.keys()].filter((k) => mb.has(k)).sort();
  return {
    a,
    b,
    common: common.length,
    onlyA: ma.size - common.length,
    onlyB: mb.size - common.length,
    ari:
      Math.round(
        adjustedRandIndex(
          common.map((k) => ma.get(k) as string),
          common.map((k) => mb.get(k) as string),
        ) * 10_000,
      ) / 10_000,
  };
}
