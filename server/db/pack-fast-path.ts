/**
 * Lets the driver pack a plain value without first testing it against each of its own types.
 *
 * Before packing any parameter value — every string of a list, every value of a map — neo4j-driver
 * asks its Transformer whether the value is one of the driver's types (a Point, a Duration, five
 * temporal types, a Node …), trying thirteen type tests in turn. Each test is an `instanceof` or a
 * property lookup on the value, so a string goes through thirteen lookups on String.prototype before
 * it is packed as the string it is. Quanlian passes the caller's region scope (31 district codes for
 * a province-wide user) to nearly every statement, and audit groups of ~10 events of 14 fields:
 * under bench:api these tests were about 5 % of the API process's CPU.
 *
 * Every one of those types is an object, so a primitive (string, number, boolean, bigint) or null is
 * never one of them: the Transformer's `toStructure` now returns such a value at once, and tests
 * objects as before. The answer is the same for every value; only the work differs. The method is
 * replaced on the prototype of the Transformer in the copy of neo4j-driver-bolt-connection that
 * neo4j-driver itself loads, before any driver is made (its constructor binds the method). As with
 * bolt-buffer.ts, test/unit/pack-fast-path.test.ts fails if a driver upgrade moves any of this.
 */
import { driverModule } from './driver-module.ts';

const TUNED = Symbol.for('quanlian.packFastPath');

interface TransformerClass {
  prototype: { toStructure(value: unknown): unknown };
  new (transformers: unknown[]): { toStructure(value: unknown): unknown };
}

/** The Transformer class of the bolt-connection package that neo4j-driver loads. */
export function driverTransformer(): TransformerClass {
  const module = driverModule<{ default?: TransformerClass }>('neo4j-driver-bolt-connection/lib/bolt/transformer.js');
  if (typeof module.default?.prototype?.toStructure !== 'function')
    throw new Error(
      'quanlian/db: neo4j-driver-bolt-connection no longer exports Transformer with toStructure from lib/bolt/transformer.js',
    );
  return module.default;
}

/** Idempotent: safe to call from every Db constructor. */
export function packPrimitivesDirectly(): void {
  const { prototype } = driverTransformer();
  if ((prototype as { [TUNED]?: true })[TUNED]) return;
  const tested = prototype.toStructure;
  prototype.toStructure = function toStructure(this: unknown, value: unknown) {
    return value === null || typeof value !== 'object' ? value : tested.call(this, value);
  };
  Object.defineProperty(prototype, TUNED, { value: true });
}
