/**
 * JSON Lines: one object per line. The first object's keys act as the header (yielded as line 0);
 * every record becomes cells in that order, so a spec maps JSONL by name exactly as it maps CSV
 * headers. Keys first seen later are not mapped (the report lists them). A line that is not a JSON
 * object becomes an error record, and reading goes on.
 */
import type { CsvItem } from './csv.ts';

export type JsonlItem = CsvItem | { line: number; error: 'invalid-json'; raw: string };

export async function* readJsonl(
  chunks: AsyncIterable<string>,
  unknownKeys: Set<string> = new Set(),
): AsyncGenerator<JsonlItem> {
  let columns: string[] | null = null;
  let pending = '';
  let line = 0;
  function* handle(text: string): Generator<JsonlItem> {
    line++;
    const trimmed = text.replace(/\r$/, '');
    if (trimmed.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch {
      value = undefined;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      yield { line, error: 'invalid-json', raw: trimmed.slice(0, 2000) };
      return;
    }
    const record = value as Record<string, unknown>;
    if (columns === null) {
      columns = Object.keys(record);
      yield { line: 0, cells: [...columns], raw: '' };
    }
    for (const key of Object.keys(record)) if (!columns.includes(key)) unknownKeys.add(key);
    const cells = columns.map((key) => {
      const v = record[key];
      return v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
    });
    yield { line, cells, raw: trimmed.slice(0, 2000) };
  }
  for await (const chunk of chunks) {
    pending += chunk;
    let nl: number;
    while ((nl = pending.indexOf('\n')) !== -1) {
      yield* handle(pending.slice(0, nl));
      pending = pending.slice(nl + 1);
    }
  }
  if (pending) yield* handle(pending);
}
