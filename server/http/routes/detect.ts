/**
 * Detection runs and their communities. Leaders may list runs (aggregates only); explorers read
 * communities within their region scope; admins and province-wide analysts start runs (a run
 * replaces the current one for every region, so a district's analyst may not), which execute as
 * worker jobs that report progress and can be cancelled, from whichever API process a client
 * reaches (jobs/board.ts).
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { EXPLORERS, type Role } from '../../auth/roles.ts';
import { coversProvince, type Scope } from '../../auth/scope.ts';
import type { DbOptions } from '../../db/db.ts';
import { startDetectionJob, type DetectionJob } from '../../detect/jobs.ts';
import { DetectParamsSchema } from '../../detect/params.ts';
import { getScopedCommunity, listScopedCommunities } from '../../detect/scoped.ts';
import { getDetectionRun, listDetectionRuns, type RunSummary } from '../../detect/service.ts';
import { CommunitySummarySchema, RunRowSchema } from '../../detect/queries.ts';
import { JobsUnavailableError, NotFoundError } from '../../errors.ts';
import type { JobBoard } from '../../jobs/board.ts';
import { defineRoute, type AnyRoute } from '../route.ts';

const RUNNERS: Role[] = ['admin', 'analyst'];
/** Detection jobs on the job board. */
const JOB_KIND = 'detect';
const RunId = z.string().regex(/^[\w.:-]{1,80}$/, 'not a run id');

/** A run as the service returns it: the stored row with its JSON fields parsed (hubs stay inside). */
const RunSchema = RunRowSchema.omit({ hubs: true }).extend({
  params: DetectParamsSchema,
  /** Figures of the whole graph (parties, edges, communities, chains, flagged): null unless the caller covers the province. */
  counts: z.record(z.string(), z.number()).nullable(),
  /** Seconds per phase, which grow with the whole graph: null unless the caller covers the province. */
  timings: z.record(z.string(), z.number()).nullable(),
});

/**
 * A run as a caller may read it. Its counts and timings are the province-wide graph's (how many
 * parties, communities and flagged chains there are in all regions, and how long they took): only
 * an admin or a caller who covers the province reads them; others read the communities of their
 * scope (/api/runs/:id/communities).
 */
const runFor = (user: { role: Role }, scope: Scope) => (run: RunSummary) =>
  user.role === 'admin' || coversProvince(scope) ? run : { ...run, counts: null, timings: null };

const PartyRefSchema = z.object({ key: z.string(), name: z.string().nullable(), label: z.string() });
const CommunitySchema = z.object({
  id: z.string(),
  run: z.object({
    id: z.string(),
    current: z.boolean(),
    params: DetectParamsSchema,
    graphDigest: z.string().nullable(),
    startedAt: z.string(),
  }),
  number: z.number().int(),
  score: z.number(),
  flagged: z.boolean(),
  size: z.number().int(),
  consumers: z.number().int(),
  regions: z.array(z.string()),
  brands: z.array(z.string()),
  cases: z.array(z.string()),
  firstSeen: z.string().nullable(),
  lastSeen: z.string().nullable(),
  gaps: z.array(z.string()),
  chain: z.array(
    z.object({
      stage: z.string(),
      zh: z.string(),
      en: z.string(),
      members: z.array(PartyRefSchema.extend({ role: z.string(), regions: z.array(z.string()) })),
    }),
  ),
  manufacturers: z.array(PartyRefSchema.extend({ score: z.number(), reasons: z.array(z.string()) })),
  breakdown: z.array(z.object({ factor: z.string(), weight: z.number(), value: z.number(), detail: z.string() })),
  evidence: z.array(
    z.object({
      kind: z.string(),
      from: PartyRefSchema.nullable(),
      to: PartyRefSchema.nullable(),
      parties: z.array(PartyRefSchema.nullable()).optional(),
      count: z.number(),
      volume: z.number().optional(),
      first: z.string().optional(),
      last: z.string().optional(),
      note: z.string(),
      records: z.array(z.object({ key: z.string(), src: z.array(z.string()), srcCount: z.number() })),
    }),
  ),
  outsideScope: z.object({ members: z.number().int(), evidence: z.number().int(), cases: z.number().int() }),
});

const JobSchema = z.object({
  id: z.string(),
  status: z.enum(['running', 'complete', 'failed', 'cancelled']),
  progress: z.object({ phase: z.string(), percent: z.number(), detail: z.string().optional() }),
  runId: z.string().nullable(),
  error: z.string().nullable(),
});

/** The shapes the web app reads (type-only imports there). */
export type RunView = z.infer<typeof RunSchema>;
export type CommunityView = z.infer<typeof CommunitySchema>;
export type JobView = z.infer<typeof JobSchema>;
export const CommunityListItemSchema = CommunitySummarySchema.extend({ visibleMembers: z.number().int() });
export type CommunityListItem = z.infer<typeof CommunityListItemSchema>;

