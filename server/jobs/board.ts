/**
 * Background jobs (detection runs, uploads) as every API process sees them. The process that runs a
 * job reports it to Neo4j: when it opens, once a second while it runs (the latest state, or just
 * that the process is alive), and when it ends. Any process answers for a job from there, so a
 * client polling behind a load balancer finds its job whichever process it reaches, and a cancel
 * asked of any process reaches the one running the job at its next report (at once when it is the
 * same process). A job whose process stops reporting (a crash, a restart) reads as failed once it
 * has not been heard from for `staleSeconds`. Jobs last heard from more than `keepDays` ago are
 * removed when the next one opens.
 */
import type { Db } from '../db/db.ts';
import { ConflictError } from '../errors.ts';
import { cancelJob, getJob, listJobs, openJob, pruneJobs, reportJob } from './queries.ts';

export type JobStatus = 'running' | 'complete' | 'failed' | 'cancelled';

/** What every job's state carries (the API's view of the job adds its own fields). */
export interface JobState {
  status: JobStatus;
  error: string | null;
}

export interface JobBoardOptions {
  /** How often a running job reports (ms). */
  reportMs: number;
  /** How long a running job may go unheard before it reads as failed (s). */
  staleSeconds: number;
  /** How long a job is kept after it was last heard from (days). */
  keepDays: number;
}

export const JOB_BOARD_DEFAULTS: JobBoardOptions = { reportMs: 1_000, staleSeconds: 30, keepDays: 30 };

/** A job as read back: its owner, and its state as last reported (failed, if its process stopped). */
export interface JobRecord<S extends JobState> {
  owner: string;
  state: S;
}

export class JobBoard {
  /** The jobs this process runs, by id. */
  private readonly local = new Map<string, RunningJob<JobState>>();
  private readonly options: JobBoardOptions;

  constructor(
    private readonly db: Db,
    options: Partial<JobBoardOptions> = {},
  ) {
    this.options = { ...JOB_BOARD_DEFAULTS, ...options };
  }

  /**
   * Registers a job this process is about to run, with its first state. An `exclusive` kind refuses
   * (409) while another job of the kind is running in any process that is still reporting.
   */
  async open<S extends JobState>(
    kind: string,
    id: string,
    owner: string,
    state: S,
    options: { exclusive?: boolean } = {},
  ): Promise<RunningJob<S>> {
    await this.db.run(pruneJobs, { keepDays: this.options.keepDays, limit: 1_000 });
    const [row] = await this.db.run(openJob, {
      id,
      kind,
      owner,
      state: JSON.stringify(state),
      exclusive: options.exclusive ?? false,
      staleSeconds: this.options.staleSeconds,
    });
    if (!row?.opened) throw new ConflictError(`another ${kind} job is still running: ${row?.running ?? '(unknown)'}`);
    const job = new RunningJob(this.db, id, state, this.options.reportMs, () => this.local.delete(id));
    this.local.set(id, job);
    return job;
  }

  /**
   * A job of `kind` as last reported, or null when there is none by that id. A job whose process
   * stopped reporting reads as failed, saying when it was last heard from, then `stopped` (what the
   * user can do about it).
   */
  async read<S extends JobState>(kind: string, id: string, stopped = ''): Promise<JobRecord<S> | null> {
    const [row] = await this.db.run(getJob, { id, staleSeconds: this.options.staleSeconds });
    if (!row || row.kind !== kind) return null;
    return record<S>(row, stopped);
  }

  /** The newest `limit` jobs of `kind`, of `owner` or (null) of everyone, read as `read` reads one. */
  async list<S extends JobState>(
    kind: string,
    owner: string | null,
    limit: number,
    stopped = '',
  ): Promise<JobRecord<S>[]> {
    const rows = await this.db.run(listJobs, { kind, owner, limit, staleSeconds: this.options.staleSeconds });
    return rows.map((row) => record<S>(row, stopped));
  }

  /** Asks for a running job to stop: at once when this process runs it, else at the job's next report. */
  async cancel(id: string): Promise<void> {
    await this.db.run(cancelJob, { id });
    this.local.get(id)?.cancelled();
  }
}

/** A job's row as its owner and last state; one whose process stopped reporting reads as failed. */
function record<S extends JobState>(
  row: { owner: string; state: string; stale: boolean; heartbeatAt: string },
  stopped: string,
): JobRecord<S> {
  const state = JSON.parse(row.state) as S;
  if (!row.stale) return { owner: row.owner, state };
  const error = `the server process running this job stopped (last heard from at ${row.heartbeatAt})${stopped}`;
  return { owner: row.owner, state: { ...state, status: 'failed', error } };
}

/** The handle of a job this process runs: it reports the job's state until the job ends. */
export class RunningJob<S extends JobState> {
  private writing: Promise<void> = Promise.resolve();
  /** Reports written or waiting to be. */
  private pending = 0;
  private ended = false;
  private cancelAsked = false;
  private onCancel: (() => void) | null = null;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly db: Db,
    readonly id: string,
    private state: S,
    reportMs: number,
    private readonly forget: () => void,
  ) {
    this.timer = setInterval(() => this.tick(), reportMs);
    this.timer.unref();
  }

  /** What to do when a cancel is asked for (at once if one already was). */
  whenCancelled(onCancel: () => void): void {
    this.onCancel = onCancel;
    if (this.cancelAsked) onCancel();
  }

  /** The latest state of a running job; it goes out with the next report. */
  update(state: S): void {
    if (!this.ended) this.state = state;
  }

  /** The job's last state (complete, failed or cancelled): written at once, after any report in flight; reports stop. */
  async end(state: S): Promise<void> {
    if (state.status === 'running') throw new Error(`quanlian/jobs: job ${this.id} ended with status running`);
    if (this.ended) return;
    this.ended = true;
    this.state = state;
    clearInterval(this.timer);
    this.forget();
    await this.write();
  }

  /** Called when a cancel has been asked for (here or in another process). */
  cancelled(): void {
    if (this.cancelAsked || this.ended) return;
    this.cancelAsked = true;
    this.onCancel?.();
  }

  private tick(): void {
    if (this.ended || this.pending > 0) return;
    this.write().catch(() => undefined); // a missed report is made up by the next one
  }

  /** Reports the state as it is now (its status goes to the Job node's own status too). */
  private write(): Promise<void> {
    const { status } = this.state;
    const state = JSON.stringify(this.state);
    this.pending++;
    const next = this.writing.then(async () => {
      try {
        const [row] = await this.db.run(reportJob, { id: this.id, state, status });
        if (row?.cancel && status === 'running') this.cancelled();
      } finally {
        this.pending--;
      }
    });
    this.writing = next.catch(() => undefined);
    return next;
  }
}
