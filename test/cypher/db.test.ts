import net from 'node:net';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { resetData } from '../../server/db/reset.ts';
import { mergeRegions, ping } from '../../server/db/queries.ts';
import { REGIONS } from '../../server/domain/regions.ts';
import {
  CypherError,
  DatabaseAuthError,
  DatabaseUnavailableError,
  ReadOnlyViolationError,
  ValidationError,
} from '../../server/errors.ts';
import { Db } from '../../server/db/db.ts';
import { upstreamLevel } from '../../server/trace/queries.ts';
import { tag, testConfig, testDb } from '../support/db.ts';

const db = testDb();
const HEAVY = 'UNWIND range(1, 100000000) AS x WITH x WHERE x % 7 = 123456 RETURN count(*) AS n';
afterAll(() => db.close());

describe('db chokepoint', () => {
  it('runs a registered query and returns plain rows with numbers, not driver integers', async () => {
    expect(await db.run(ping, {})).toEqual([{ ok: 1 }]);
  });

  it('sends a statement of several kilobytes to Neo4j in one socket write', async () => {
    // 16 KB of statement and 2 KB of parameters: thirteen of the driver's default 1,400-byte writes.
    const frontier = Array.from({ length: 20 }, (_, i) => ({ key: `company:${'x'.repeat(80)}${i}`, before: '2024' }));
    const params = {
      lists: { frontier, scope: ['360000'], known: [] },
      perNode: 1,
      scan: 1,
      infrastructure: '^$',
      toleranceDays: 7,
      ahead: 0,
      levels: 0,
    };
    await db.run(upstreamLevel, params); // a pooled connection, so no handshake is counted
    const spy = vi.spyOn(net.Socket.prototype, 'write');
    try {
      expect(await db.run(upstreamLevel, params)).toEqual([]);
      expect(spy).toHaveBeenCalledTimes(1);
    } finally {
      spy.mockRestore();
    }
  });

  it('validates parameters with the query schema before sending them', async () => {
    // @ts-expect-error deliberately wrong parameter type
    await expect(db.run(mergeRegions, { regions: [{ code: 'x' }] })).rejects.toThrowError(ValidationError);
  });

  it('loads regions with hierarchy and the retired 湾里 → 新建 succession', async () => {
    await db.run(mergeRegions, { regions: [...REGIONS] });
    const rows = await db.adhocRead(
      "MATCH (w:Region {code: '360105'})-[:SUCCEEDED_BY]->(s:Region)-[:PART_OF]->(c:Region) RETURN w.retired AS retired, s.name AS successor, c.code AS city",
    );
    expect(rows).toEqual([{ retired: true, successor: '新建区', city: '360100' }]);
  });

  it('ad-hoc reads return data, and writes are refused before they run', async () => {
    const t = tag();
    await expect(db.adhocRead(`CREATE (:Scratch {t: '${t}'})`)).rejects.toThrowError(ReadOnlyViolationError);
    await expect(db.adhocRead(`MATCH (n) WITH n LIMIT 1 SET n.touched = true`)).rejects.toThrowError(/not read-only/);
    expect(await db.adhocRead(`MATCH (s:Scratch {t: $t}) RETURN count(s) AS n`, { t })).toEqual([{ n: 0 }]);
    expect(await db.adhocRead('RETURN date("2024-05-06") AS d, 2 AS i, 1.5 AS f')).toEqual([
      { d: '2024-05-06', i: 2, f: 1.5 },
    ]);
  });

  it('maps a syntax error to a CypherError carrying the Neo4j code', async () => {
    await expect(db.adhocRead('MATCH (n RETURN n')).rejects.toThrowError(CypherError);
    await expect(db.adhocRead('MATCH (n RETURN n')).rejects.toThrowError(/Neo.ClientError.Statement.SyntaxError/);
  });

  it('maps a closed port to DatabaseUnavailableError and a wrong password to DatabaseAuthError', async () => {
    const config = testConfig();
    const closed = new Db({
      uri: 'bolt://127.0.0.1:1',
      user: 'neo4j',
      password: 'x',
      database: 'neo4j',
      txTimeoutMs: 1000,
    });
    const wrong = new Db({
      uri: config.NEO4J_URI ?? '',
      user: 'neo4j',
      password: `wrong-${tag()}`,
      database: 'neo4j',
      txTimeoutMs: 1000,
    });
    try {
      await expect(closed.run(ping, {})).rejects.toThrowError(DatabaseUnavailableError);
      await expect(wrong.run(ping, {})).rejects.toThrowError(DatabaseAuthError);
    } finally {
      await closed.close();
      await wrong.close();
    }
  });

  it('stops a transaction that runs past its timeout', async () => {
    const slow = new Db({ ...dbOptions(), txTimeoutMs: 200 });
    try {
      await expect(
        slow.adhocRead('UNWIND range(1, 100000000) AS x WITH x WHERE x % 7 = 123456 RETURN count(*) AS n'),
      ).rejects.toThrowError(/time limit/);
    } finally {
      await slow.close();
    }
  });
});

