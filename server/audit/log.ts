/**
 * The audit log: append-only, hash-chained AuditEvent nodes (DESIGN.md §8). Each event's hash covers
 * its fields and the previous event's hash, and the AuditHead node holds the last sequence number and
 * hash, so an edited, deleted, inserted or truncated event breaks `verifyChain`.
 *
 * Appends use group commit: events recorded while a write is in flight go together in the next
 * transaction, and `record` resolves only once its event is committed, so a response that depends
 * on an audited read is sent after the audit is durable, without one transaction per request.
 * Across processes the head's write lock serialises appends.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Db, Tx } from '../db/db.ts';
import { isTransient } from '../db/errors.ts';
import { CsrfError, ForbiddenError, NotFoundError, QuanlianError, ValidationError } from '../errors.ts';
import {
  appendAtHead,
  getHead,
  listEventsBy,
  listEventsQuery,
  nextAction,
  readChain,
  seqBounds,
  type AuditDriver,
  type StoredEvent,
} from './queries.ts';

export const GENESIS = '0'.repeat(64);
const MAX_GROUP = 1_000;
/** How long a group keeps trying through transient failures before its requests fail. */
const RETRY_MS = 5_000;

export interface AuditInput {
  actor: string;
  role: string;
  /** Dotted verb, e.g. `entity.read`, `search`, `unmask`, `login.failed`. */
  action: string;
  outcome: 'ok' | 'denied' | 'not-found' | 'invalid' | 'error';
  target?: string | null;
  reason?: string | null;
  detail?: Record<string, unknown>;
  ip?: string | null;
  requestId?: string | null;
}

/** The outcome an audit event records for a request or command that failed with `error`. */
export function auditOutcome(error: unknown): Exclude<AuditInput['outcome'], 'ok'> {
  if (error instanceof ForbiddenError || error instanceof CsrfError) return 'denied';
  if (error instanceof NotFoundError) return 'not-found';
  if (error instanceof QuanlianError && error.status < 500) return 'invalid';
  return 'error';
}

/** The hash of one event: SHA-256 over its fields in a fixed order and the previous hash. */
export function eventHash(e: Omit<StoredEvent, 'hash'>): string {
  const fields = [
    e.id,
    e.seq,
    e.at,
    e.actor,
    e.role,
    e.action,
    e.outcome,
    e.target,
    e.reason,
    e.detail,
    e.ip,
    e.requestId,
    e.prevHash,
  ];
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}

interface Head {
  seq: number;
  hash: string;
  /** The last event's time; null before the first event (or on a head written before it was kept). */
  at: string | null;
}

/**
 * A group's events, each linked to the one before it, the first to `head`; and the new head. An
 * event's time is when it was recorded, or its predecessor's if that is later (another process's
 * events can be recorded earlier and land later), so `at` never goes back along the chain.
 */
function chain(group: Pending[], head: Head) {
  let seq = head.seq;
  let prevHash = head.hash;
  let prevAt = head.at ?? '';
  const events: StoredEvent[] = [];
  for (const { id, input, at: recorded } of group) {
    seq++;
    const at = recorded < prevAt ? prevAt : recorded;
    const event = {
      id,
      seq,
      at,
      actor: input.actor,
      role: input.role,
      action: input.action,
      outcome: input.outcome,
      target: input.target ?? null,
      reason: input.reason ?? null,
      detail: JSON.stringify(input.detail ?? {}),
      ip: input.ip ?? null,
      requestId: input.requestId ?? null,
      prevHash,
    };
    const hash = eventHash(event);
    events.push({ ...event, hash });
    prevHash = hash;
    prevAt = at;
  }
  return { events, seq, hash: prevHash, at: prevAt };
}

