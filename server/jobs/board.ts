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
import { cancelJob, getJob, openJob, pruneJobs, reportJob } from './queries.ts';

export type JobStatus = 'running' | 'complete' | 'failed' | 'cancelled';

export interface JobBoardOptions {
  /** How often a running job reports (ms). */
  reportMs: number;
  /** How long a running job may go unheard before it reads as failed (s). */
  staleSeconds: number;
  /** How long a job is kept after it was last heard from (days). */
  keepDays: number;
}

export const JOB_BOARD_DEFAULTS: JobBoardOptions = { reportMs: 1_000, staleSeconds: 30, keepDays: 30 };

/** A job as read back: its last reported state, and whether its process stopped reporting. */
export interface JobRecord {
  kind: string;
  owner: string;
  status: JobStatus;
  /** The state the running process last reported (parsed JSON). */
  state: unknown;
  /** It says it is running, but its process has not been heard from for `staleSeconds`. */
  stale: boolean;
  heartbeatAt: string;
}

export class JobBoard {
  /** The jobs this process runs, by id. */
  private readonly local = new Map<string, RunningJob>();
  readonly options: JobBoardOptions;

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
  async open(
    kind: string,
    id: string,
    owner: string,
    state: unknown,
    options: { exclusive?: boolean; onCancel?: () => void } = {},
  ): Promise<RunningJob> {
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
    const job = new RunningJob(this.db, id, state, this.options.reportMs, options.onCancel ?? null, () =>
      this.local.delete(id),
    );
    this.local.set(id, job);
    return job;
  }

  /** A job of `kind` as last reported, or null when there is none by that id. */
  async read(kind: string, id: string): Promise<JobRecord | null> {
    const [row] = await this.db.run(getJob, { id, staleSeconds: this.options.staleSeconds });
    if (!row || row.kind !== kind) return null;
    return { ...row, state: JSON.parse(row.state) as unknown };
  }

  /** Asks for a running job to stop: at once when this process runs it, else at the job's next report. */
  async cancel(id: string): Promise<void> {
    await this.db.run(cancelJob, { id });
    this.local.get(id)?.cancelled();
  }
}

/** The handle of a job this process runs: it reports the job's state until the job ends. */
export class RunningJob {
  private state: unknown;
  private writing: Promise<void> = Promise.resolve();
  private inFlight = false;
  private ended = false;
  private cancelAsked = false;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly db: Db,
    readonly id: string,
    state: unknown,
    reportMs: number,
    private onCancel: (() => void) | null,
    private readonly forget: () => void,
  ) {
    this.state = state;
    this.timer = setInterval(() => this.tick(), reportMs);
    this.timer.unref();
  }

  /** What to do when a cancel is asked for (the job may start after it was opened). */
  whenCancelled(onCancel: () => void): void {
    this.onCancel = onCancel;
    if (this.cancelAsked) onCancel();
  }

  /** The latest state of a running job; it goes out with the next report. */
  update(state: unknown): void {
    if (!this.ended) this.state = state;
  }

  /** The job's last state: written at once, after any report in flight; reports stop. */
  async end(state: unknown, status: Exclude<JobStatus, 'running'>): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    this.state = state;
    clearInterval(this.timer);
    this.forget();
    await this.write(status);
  }

  /** Called when a cancel has been asked for (here or in another process). */
  cancelled(): void {
    if (this.cancelAsked || this.ended) return;
    this.cancelAsked = true;
    this.onCancel?.();
  }

  private tick(): void {
    if (this.ended || this.inFlight) return;
    this.write('running').catch(() => undefined); // a missed report is made up by the next one
  }

  private write(status: JobStatus): Promise<void> {
    const state = JSON.stringify(this.state);
    this.inFlight = true;
    const next = this.writing.then(async () => {
      try {
        const [row] = await this.db.run(reportJob, { id: this.id, state, status });
        if (row?.cancel && status === 'running') this.cancelled();
      } finally {
        this.inFlight = false;
      }
    });
    this.writing = next.catch(() => undefined);
    return next;
  }
}
