/**
 * The one chokepoint to Neo4j (with values.ts and errors.ts, the only importer of neo4j-driver).
 * One driver per process, an explicit database on every session, managed transaction functions
 * (`executeRead`/`executeWrite`) with the query's name in the transaction metadata, sessions closed
 * in `finally`, parameters and rows validated by the registry's zod schemas, and driver errors
 * mapped to typed errors.
 */
import neo4j, { type Driver, type ManagedTransaction, type QueryResult } from 'neo4j-driver';
import type { z } from 'zod';
import { CypherError, ReadOnlyViolationError, ValidationError } from '../errors.ts';
import { mapNeo4jError } from './errors.ts';
import { disableNagle } from './nodelay.ts';
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

  constructor(options: DbOptions) {
    this.database = options.database;
    this.uri = options.uri;
    this.txTimeoutMs = options.txTimeoutMs;
    disableNagle();
    this.driver = neo4j.driver(options.uri, neo4j.auth.basic(options.user, options.password), {
      disableLosslessIntegers: true,
      maxConnectionPoolSize: options.maxConnectionPoolSize ?? 50,
      connectionAcquisitionTimeout: 20_000,
      connectionTimeout: 5_000,
      maxTransactionRetryTime: options.maxRetryTimeMs ?? 5_000,
      userAgent: 'quanlian/0.1',
    });
  }

  /** Runs one registered statement in its own managed transaction. */
  async run<Q extends Query>(query: Q, params: ParamsOf<Q>, options: RunOptions = {}): Promise<RowOf<Q>[]> {
    const work = (tx: ManagedTransaction) => execute(tx, query, params);
    return this.transaction(query.mode, query.name, work, options);
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
      for await (const record of tx.run(query.text, toParam(parsedParams) as Record<string, unknown>)) {
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

  /** Several statements in one read transaction (one consistent snapshot). */
  async readTx<T>(name: string, work: (tx: Tx) => Promise<T>, options: RunOptions = {}): Promise<T> {
    return this.transaction('READ', name, (tx) => work(wrap(tx)), options);
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
    const params = Object.fromEntries([...query.text.matchAll(/\$([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => [m[1], null]));
    const session = this.driver.session({ database: this.database });
    try {
      const result = await session.run(`EXPLAIN ${stripHeader(query.text)}`, params);
      return result.summary.queryType;
    } catch (error) {
      throw mapNeo4jError(error, `EXPLAIN ${query.name}`);
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
    const config = { timeout: options.timeoutMs ?? this.txTimeoutMs, metadata: { query: name } };
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
  const result: QueryResult = await tx.run(query.text, toParam(parsedParams) as Record<string, unknown>);
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

function stripHeader(text: string): string {
  return text.replace(/^\s*(\/\/[^\n]*\n\s*)*/, '');
}

function describeQueryType(type: string): string {
  return { r: 'read', w: 'write', rw: 'read-write', s: 'schema write' }[type] ?? type;
}