interface Pending {
  /** Fixed when recorded, so an append tried again is recognised (append-at-head's `already`). */
  id: string;
  input: AuditInput;
  at: string;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export class AuditLog {
  private queue: Pending[] = [];
  private writing: Promise<void> | null = null;
  /** The head this process last committed; null until its first write. */
  private head: Head | null = null;

  constructor(private readonly db: Db) {}

  /** Resolves when the event is committed; rejects if it could not be (the caller must then fail). */
  record(input: AuditInput): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ id: randomUUID(), input, at: new Date().toISOString(), resolve, reject });
      this.kick();
    });
  }

  private kick(): void {
    if (this.writing || this.queue.length === 0) return;
    const group = this.queue.splice(0, MAX_GROUP);
    this.writing = this.write(group).then(
      () => group.forEach((p) => p.resolve()),
      (error: unknown) => group.forEach((p) => p.reject(error)),
    );
    void this.writing.finally(() => {
      this.writing = null;
      this.kick();
    });
  }

  /**
   * One group, normally in one round trip: append-at-head runs as its own transaction (no BEGIN or
   * COMMIT), with the events chained onto the head this process last committed. If another process
   * appended since (or this is this process's first write), the head it returns is the one to chain
   * onto, and the append is tried again. A transient failure is tried again with the same chain: if
   * the failed attempt did commit, the next one finds the group's first event stored and stops.
   */
  private async write(group: Pending[]): Promise<void> {
    let head = this.head ?? { seq: -1, hash: '', at: null }; // -1 matches no head: the first write learns it
    let chained = chain(group, head);
    const deadline = performance.now() + RETRY_MS;
    for (let attempt = 0; ; attempt++) {
      let row;
      try {
        [row] = await this.db.commitOne(appendAtHead, {
          genesis: GENESIS,
          expectSeq: head.seq,
          expectHash: head.hash,
          ...chained,
        });
      } catch (error) {
        if (!isTransient(error) || performance.now() >= deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.min(500, 20 * 2 ** attempt)));
        continue;
      }
      if (!row) throw new Error('quanlian/audit: append-at-head returned no row');
      this.head = { seq: row.seq, hash: row.hash, at: row.at };
      if (row.appended || row.already) return;
      if (attempt >= 100) throw new Error('quanlian/audit: the chain head kept moving; 100 appends did not land');
      head = this.head;
      chained = chain(group, head);
    }
  }

  /** Waits for everything recorded so far to be committed (used at shutdown and in tests). */
  async flush(): Promise<void> {
    while (this.writing || this.queue.length > 0) {
      this.kick();
      await this.writing?.catch(() => undefined);
    }
  }
}

export interface AuditFilter {
  before?: number | undefined;
  limit: number;
  /** The entity, case, account or batch an event names. */
  target?: string | undefined;
  actor?: string | undefined;
  action?: string | undefined;
  outcome?: string | undefined;
  since?: string | undefined;
  until?: string | undefined;
}

/**
 * One page of the audit log, newest first. A filter that names values can drive the read through
 * its (property, seq) index, which yields its events newest first: the first present of the target
 * (one entity's events), an outcome other than ok (those are rare by design), the actor, the
 * actions under the action prefix, outcome ok. The other filters are checked on each event it yields; without one, the read goes backwards
 * along seq. A time window first becomes a sequence range (`at` never goes back along the chain).
 * So a page reads the events the filters let through plus those the driving index yields that
 * another filter turns away: a busy actor with a rare action can still read much of the actor's
 * history (the transaction time limit bounds it).
 */
export async function listEvents(db: Db, filter: AuditFilter) {
  const limit = filter.limit;
  const common = {
    target: filter.target ?? null,
    actor: filter.actor ?? null,
    action: filter.action ?? null,
    outcome: filter.outcome ?? null,
    since: filter.since ? storedTime(filter.since) : null,
    until: filter.until ? storedTime(filter.until) : null,
  };
  const rows = await db.reads('audit/list', async (tx) => {
    let before = filter.before ?? Number.MAX_SAFE_INTEGER;
    let from = 0;
    if (common.since !== null || common.until !== null) {
      const found = new Map(
        (await tx.run(seqBounds, { since: common.since, until: common.until })).map((b) => [b.bound, b.seq]),
      );
      const lo = found.get('lo') ?? null;
      const hi = found.get('hi') ?? null;
      if (common.since !== null) {
        if (lo === null) return []; // nothing at or after `since`
        from = lo;
      }
      if (common.until !== null && hi !== null) before = Math.min(before, hi);
    }
    if (from >= before) return [];
    const range = { before, from, limit };
    const by = async (key: AuditDriver, values: string[]) =>
      values.length === 0 ? [] : tx.run(listEventsBy[key], { ...common, ...range, values });
    // One entity's events are the fewest of all; then a rare outcome, an actor, an action, outcome ok.
    if (common.target !== null) return by('target', [common.target]);
    if (common.outcome !== null && common.outcome !== 'ok') return by('outcome', [common.outcome]);
    if (common.actor !== null) return by('actor', [common.actor]);
    if (common.action !== null) return by('action', await actionsUnder(tx, common.action));
    if (common.outcome !== null) return by('outcome', [common.outcome]);
    return tx.run(listEventsQuery, { ...range, since: common.since, until: common.until });
  });
  const last = rows.at(-1);
  return {
    items: rows.map(({ event }) => ({ ...event, detail: JSON.parse(event.detail) as Record<string, unknown> })),
    nextBefore: rows.length === limit && last ? last.event.seq : null,
  };
}

