import { describe, expect, it } from 'vitest';
import { EdgeList } from '../../server/detect/graph.ts';

/** The reference: a map of pairs, weights summed in the order added, then sorted by (a, b). */
function naive(edges: [number, number, number][]): [number, number, number][] {
  const sums = new Map<string, [number, number, number]>();
  for (const [x, y, w] of edges) {
    if (x === y || w <= 0) continue;
    const [a, b] = x < y ? [x, y] : [y, x];
    const entry = sums.get(`${a},${b}`);
    if (entry) entry[2] += w;
    else sums.set(`${a},${b}`, [a, b, w]);
  }
  return [...sums.values()].sort((p, q) => p[0] - q[0] || p[1] - q[1]);
}

describe('EdgeList.fold', () => {
  it('sums each pair in the order added and sorts by pair, for a few pairs per party and for a hub', () => {
    let state = 11;
    const rnd = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const parties = 300;
    const edges: [number, number, number][] = [];
    for (let i = 0; i < 3000; i++) {
      // Party 0 is a hub (hundreds of pairs: the merge-sort path); the rest have a few each.
      const x = rnd() < 0.2 ? 0 : Math.floor(rnd() * parties);
      const y = Math.floor(rnd() * parties);
      edges.push([x, y, [0.1, 0.2, 0.3, 1 / 3, 0][Math.floor(rnd() * 5)] as number]);
    }
    const list = new EdgeList();
    for (const [x, y, w] of edges) list.add(x, y, w);
    const folded = list.fold(parties);
    const got = Array.from(folded.a, (a, i) => [a, folded.b[i], folded.weight[i]]);
    const want = naive(edges);
    expect(want.filter(([a]) => a === 0).length).toBeGreaterThan(32);
    expect(got).toEqual(want);
  });
});