function jobView(job: DetectionJob): JobView {
  return {
    id: job.id,
    status: job.status,
    progress: job.progress,
    runId: job.summary?.runId ?? null,
    error: job.error ?? null,
  };
}

/**
 * `workerDb`: how a detection worker connects to Neo4j (null: runs cannot be started here).
 * `board`: where jobs are reported, so any API process answers for a job another one runs.
 */
export function detectRoutes(workerDb: DbOptions | null, board: JobBoard): AnyRoute[] {
  const jobOf = async (id: string): Promise<JobView> => {
    const found = await board.read<JobView>(JOB_KIND, id);
    if (!found) throw new NotFoundError(`job ${id} not found`);
    return found.state;
  };
  return [
    defineRoute({
      method: 'get',
      path: '/api/runs',
      summary: 'Detection runs, newest first (counts and timings for admins and accounts covering the province)',
      tag: 'detect',
      allow: [...EXPLORERS, 'leader'],
      query: z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(20) }),
      response: z.object({ items: z.array(RunSchema) }),
      async handler({ query, user, scope, deps }) {
        return { items: (await listDetectionRuns(deps.db, query.limit)).map(runFor(user, scope)) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/runs/:id',
      summary: 'One detection run: parameters; counts and timings for admins and accounts covering the province',
      tag: 'detect',
      allow: [...EXPLORERS, 'leader'],
      params: z.object({ id: RunId }),
      response: RunSchema,
      async handler({ params, user, scope, deps }) {
        return runFor(user, scope)(await getDetectionRun(deps.db, params.id));
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/runs/:id/communities',
      summary: 'Communities of a run (`current` for the current run) with a member in your region scope, best first',
      tag: 'detect',
      allow: EXPLORERS,
      params: z.object({ id: RunId }),
      query: z.strictObject({
        flagged: z.enum(['true', 'false']).default('false'),
        offset: z.coerce.number().int().min(0).max(100_000).default(0),
        limit: z.coerce.number().int().min(1).max(200).default(50),
      }),
      response: z.object({ items: z.array(CommunityListItemSchema) }),
      async handler({ params, query, scope, deps }) {
        const runId = params.id === 'current' ? null : params.id;
        if (runId) await getDetectionRun(deps.db, runId);
        const items = await listScopedCommunities(deps.db, scope, {
          runId,
          flaggedOnly: query.flagged === 'true',
          offset: query.offset,
          limit: query.limit,
        });
        return { items };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/communities/:id',
      summary:
        'One community: the ordered chain, manufacturers, score breakdown and evidence with provenance (in scope)',
      tag: 'detect',
      allow: EXPLORERS,
      params: z.object({ id: z.string().regex(/^[\w.:-]{1,100}$/, 'not a community id') }),
      response: CommunitySchema,
      audit: { action: 'community.read' },
      async handler({ params, scope, deps }) {
        return getScopedCommunity(deps.db, scope, params.id);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/runs',
      summary: 'Start a detection run as a background job (one at a time)',
      tag: 'detect',
      allow: RUNNERS,
      provinceWide: true,
      body: DetectParamsSchema.partial().strict(),
      response: JobSchema,
      status: 202,
      audit: {
        action: 'detect.start',
        target: () => null,
        detail: ({ body }) => ({ ...body }),
        result: (job) => ({ target: job.id }),
      },
      async handler({ body, user }) {
        if (!workerDb) throw new JobsUnavailableError('this server cannot start detection runs (no worker connection)');
        const id = `job-${randomUUID()}`;
        const first: JobView = {
          id,
          status: 'running',
          progress: { phase: 'read', percent: 0 },
          runId: null,
          error: null,
        };
        // One run at a time across every API process (409 while another is running).
        const reporting = await board.open(JOB_KIND, id, user.username, first, { exclusive: true });
        let job: DetectionJob;
        try {
          job = startDetectionJob(workerDb, body, () => reporting.update(jobView(job)), id);
        } catch (error) {
          await reporting.end({ ...first, status: 'failed', error: String(error) });
          throw error;
        }
        reporting.whenCancelled(() => job.cancel());
        // Its end is reported whatever it is (the job's status is set before `done` settles); a
        // report that fails leaves the job to read as stopped.
        job.done
          .catch(() => undefined)
          .then(() => reporting.end(jobView(job)))
          .catch(() => undefined);
        return jobView(job);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/jobs/:id',
      summary: 'Progress of a detection job',
      tag: 'detect',
      allow: RUNNERS,
      params: z.object({ id: z.string().max(80) }),
      response: JobSchema,
      async handler({ params }) {
        return jobOf(params.id);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/jobs/:id/cancel',
      summary: 'Cancel a running detection job (what it wrote is removed; the previous run stays current)',
      tag: 'detect',
      allow: RUNNERS,
      provinceWide: true,
      params: z.object({ id: z.string().max(80) }),
      response: JobSchema,
      audit: { action: 'detect.cancel' },
      async handler({ params }) {
        const job = await jobOf(params.id);
        if (job.status === 'running') await board.cancel(params.id);
        return job;
      },
    }),
  ];
}
