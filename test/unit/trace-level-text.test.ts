import { describe, expect, it } from 'vitest';
import { upstreamLevel } from '../../server/trace/queries.ts';

describe('trace/upstream-level', () => {
  it('reads ahead with the very text of the level it reads: the two level bodies are the same', () => {
    // Each body runs from its marker to the collect() that ends it; they differ only in what the
    // frontier is (the given one, or the next level's entries) and what the rows are called.
    const bodies = [...upstreamLevel.text.matchAll(/\/\/ level body \((\d) of 2\)\n(.*?)\) AS (rows|further)\n/gs)];
    expect(bodies.map((b) => [b[1], b[3]])).toEqual([
      ['1', 'rows'],
      ['2', 'further'],
    ]);
    const [first, second] = bodies.map((b) => (b[2] as string).split('\n').slice(1).join('\n'));
    expect(first).toBe(second);
    expect((first as string).length).toBeGreaterThan(2_000);
    // And each starts from its frontier and nothing else.
    expect(bodies.map((b) => (b[2] as string).split('\n')[0]?.trim())).toEqual([
      'UNWIND $frontier AS f',
      'UNWIND CASE WHEN size(next) <= $ahead THEN next ELSE [] END AS f',
    ]);
  });
});
