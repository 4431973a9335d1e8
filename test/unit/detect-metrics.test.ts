/** Partition metrics used by the quality bench, and the seeded Louvain they judge. */
import { UndirectedGraph } from 'graphology';
import { describe, expect, it } from 'vitest';
import { runLouvain, seededRng } from '../../server/detect/louvain.ts';
import { adjustedRandIndex, normalizedMutualInformation } from '../../server/detect/quality.ts';

describe('partition metrics', () => {
  it('scores identical partitions 1 whatever the labels are called', () => {
    const truth = ['a', 'a', 'a', 'b', 'b', 'c', 'c', 'c'];
    const found = [7, 7, 7, 2, 2, 9, 9, 9];
    expect(adjustedRandIndex(truth, found)).toBeCloseTo(1, 10);
    expect(normalizedMutualInformation(truth, found)).toBeCloseTo(1, 10);
  });

  it('scores a known mixed partition with the textbook value', () => {
    // Hubert & Arabie's example in sklearn's docs: labels [0,0,1,1] vs [0,0,1,2] → ARI 0.5714…
    expect(adjustedRandIndex([0, 0, 1, 1], [0, 0, 1, 2])).toBeCloseTo(0.5714285714, 8);
    expect(normalizedMutualInformation([0, 0, 1, 1], [0, 0, 1, 2])).toBeCloseTo(0.8, 8);
  });

  it('scores a partition unrelated to the truth near zero', () => {
    const rng = seededRng(3);
    const truth = Array.from({ length: 2000 }, (_, i) => i % 10);
    const found = truth.map(() => Math.floor(rng() * 10));
    expect(Math.abs(adjustedRandIndex(truth, found))).toBeLessThan(0.02);
  });
});

describe('seeded Louvain', () => {
  function ringOfCliques(): UndirectedGraph {
    const g = new UndirectedGraph();
    for (let i = 0; i < 30; i++) g.addNode(`${i}`);
    for (let c = 0; c < 6; c++) {
      for (let i = 0; i < 5; i++)
        for (let j = i + 1; j < 5; j++) g.addUndirectedEdge(`${c * 5 + i}`, `${c * 5 + j}`, { weight: 3 });
      g.addUndirectedEdge(`${c * 5}`, `${((c + 1) % 6) * 5 + 1}`, { weight: 0.5 });
    }
    return g;
  }

  it('gives the same partition for the same seed and finds the planted cliques', () => {
    const a = runLouvain(ringOfCliques(), 1, 42);
    const b = runLouvain(ringOfCliques(), 1, 42);
    expect([...a.membership]).toEqual([...b.membership]);
    expect(a.count).toBe(6);
    const truth = [...a.membership.keys()].map((i) => Math.floor(i / 5));
    expect(adjustedRandIndex(truth, [...a.membership.values()])).toBeCloseTo(1, 10);
  });

  it('draws the same random sequence for the same seed', () => {
    const r1 = seededRng(9);
    const r2 = seededRng(9);
    const xs = Array.from({ length: 5 }, () => r1());
    expect(Array.from({ length: 5 }, () => r2())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});
