/**
 * The one chokepoint to Neo4j (with values.ts and errors.ts, the only importer of neo4j-driver).
 * One driver per process, an explicit database on every session, managed transaction functions
 * (`executeRead`/`executeWrite`) for writes and streams, auto-commit statements where a transaction
 * would only add round trips (a lone read, dependent reads under one time limit, a write that
 * recognises its own earlier commit), the query's name in the transaction metadata, sessions closed
 * in `finally`, parameters and rows validated by the registry's zod schemas, and driver errors
 * mapped to typed errors.
 */
import neo4j, { type Driver, type ManagedTransaction, type QueryResult } from 'neo4j-driver';
import type { z } from 'zod';
import { CypherError, QueryTimeoutError, ReadOnlyViolationError, ValidationError } from '../errors.ts';
import { mapNeo4jError } from './errors.ts';
import { enlargeBoltWriteBuffer } from './bolt-buffer.ts';
import { disableNagle } from './nodelay.ts';
import { packPrimitivesDirectly } from './pack-fast-path.ts';
import type { ParamsOf, Query, RowOf } from './registry.ts';
import { toParam, toPlain } from './values.ts';

export interface DbOptions {
  uri: string;
  user: string;
  password: string;
  database: string;
  /** Server-side limit of one transaction, in ms. */
  txTimeoutMs: number;
  /** Upper bound on pooled connections; the default suits one API process. */
  maxConnectionPoolSize?: number;
  /** How long a transaction function retries transient failures (default 5 s: fail fast, report). */
  maxRetryTimeMs?: number;
}

export interface Tx {
  run<Q extends Query>(query: Q, params: ParamsOf<Q>): Promise<RowOf<Q>[]>;
}

export interface RunOptions {
  /** Overrides the configured transaction timeout (long jobs such as ingest and detection). */
  timeoutMs?: number;
}

export class Db {
  readonly database: string;
  readonly uri: string;
  private readonly driver: Driver;
  private readonly txTimeoutMs: number;
  private readonly maxRetryTimeMs: number;

  constructor(options: DbOptions) {
    this.database = options.database;
    this.uri = options.uri;
    this.txTimeoutMs = options.txTimeoutMs;
    this.maxRetryTimeMs = options.maxRetryTimeMs ?? 5_000;
    disableNagle();
    enlargeBoltWriteBuffer();
    packPrimitivesDirectly();
    this.driver = neo4j.driver(options.uri, neo4j.auth.basic(options.user, options.password), {
      disableLosslessIntegers: true,
      maxConnectionPoolSize: options.maxConnectionPoolSize ?? 50,
      connectionAcquisitionTimeout: 20_000,
      connectionTimeout: 5_000,
      maxTransactionRetryTime: this.maxRetryTimeMs,
      userAgent: 'quanlian/0.1',
    });
  }

  /**
   * Runs one registered statement in its own transaction: a write in a managed transaction, a read
   * as an auto-commit transaction in a READ session (one statement needs no BEGIN and COMMIT, which
   * cost a short read about as much as the statement itself), retried like a managed one.
   */
  async run<Q extends Query>(query: Q, params: ParamsOf<Q>, options: RunOptions = {}): Promise<RowOf<Q>[]> {
    if (query.mode === 'READ') return this.autoCommitted(query, params, options, true);
    const work = (tx: ManagedTransaction) => execute(tx, query, params);
    return this.transaction(query.mode, query.name, work, options);
  }

  /**
   * One registered write as an auto-commit transaction: RUN and PULL in one round trip, committed
   * before the reply, where a managed transaction takes three (BEGIN, RUN and PULL, COMMIT). It is
   * not retried, because a failure can hide a commit: only a statement that recognises its own
   * earlier commit, and whose caller tries again, belongs here (the audit log's append-at-head).
   */
  async commitOne<Q extends Query>(query: Q, params: ParamsOf<Q>, options: RunOptions = {}): Promise<RowOf<Q>[]> {
    if (query.mode !== 'WRITE') throw new ValidationError(`quanlian/db: ${query.name} is not a write`);
    return this.autoCommitted(query, params, options, false);
  }

