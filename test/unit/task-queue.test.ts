import { describe, expect, it } from 'vitest';
import { TaskQueue } from '../../server/browser.ts';
import { PrinterBusyError } from '../../server/errors.ts';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('print queue', () => {
  it('runs one task at a time in order, keeps a short queue and refuses past it', async () => {
    const queue = new TaskQueue(1, 2);
    const order: string[] = [];
    const gates = [deferred(), deferred(), deferred()];
    const task = (i: number) => async () => {
      order.push(`start ${i}`);
      await gates[i]?.promise;
      order.push(`end ${i}`);
      return i;
    };
    const runs = [queue.run(task(0)), queue.run(task(1)), queue.run(task(2))];
    // One running, two waiting: a fourth is refused at once with a 503 problem.
    await expect(queue.run(task(3))).rejects.toBeInstanceOf(PrinterBusyError);
    await expect(queue.run(task(3))).rejects.toMatchObject({ status: 503, type: 'printer-busy' });
    await new Promise((r) => setTimeout(r, 5));
    expect(order).toEqual(['start 0']);
    gates.forEach((g) => g.resolve());
    expect(await Promise.all(runs)).toEqual([0, 1, 2]);
    expect(order).toEqual(['start 0', 'end 0', 'start 1', 'end 1', 'start 2', 'end 2']);
  });

  it('frees the slot when a task fails', async () => {
    const queue = new TaskQueue(1, 0);
    await expect(queue.run(() => Promise.reject(new Error('chromium crashed')))).rejects.toThrow('chromium crashed');
    expect(await queue.run(() => Promise.resolve('printed'))).toBe('printed');
  });
});
