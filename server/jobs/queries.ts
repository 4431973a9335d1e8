/** Registered statements of background jobs (cypher/jobs). */
import { z } from 'zod';
import { defineQuery } from '../db/registry.ts';

const id = z.string().min(1).max(80);
const status = z.enum(['running', 'complete', 'failed', 'cancelled']);
const seconds = z.number().int().min(1);

export const openJob = defineQuery({
  name: 'jobs/open-job',
  mode: 'WRITE',
  params: z.object({
    id,
    kind: z.string(),
    owner: z.string(),
    state: z.string(),
    exclusive: z.boolean(),
    staleSeconds: seconds,
  }),
  row: z.object({ opened: z.boolean(), running: z.string().nullable() }),
});

export const reportJob = defineQuery({
  name: 'jobs/report-job',
  mode: 'WRITE',
  params: z.object({ id, state: z.string(), status }),
  row: z.object({ cancel: z.boolean() }),
});

export const getJob = defineQuery({
  name: 'jobs/get-job',
  mode: 'READ',
  params: z.object({ id, staleSeconds: seconds }),
  row: z.object({
    kind: z.string(),
    owner: z.string(),
    state: z.string(),
    stale: z.boolean(),
    heartbeatAt: z.string(),
  }),
});

export const listJobs = defineQuery({
  name: 'jobs/list-jobs',
  mode: 'READ',
  params: z.object({
    kind: z.string(),
    owner: z.string().nullable(),
    staleSeconds: seconds,
    limit: z.number().int().min(1).max(100),
  }),
  row: z.object({
    id,
    owner: z.string(),
    state: z.string(),
    stale: z.boolean(),
    heartbeatAt: z.string(),
  }),
});

export const cancelJob = defineQuery({
  name: 'jobs/cancel-job',
  mode: 'WRITE',
  params: z.object({ id }),
  row: z.object({ requested: z.boolean() }),
});

export const pruneJobs = defineQuery({
  name: 'jobs/prune-jobs',
  mode: 'WRITE',
  params: z.object({ keepDays: z.number().int().min(1), limit: z.number().int().min(1) }),
  row: z.object({ removed: z.number().int() }),
});
