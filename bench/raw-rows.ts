/**
 * A source file's rows as plain objects keyed by its header, untouched: what the ingest baselines
 * (`bench:ingest`, `bench:ingest-floor`) write as bare nodes.
 */
import { openSource } from '../server/ingest/readers/index.ts';

export async function* rawRows(file: string): AsyncGenerator<Record<string, string>> {
  const source = await openSource(file);
  let header: string[] | null = null;
  for await (const item of source.items) {
    if (!('cells' in item)) continue;
    if (!header) {
      header = item.cells;
      continue;
    }
    const cells = item.cells;
    yield Object.fromEntries(header.map((h, i) => [h, cells[i] ?? '']));
  }
}