/**
 * A time filter as events store theirs (`toISOString`: milliseconds and Z), so that text order is
 * time order: `…T03:00:01Z` as given sorts after `…T03:00:01.500Z`. A finer fraction rounds up to
 * the next millisecond, which selects the same events (theirs are whole milliseconds).
 */
export function storedTime(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new ValidationError(`not a date-time: ${iso}`);
  const finer = /\.\d{3}(\d*)/.exec(iso)?.[1] ?? '';
  return new Date(/[1-9]/.test(finer) ? ms + 1 : ms).toISOString();
}

/** At most this many distinct actions under one prefix (the code records about 30 in all). */
const MAX_ACTIONS = 100;

/** The distinct actions that start with `prefix`, one index step each (audit/next-action). */
async function actionsUnder(tx: Tx, prefix: string): Promise<string[]> {
  const actions: string[] = [];
  const upper = prefix + '\uffff';
  let low = prefix;
  for (;;) {
    const [row] = await tx.run(nextAction, { low, upper });
    if (!row || !row.action.startsWith(prefix)) return actions;
    if (actions.length === MAX_ACTIONS)
      throw new ValidationError(
        `the action filter "${prefix}" matches more than ${MAX_ACTIONS} actions; give more of it`,
      );
    actions.push(row.action);
    low = row.action + '\u0000'; // the first string after it
  }
}

export interface ChainReport {
  ok: boolean;
  events: number;
  headSeq: number;
  /** The first problem found, with the sequence number where it is. */
  problem: { seq: number; kind: 'hash' | 'link' | 'gap' | 'head'; detail: string } | null;
}

/** Walks the whole chain in order and checks every hash, every link, the numbering and the head. */
export async function verifyChain(db: Db, pageSize = 10_000): Promise<ChainReport> {
  const [first] = await db.run(getHead, {});
  let head = first ?? null;
  let expectedSeq = 1;
  let prevHash = GENESIS;
  let events = 0;
  const fail = (seq: number, kind: 'hash' | 'link' | 'gap' | 'head', detail: string): ChainReport => ({
    ok: false,
    events,
    headSeq: head?.seq ?? 0,
    problem: { seq, kind, detail },
  });
  // A live server appends while the check reads. Every event up to a head read before the scan is
  // committed, so each round checks the chain up to the head it read; appends that land meanwhile
  // move the head, and the next round checks them. An event past a head that stays put was put there
  // behind the head's back.
  for (let round = 0; ; round++) {
    const bound = head?.seq ?? 0;
    while (events < bound) {
      const page = await db.run(readChain, { after: events, limit: pageSize });
      for (const e of page) {
        // Past the bound, events may still be committing (one can be seen before the one below it).
        if (events === bound) break;
        if (e.seq !== expectedSeq)
          return fail(expectedSeq, 'gap', `event ${expectedSeq} is missing (next is ${e.seq})`);
        if (e.prevHash !== prevHash) return fail(e.seq, 'link', `event ${e.seq} does not follow event ${e.seq - 1}`);
        const { hash, ...rest } = e;
        if (eventHash(rest) !== hash) return fail(e.seq, 'hash', `event ${e.seq} was altered after it was written`);
        prevHash = hash;
        expectedSeq++;
        events++;
      }
      if (page.length < pageSize) break;
    }
    if (events < bound) return fail(events + 1, 'head', `the head says ${bound} events, the chain has ${events}`);
    if (head && head.hash !== prevHash) return fail(bound, 'head', `the head's hash does not match event ${bound}`);
    const [beyond] = await db.run(readChain, { after: bound, limit: 1 });
    if (!beyond) return { ok: true, events, headSeq: bound, problem: null };
    const [now] = await db.run(getHead, {});
    if (!now || now.seq === bound || round >= 20)
      return fail(beyond.seq, 'head', `event ${beyond.seq} lies past the head (${bound} events)`);
    head = now;
  }
}
