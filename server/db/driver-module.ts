/**
 * A module of neo4j-driver's own dependency tree, loaded as neo4j-driver itself loads it (from
 * neo4j-driver's location, so a nested copy is found, not only a hoisted one). bolt-buffer.ts and
 * pack-fast-path.ts adjust classes in it.
 */
import { createRequire } from 'node:module';

const fromDriver = createRequire(createRequire(import.meta.url).resolve('neo4j-driver'));

export function driverModule<T>(specifier: string): T {
  return fromDriver(specifier) as T;
}
