/** Which keys a scope covers, for results assembled from stored documents (detection runs). */
import type { Db } from '../db/db.ts';
import { labelOfKey, type EntityLabel } from '../domain/model.ts';
import { filterVisible } from './queries.ts';
import type { Scope } from './scope.ts';

/** The subset of `keys` inside the scope; keys of no known label are never visible. */
export async function visibleKeys(db: Db, scope: Scope, keys: Iterable<string>): Promise<Set<string>> {
  const byLabel = new Map<EntityLabel, string[]>();
  for (const key of new Set(keys)) {
    const label = labelOfKey(key);
    if (label) (byLabel.get(label) ?? byLabel.set(label, []).get(label))?.push(key);
  }
  const out = new Set<string>();
  for (const [label, list] of byLabel) {
    const rows = await db.run(filterVisible[label], { keys: list, scope: [...scope.codes] });
    for (const r of rows) out.add(r.key);
  }
  return out;
}
