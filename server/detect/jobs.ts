/**
 * Detection jobs: a run executes in a worker thread, so a long run never blocks the API's event
 * loop; the caller gets progress (phase, percent) and can cancel. The worker opens its own Neo4j
 * connection from the same settings; cancelling aborts the worker's run between rows read and batches written,
 * which marks the run cancelled and removes what it had written.
 */
import { randomUUID } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import type { DbOptions } from '../db/db.ts';
import type { DetectParamsInput } from './params.ts';
import type { DetectionResult, Progress, Timings } from './pipeline.ts';

export interface JobSummary {
  runId: string;
  counts: DetectionResult['counts'];
  timings: Timings;
  modularity: number;
  graphDigest: string;
  previous: string | null;
}

export type WorkerMessage =
  | { type: 'progress'; progress: Progress }
  | { type: 'done'; summary: JobSummary }
  | { type: 'error'; message: string; cancelled: boolean };

export interface DetectionJob {
  readonly id: string;
  status: 'running' | 'complete' | 'failed' | 'cancelled';
  progress: Progress;
  summary?: JobSummary;
  error?: string;
  readonly done: Promise<JobSummary>;
  cancel(): void;
}

/** Young generation of a detection worker (both semi-spaces and the allocation area). */
const YOUNG_GENERATION_MB = 192;

export function startDetectionJob(
  db: DbOptions,
  params: DetectParamsInput,
  onProgress?: (p: Progress) => void,
  id = `job-${randomUUID()}`,
): DetectionJob {
  const worker = new Worker(new URL('./worker-entry.mjs', import.meta.url), {
    workerData: { db, params },
    // A run allocates millions of short-lived objects (rows, flows, graph entries); V8's default
    // 16 MB semi-spaces make it spend about a third of the run collecting them.
    resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
  });
  let settle!: { resolve: (s: JobSummary) => void; reject: (e: Error) => void };
  const done = new Promise<JobSummary>((resolve, reject) => (settle = { resolve, reject }));
  // A caller may follow the job through its status only; an unobserved failure must not crash the process.
  done.catch(() => {});
  const job: DetectionJob = {
    id,
    status: 'running',
    progress: { phase: 'read', percent: 0 },
    done,
    cancel: () => worker.postMessage({ type: 'cancel' }),
  };
  worker.on('message', (message: WorkerMessage) => {
    if (message.type === 'progress') {
      job.progress = message.progress;
      onProgress?.(message.progress);
    } else if (message.type === 'done') {
      job.status = 'complete';
      job.summary = message.summary;
      settle.resolve(message.summary);
    } else {
      job.status = message.cancelled ? 'cancelled' : 'failed';
      job.error = message.message;
      settle.reject(new Error(message.message));
    }
  });
  worker.on('error', (error) => {
    job.status = 'failed';
    job.error = String(error);
    settle.reject(error);
  });
  worker.on('exit', (code) => {
    if (job.status === 'running') {
      job.status = 'failed';
      job.error = `detection worker exited with code ${code}`;
      settle.reject(new Error(job.error));
    }
  });
  return job;
}
