/**
 * Finds import specs: the built-ins in server/ingest/specs/, the user's own in <data dir>/specs/
 * (drop a .yaml or .json file there — no code change), or one file named with --spec. Every spec is
 * validated by SpecSchema; a bad one is refused with the file and the path of each problem.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { ValidationError } from '../../errors.ts';
import { RowMapper } from '../mapper.ts';
import { SpecSchema, type Spec } from './schema.ts';

export const BUILTIN_SPEC_DIR = path.join(import.meta.dirname, '..', 'specs');

const SPEC_FILE = /\.(ya?ml|json)$/;

export function loadSpecFile(file: string): Spec {
  let data: unknown;
  try {
    const text = fs.readFileSync(file, 'utf8');
    data = file.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new ValidationError(`quanlian/ingest: spec ${file}: cannot be read: ${(error as Error).message}`);
  }
  const result = SpecSchema.safeParse(data);
  if (!result.success) {
    const issues = result.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`).join('\n');
    throw new ValidationError(`quanlian/ingest: spec ${file} is invalid:\n${issues}`);
  }
  return result.data;
}

function loadDir(dir: string): Spec[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => SPEC_FILE.test(f))
    .sort()
    .map((f) => loadSpecFile(path.join(dir, f)));
}

/** Built-in specs followed by the user's; a user spec with a built-in's name replaces it. */
export function loadSpecs(userDir?: string): Spec[] {
  const byName = new Map<string, Spec>();
  for (const spec of [...loadDir(BUILTIN_SPEC_DIR), ...(userDir ? loadDir(userDir) : [])]) byName.set(spec.name, spec);
  return [...byName.values()];
}

/** `--spec NAME|FILE`: a path to a spec file, or the name of a known spec. */
export function resolveSpec(nameOrFile: string, specs: Spec[]): Spec {
  if (SPEC_FILE.test(nameOrFile) && fs.existsSync(nameOrFile)) return loadSpecFile(nameOrFile);
  const spec = specs.find((s) => s.name === nameOrFile);
  if (!spec) {
    throw new ValidationError(
      `quanlian/ingest: no spec named "${nameOrFile}" (known: ${specs.map((s) => s.name).join(', ')})`,
    );
  }
  return spec;
}

/**
 * Picks the spec whose detect headers all appear in the header row, preferring the one that binds
 * the most columns. Returns null when none applies.
 */
export function detectSpec(headers: string[], specs: Spec[]): Spec | null {
  let best: { spec: Spec; score: number } | null = null;
  const present = new Set(headers.map((h) => h.replace(/^\uFEFF/, '').trim()));
  for (const spec of specs) {
    if (!spec.detect.headers.every((h) => present.has(h))) continue;
    const score = RowMapper.coverage(spec, headers);
    if (!best || score > best.score) best = { spec, score };
  }
  return best?.spec ?? null;
}
