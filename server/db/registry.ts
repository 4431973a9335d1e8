/**
 * The typed query registry. Each entry pairs one `cypher/<feature>/<verb-noun>.cypher` file with its
 * access mode, a zod schema for its parameters and a zod schema for each returned row. The Cypher text
 * is read when the entry is defined (at import), so a missing file fails the process at start-up.
 * Statements are never built from input: the file is the statement.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { PROJECT_ROOT } from '../config.ts';
import { compactCypher } from './cypher-text.ts';

export type AccessMode = 'READ' | 'WRITE';

export interface Query<P extends z.ZodType = z.ZodType, R extends z.ZodType = z.ZodType> {
  /** `<feature>/<verb-noun>`, the file path under cypher/ without extension. */
  readonly name: string;
  readonly mode: AccessMode;
  readonly params: P;
  readonly row: R;
  /** The file as written, comments and all. */
  readonly text: string;
  /** What is sent to Neo4j: the text without comments or indentation (cypher-text.ts). */
  readonly statement: string;
  readonly file: string;
}

export type ParamsOf<Q extends Query> = z.input<Q['params']>;
export type RowOf<Q extends Query> = z.output<Q['row']>;

export const CYPHER_DIR = path.join(PROJECT_ROOT, 'cypher');

const registry = new Map<string, Query>();

/** Statement files read so far, by path. */
const sources = new Map<string, string>();

export function defineQuery<P extends z.ZodType, R extends z.ZodType>(def: {
  name: string;
  mode: AccessMode;
  params: P;
  row: R;
  /**
   * For the few statements that differ only in a label, relationship type or property name (Cypher
   * cannot take those as parameters and still use an index): `{{NAME}}` placeholders in the file,
   * filled from values the caller takes from a whitelist in code. The entry is named `<file>#<values>`.
   */
  fill?: Record<string, string>;
}): Query<P, R> {
  const { fill, ...rest } = def;
  const name = fill ? `${def.name}#${Object.values(fill).join(',')}` : def.name;
  if (registry.has(name)) throw new Error(`quanlian/db: query ${name} is defined twice`);
  const file = path.join(CYPHER_DIR, `${def.name}.cypher`);
  let text = sources.get(file);
  if (text === undefined) {
    if (!fs.existsSync(file))
      throw new Error(`quanlian/db: query ${def.name}: file ${path.relative(PROJECT_ROOT, file)} is missing`);
    text = fs.readFileSync(file, 'utf8');
    // Filled statements share their file (packets/merge-relationships fills one file 31 times).
    sources.set(file, text);
  }
  for (const [placeholder, value] of Object.entries(fill ?? {})) {
    if (!/^[A-Za-z][A-Za-z_]*$/.test(value))
      throw new Error(`quanlian/db: query ${def.name}: ${value} is not a label, type or property name`);
    text = text.replaceAll(`{{${placeholder}}}`, value);
  }
  if (/\{\{[A-Z_]+\}\}/.test(text)) throw new Error(`quanlian/db: query ${name}: unfilled placeholder`);
  const query: Query<P, R> = Object.freeze({ ...rest, name, text, statement: compactCypher(text), file });
  registry.set(name, query);
  return query;
}

/**
 * One statement per label (or relationship type) of a whitelist, from one file whose
 * `{{placeholder}}` (LABEL by default) each label fills: `detect/read-parties#Company`, ….
 */
export function definePerLabel<L extends string, P extends z.ZodType, R extends z.ZodType>(
  labels: readonly L[],
  def: { name: string; mode: AccessMode; params: P; row: R; placeholder?: string },
): Record<L, Query<P, R>> {
  const { placeholder = 'LABEL', ...rest } = def;
  const out = {} as Record<L, Query<P, R>>;
  for (const label of labels) out[label] = defineQuery({ ...rest, fill: { [placeholder]: label } });
  return out;
}

/** Every defined query; complete once server/queries.ts has been imported. */
export function registeredQueries(): Query[] {
  return [...registry.values()];
}