describe('a registered read (one auto-commit statement)', () => {
  it('stops past its timeout and maps a Cypher error to a CypherError naming the statement', async () => {
    const slow = new Db({ ...dbOptions(), txTimeoutMs: 200 });
    try {
      const heavy = { ...ping, statement: HEAVY };
      await expect(slow.run(heavy, {})).rejects.toThrowError(/time limit/);
      const broken = { ...ping, statement: 'MATCH (n RETURN n' };
      await expect(slow.run(broken, {})).rejects.toThrowError(CypherError);
      await expect(slow.run(broken, {})).rejects.toThrowError(new RegExp(ping.name));
      // The connection is clean afterwards: the next statement on the pool runs.
      expect(await slow.run(ping, {})).toHaveLength(1);
    } finally {
      await slow.close();
    }
  });
});

describe('several reads under one time limit (Db.reads)', () => {
  it('gives each statement what is left of the limit, and refuses a write', async () => {
    const limited = new Db({ ...dbOptions(), txTimeoutMs: 60_000 });
    try {
      const heavy = { ...ping, statement: HEAVY };
      const started = performance.now();
      // Two statements of which the second alone would finish inside 60 s, but not inside what is left
      // of 400 ms after the first has waited 250 ms.
      await expect(
        limited.reads(
          'test/two-reads',
          async (tx) => {
            await tx.run(ping, {});
            await new Promise((resolve) => setTimeout(resolve, 250));
            return tx.run(heavy, {});
          },
          { timeoutMs: 400 },
        ),
      ).rejects.toThrowError(/time limit/);
      expect(performance.now() - started).toBeLessThan(5_000);
      await expect(
        limited.reads(
          'test/past',
          async (tx) => {
            await new Promise((resolve) => setTimeout(resolve, 60));
            return tx.run(ping, {});
          },
          { timeoutMs: 50 },
        ),
      ).rejects.toThrowError(/test\/past: ran past its time limit of 50 ms/);
      const write = { ...ping, mode: 'WRITE' as const };
      await expect(limited.reads('test/write', (tx) => tx.run(write, {}))).rejects.toThrowError(/not a read/);
    } finally {
      await limited.close();
    }
  });
});

describe('reset', () => {
  it('deletes all data in batches, keeps the schema and the ledger, and reloads regions', async () => {
    const t = tag();
    await db.autoCommit(
      `UNWIND range(1, 25) AS i CREATE (:Company {key: '${t}-' + i})-[:LOCATED_AT]->(:Address {key: '${t}-a' + i})`,
      'fixture',
    );
    const result = await resetData(db, 7);
    expect(result.deleted).toBeGreaterThanOrEqual(50);
    const [left] = await db.adhocRead('MATCH (n) WHERE NOT n:Migration AND NOT n:Region RETURN count(n) AS n');
    expect(left).toEqual({ n: 0 });
    const [regions] = await db.adhocRead('MATCH (r:Region) RETURN count(r) AS n');
    expect(regions).toEqual({ n: REGIONS.length });
    const [ledger] = await db.adhocRead('MATCH (m:Migration) RETURN count(m) > 0 AS kept');
    expect(ledger).toEqual({ kept: true });
  });
});

function dbOptions() {
  const config = testConfig();
  return {
    uri: config.NEO4J_URI ?? '',
    user: config.NEO4J_USER,
    password: config.NEO4J_PASSWORD ?? '',
    database: 'neo4j',
    txTimeoutMs: 1000,
  };
}
