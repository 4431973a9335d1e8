import { describe, expect, it } from 'vitest';
import { WriteLane } from '../../../server/ingest/service.ts';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('WriteLane', () => {
  it('runs one write at a time, in the order asked, and a failed write does not stop the next', async () => {
    const lane = new WriteLane();
    const log: string[] = [];
    let running = 0;
    let most = 0;
    const write = (name: string, fail = false) =>
      lane.run(async () => {
        running++;
        most = Math.max(most, running);
        log.push(`start ${name}`);
        await tick();
        log.push(`end ${name}`);
        running--;
        if (fail) throw new Error(`${name} failed`);
        return name;
      });
    const results = await Promise.allSettled([write('a1'), write('b1', true), write('a2'), write('b2')]);
    expect(most).toBe(1);
    expect(log).toEqual(['start a1', 'end a1', 'start b1', 'end b1', 'start a2', 'end a2', 'start b2', 'end b2']);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
  });
});