  /** One statement as its own transaction; reads are tried again on transient failures as executeRead would. */
  private async autoCommitted<Q extends Query>(
    query: Q,
    params: ParamsOf<Q>,
    options: RunOptions,
    retry: boolean,
  ): Promise<RowOf<Q>[]> {
    const parsed = parse(query.params, params, `query ${query.name}: invalid parameters`, ValidationError);
    const p = toParam(parsed) as Record<string, unknown>;
    const config = this.txConfig(query.name, options);
    const mode = query.mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE;
    const deadline = performance.now() + this.maxRetryTimeMs;
    for (let attempt = 0; ; attempt++) {
      const session = this.driver.session({ database: this.database, defaultAccessMode: mode });
      try {
        const result = await withoutStackCapture(() => session.run(query.statement, p, config));
        return rowsOf(query, result);
      } catch (error) {
        // As executeRead would: transient failures (a cluster member going away) are tried again.
        if (!retry || !neo4j.isRetriableError(error) || performance.now() >= deadline)
          throw mapNeo4jError(error, query.name);
      } finally {
        await session.close();
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(1_000, 50 * 2 ** attempt)));
    }
  }

  /** A transaction's server-side timeout and its name in the metadata (seen in Neo4j's query log). */
  private txConfig(name: string, options: RunOptions) {
    return { timeout: options.timeoutMs ?? this.txTimeoutMs, metadata: { query: name } };
  }

  /**
   * Streams a registered read's rows into a fold, in one read transaction, without holding them
   * all: the driver pulls them in batches of `fetchSize` rows (default 5,000; fewer when each row is
   * a page of records) as the fold consumes them, so Neo4j produces the next batch while this thread
   * folds the last. The signal is checked before every row. A retried transaction calls `start`
   * again for a fresh accumulator, so no row is ever folded twice. Each row is validated as `run`'s.
   */
  async stream<Q extends Query, A>(
    query: Q,
    params: ParamsOf<Q>,
    fold: { start(): A; row(acc: A, row: RowOf<Q>, index: number): void },
    options: RunOptions & { signal?: AbortSignal; fetchSize?: number } = {},
  ): Promise<A> {
    if (query.mode !== 'READ')
      throw new ValidationError(`quanlian/db: ${query.name} is not a read; it cannot be streamed`);
    const { signal } = options;
    const work = async (tx: ManagedTransaction): Promise<A> => {
      const parsedParams = parse(query.params, params, `query ${query.name}: invalid parameters`, ValidationError);
      const acc = fold.start();
      let i = 0;
      for await (const record of runStatement(tx, query.statement, parsedParams)) {
        signal?.throwIfAborted();
        const row = parse(
          query.row,
          toPlain(record.toObject()),
          `query ${query.name}: row ${i} does not match its schema`,
          CypherError,
        );
        fold.row(acc, row as RowOf<Q>, i++);
      }
      return acc;
    };
    return this.transaction('READ', query.name, work, options, options.fetchSize ?? 5_000);
  }

  /** Several statements in one write transaction: all or nothing. */
  async writeTx<T>(name: string, work: (tx: Tx) => Promise<T>, options: RunOptions = {}): Promise<T> {
    return this.transaction('WRITE', name, (tx) => work(wrap(tx)), options);
  }

  /**
   * Several reads that depend on each other (a trace's levels), each an auto-commit statement, all
   * within one time limit: each statement gets what is left of it, so the work as a whole stops at
   * the limit as one transaction would. They are not one transaction on purpose: Neo4j reads commit
   * at read-committed isolation, so a read transaction adds no snapshot, only BEGIN and COMMIT, two
   * more round trips each queued behind every other request on a loaded server.
   */
  async reads<T>(name: string, work: (tx: Tx) => Promise<T>, options: RunOptions = {}): Promise<T> {
    const limit = options.timeoutMs ?? this.txTimeoutMs;
    const deadline = performance.now() + limit;
    return work({
      run: async (query, params) => {
        const left = Math.ceil(deadline - performance.now());
        if (left <= 0)
          throw new QueryTimeoutError(`quanlian/db: ${name}: ran past its time limit of ${limit} ms and was stopped`);
        if (query.mode !== 'READ') throw new ValidationError(`quanlian/db: ${query.name} is not a read (in ${name})`);
        return this.autoCommitted(query, params, { timeoutMs: left }, true);
      },
    });
  }

  /**
   * An operator's ad-hoc read (`quanlian query`). The statement is planned first and refused unless
   * Neo4j classifies it as read-only; it then runs in a READ transaction, which refuses writes again.
   */
  async adhocRead(cypher: string, params: Record<string, unknown> = {}): Promise<Record<string, unknown>[]> {
    const session = this.driver.session({ database: this.database, defaultAccessMode: neo4j.session.READ });
    try {
      const plan = await session.executeRead((tx) =>
        tx.run(`EXPLAIN ${cypher}`, toParam(params) as Record<string, unknown>),
      );
      const type = plan.summary.queryType;
      if (type !== 'r') {
        throw new ReadOnlyViolationError(
          `quanlian/query: refused: the statement is not read-only (Neo4j classifies it as "${describeQueryType(type)}")`,
        );
      }
      const result = await session.executeRead((tx) => tx.run(cypher, toParam(params) as Record<string, unknown>), {
        timeout: this.txTimeoutMs,
        metadata: { query: 'adhoc' },
      });
      return result.records.map((r) => toPlain(r.toObject()) as Record<string, unknown>);
    } catch (error) {
      throw mapNeo4jError(error, 'ad-hoc query');
    } finally {
      await session.close();
    }
  }

  /** Plans (never runs) a registered statement; null for each $param. Used by the registry test. */
  async explain(query: Query): Promise<string> {
    const params = Object.fromEntries(
      [...query.statement.matchAll(/\$([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => [m[1], null]),
    );
    const session = this.driver.session({ database: this.database });
    try {
      const result = await session.run(`EXPLAIN ${query.statement}`, params);
      return result.summary.queryType;
    } catch (error) {
      throw mapNeo4jError(error, `EXPLAIN ${query.name}`);
    } finally {
      await session.close();
    }
  }

  /**
   * Runs a registered read under PROFILE and gives its database hits, summed over the plan: the
   * work a statement did, for tests that compare two calls (a refusal that must cost what a miss
   * costs). Not for requests.
   */
  async profileDbHits<Q extends Query>(query: Q, params: ParamsOf<Q>): Promise<number> {
    const parsed = parse(query.params, params, `query ${query.name}: invalid parameters`, ValidationError);
    const session = this.driver.session({ database: this.database, defaultAccessMode: neo4j.session.READ });
    try {
      const result = await session.run(`PROFILE ${query.statement}`, toParam(parsed) as Record<string, unknown>);
      type Step = { dbHits?: number; children?: Step[] };
      const hits = (step: Step | false | undefined): number =>
        step ? (step.dbHits ?? 0) + (step.children ?? []).reduce((n, c) => n + hits(c), 0) : 0;
      return hits(result.summary.profile as Step | false);
    } catch (error) {
      throw mapNeo4jError(error, `PROFILE ${query.name}`);
    } finally {
      await session.close();
    }
  }

  /**
   * One auto-commit statement from a trusted file: migrations (Neo4j runs DDL outside explicit
   * transactions) and test fixtures. Never for text that came from a request.
   */
  async autoCommit(statement: string, label: string, params: Record<string, unknown> = {}): Promise<void> {
    const session = this.driver.session({ database: this.database });
    try {
      await session.run(statement, toParam(params) as Record<string, unknown>);
    } catch (error) {
      throw mapNeo4jError(error, label);
    } finally {
      await session.close();
    }
  }

  async verifyConnectivity(): Promise<{ address: string; version: string; edition: string }> {
    try {
      const info = await this.driver.getServerInfo({ database: this.database });
      const session = this.driver.session({ database: 'system' });
      try {
        const result = await session.run(
          'CALL dbms.components() YIELD versions, edition RETURN versions[0] AS version, edition',
        );
        const row = result.records[0];
        return {
          address: info.address ?? this.uri,
          version: String(row?.get('version')),
          edition: String(row?.get('edition')),
        };
      } finally {
        await session.close();
      }
    } catch (error) {
      throw mapNeo4jError(error, `connect to ${this.uri}`);
    }
  }

  async close(): Promise<void> {
    await this.driver.close();
  }

  private async transaction<T>(
    mode: 'READ' | 'WRITE',
    name: string,
    work: (tx: ManagedTransaction) => Promise<T>,
    options: RunOptions,
    fetchSize?: number,
  ): Promise<T> {
    const session = this.driver.session({
      database: this.database,
      defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
      ...(fetchSize ? { fetchSize } : {}),
    });
    const config = this.txConfig(name, options);
    try {
      return mode === 'READ' ? await session.executeRead(work, config) : await session.executeWrite(work, config);
    } catch (error) {
      throw mapNeo4jError(error, name);
    } finally {
      await session.close();
    }
  }
}

async function execute<Q extends Query>(tx: ManagedTransaction, query: Q, params: ParamsOf<Q>): Promise<RowOf<Q>[]> {
  const parsedParams = parse(query.params, params, `query ${query.name}: invalid parameters`, ValidationError);
  return rowsOf(query, await runStatement(tx, query.statement, parsedParams));
}

function rowsOf<Q extends Query>(query: Q, result: QueryResult): RowOf<Q>[] {
  return result.records.map(
    (record, i) =>
      parse(
        query.row,
        toPlain(record.toObject()),
        `query ${query.name}: row ${i} does not match its schema`,
        CypherError,
      ) as RowOf<Q>,
  );
}

/** Starts a statement in a transaction, without the driver's stack capture (below). */
function runStatement(tx: ManagedTransaction, text: string, params: unknown) {
  const p = toParam(params) as Record<string, unknown>;
  return withoutStackCapture(() => tx.run(text, p));
}

/**
 * The driver's Result captures the caller's stack as text when it is created (`new Error().stack`,
 * to decorate a failure later), and with source maps on — as tsx runs us — that formatting cost
 * about 12 % of the API server's CPU per request (measured with --cpu-prof under bench:api). A
 * failure is mapped to a typed error naming the statement (mapNeo4jError), which says more than that
 * stack would, so the capture is made empty: the frame limit is 0 only for the synchronous call that
 * creates the Result.
 */
function withoutStackCapture<T>(start: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return start();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

function wrap(tx: ManagedTransaction): Tx {
  return { run: (query, params) => execute(tx, query, params) };
}

function parse<S extends z.ZodType>(
  schema: S,
  value: unknown,
  context: string,
  ErrorType: typeof ValidationError | typeof CypherError,
): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
  throw new ErrorType(`quanlian/db: ${context}: ${issues}`);
}

function describeQueryType(type: string): string {
  return { r: 'read', w: 'write', rw: 'read-write', s: 'schema write' }[type] ?? type;
}
