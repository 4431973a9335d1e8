/**
 * Empties the database in bounded batches (no transaction grows with the data), keeping the schema
 * and the migration ledger, then reloads the Region reference data so the instance stays usable.
 */
import { REGIONS } from '../domain/regions.ts';
import type { Db } from './db.ts';
import { deleteDataBatch, mergeRegions } from './queries.ts';

export async function resetData(db: Db, batchSize = 10_000): Promise<{ deleted: number; regions: number }> {
  let deleted = 0;
  for (;;) {
    const [row] = await db.run(deleteDataBatch, { batchSize }, { timeoutMs: 600_000 });
    const n = row?.deleted ?? 0;
    deleted += n;
    if (n === 0) break;
  }
  const [regions] = await db.run(mergeRegions, { regions: [...REGIONS] });
  return { deleted, regions: regions?.regions ?? 0 };
}
