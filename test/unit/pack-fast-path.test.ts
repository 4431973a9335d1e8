import { describe, expect, it } from 'vitest';
import { driverTransformer, packPrimitivesDirectly } from '../../server/db/pack-fast-path.ts';

/** Stands for one of the driver's types (all of which are objects). */
class Temporal {
  constructor(readonly iso: string) {}
}

describe('packPrimitivesDirectly', () => {
  it("skips the type tests for primitives in the driver's own Transformer, and still transforms its types", () => {
    const Transformer = driverTransformer();
    packPrimitivesDirectly();
    packPrimitivesDirectly(); // idempotent: wrapped once
    const tests: unknown[] = [];
    const transformer = new Transformer([
      {
        signature: 0x44,
        isTypeInstance: (value: unknown) => {
          tests.push(value);
          return value instanceof Temporal;
        },
        toStructure: (value: Temporal) => ({ packed: value.iso }),
        fromStructure: (value: unknown) => value,
      },
    ]);
    const { toStructure } = transformer; // the driver passes it unbound, as bound in the constructor
    for (const primitive of ['360111', 42, 0.5, true, null, undefined, 10n])
      expect(toStructure(primitive)).toBe(primitive);
    expect(tests).toEqual([]);
    const date = new Temporal('2025-03-14');
    expect(toStructure(date)).toEqual({ packed: '2025-03-14' });
    const map = { key: 'uscc:1' };
    expect(toStructure(map)).toBe(map);
    expect(tests).toEqual([date, map]);
  });
});
