import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CYPHER_DIR } from '../../server/db/registry.ts';
import { registeredQueries } from '../../server/queries.ts';
import { testDb } from '../support/db.ts';

const db = testDb();
afterAll(() => db.close());

function cypherFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'schema' && dir === CYPHER_DIR ? [] : cypherFiles(full);
    return entry.name.endsWith('.cypher') ? [path.relative(CYPHER_DIR, full).replace(/\.cypher$/, '')] : [];
  });
}

describe('query registry', () => {
  it('pairs every cypher/ file (migrations aside) with exactly one registered query', () => {
    const files = new Set(registeredQueries().map((q) => q.name.split('#')[0]));
    expect([...files].sort()).toEqual(cypherFiles(CYPHER_DIR).sort());
  });

  it('names files <feature>/<verb-noun> and documents params and columns in a header', () => {
    for (const q of registeredQueries()) {
      expect(q.name).toMatch(/^[a-z0-9-]+\/[a-z]+(-[a-z0-9]+)+(#[A-Za-z_,]+)?$/);
      expect(q.text).toMatch(/^\/\/ .+/);
      expect(q.text).toMatch(/\/\/ params: /);
      expect(q.text).toMatch(/\/\/ columns: /);
    }
  });

  // Planning is CPU work: about 40 s for every statement on an idle 2-core machine (the trace level
  // statement alone takes 5–10 s), longer while the rest of the suite runs beside it.
  it(
    'every registered statement passes EXPLAIN, and READ entries plan as read-only',
    { timeout: 240_000 },
    async () => {
      for (const q of registeredQueries()) {
        const type = await db.explain(q);
        if (q.mode === 'READ') expect({ query: q.name, type }).toEqual({ query: q.name, type: 'r' });
      }
    },
  );
});
