/** The worker-thread side of a detection job (see jobs.ts). */
import { parentPort, workerData } from 'node:worker_threads';
import { Db, type DbOptions } from '../db/db.ts';
import type { WorkerMessage } from './jobs.ts';
import type { DetectParamsInput } from './params.ts';
import { runDetection } from './service.ts';

const { db: options, params } = workerData as { db: DbOptions; params: DetectParamsInput };
if (!parentPort) throw new Error('quanlian/detect: worker.ts must run in a worker thread (parentPort is null)');
const port = parentPort;
const controller = new AbortController();
port.on('message', (message: { type: string }) => {
  if (message.type === 'cancel') controller.abort(new Error('detection run cancelled'));
});
const send = (message: WorkerMessage) => port.postMessage(message);

const db = new Db({ ...options, maxRetryTimeMs: 60_000 });
try {
  const { runId, previous, result } = await runDetection(db, params, {
    signal: controller.signal,
    onProgress: (progress) => send({ type: 'progress', progress }),
  });
  send({
    type: 'done',
    summary: {
      runId,
      previous,
      counts: result.counts,
      timings: { ...result.timings },
      modularity: result.partition.modularity,
      graphDigest: result.graphDigest,
    },
  });
} catch (error) {
  send({
    type: 'error',
    message: error instanceof Error ? error.message : String(error),
    cancelled: controller.signal.aborted,
  });
} finally {
  await db.close();
  port.close();
}
