import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { upstreamLevel } from '../../server/trace/queries.ts';

describe('trace/upstream-level', () => {
  it('reads ahead with the very text of the level it reads: the four level bodies are the same', () => {
    // Each body runs from its marker to the collect() that ends it; they differ only in what the
    // frontier is (the given one, or the entries worked out from the level before) and what the
    // rows are called.
    const bodies = [...upstreamLevel.text.matchAll(/\/\/ level body \((\d) of 4\)\n(.*?)\) AS (level\d)\n/gs)];
    expect(bodies.map((b) => [b[1], b[3]])).toEqual([
      ['1', 'level1'],
      ['2', 'level2'],
      ['3', 'level3'],
      ['4', 'level4'],
    ]);
    const texts = bodies.map((b) => (b[2] as string).split('\n').slice(1).join('\n'));
    for (const text of texts) expect(text).toBe(texts[0]);
    expect((texts[0] as string).length).toBeGreaterThan(2_000);
    // And each starts from its frontier and nothing else.
    expect(bodies.map((b) => (b[2] as string).split('\n')[0]?.trim())).toEqual([
      'UNWIND $lists.frontier AS f',
      'UNWIND CASE WHEN size(next1) <= $ahead THEN next1 ELSE [] END AS f',
      'UNWIND CASE WHEN size(next2) <= $ahead THEN next2 ELSE [] END AS f',
      'UNWIND CASE WHEN size(next3) <= $ahead THEN next3 ELSE [] END AS f',
    ]);
  });

  it('works out each level read ahead the same way, from the level before it', () => {
    // The three blocks differ only in their level's number: which rows, which parties are known
    // already, how many levels ahead are allowed, and the name of what they give.
    const blocks = [...upstreamLevel.text.matchAll(/\/\/ next entries \((\d) of 3\)\n(.*?AS next\d\n\})\n/gs)];
    expect(blocks.map((b) => b[1])).toEqual(['1', '2', '3']);
    const general = blocks.map((b) =>
      (b[2] as string)
        .replace(/\b(level|next|seen)(\d)\b/g, (_m, name: string, n: string) => `${name}{${Number(n) - Number(b[1])}}`)
        .replace(/\$levels >= \d/, '$levels >= {k}'),
    );
    for (const text of general) expect(text).toBe(general[0]);
    expect(general[0]).toContain('WHERE NOT key IN seen{-1}');
    // The parties reached before are left out: the trace's own ($known), then each level read ahead
    // but the last (whose entries nothing reads past).
    expect(upstreamLevel.text).toContain('WITH level1, $lists.known AS seen0');
    expect(
      [...upstreamLevel.text.matchAll(/^WITH \*, seen(\d) \+ \[e IN next(\d) \| e\.key\] AS seen(\d)$/gm)].map((m) =>
        m.slice(1),
      ),
    ).toEqual([
      ['0', '1', '1'],
      ['1', '2', '2'],
    ]);
  });

  it('takes its lists in one map, so one cached plan serves every size of scope, frontier and trace', () => {
    // Neo4j plans this statement in seconds and keys a cached plan on each list parameter's size
    // class: a list at the top level would make a new plan for each mix of sizes (the statement's header).
    for (const [name, type] of Object.entries(upstreamLevel.params.shape))
      if (name !== 'lists') expect({ name, list: type instanceof z.ZodArray }).toEqual({ name, list: false });
    expect(upstreamLevel.statement).not.toMatch(/\$(frontier|scope|known)\b/);
  });
});
