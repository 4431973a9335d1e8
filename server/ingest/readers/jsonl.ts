/**
 * JSON Lines: one object per line. The first object's keys act as the header (yielded as line 0);
 * every record becomes cells in that order, so a spec maps JSONL by name exactly as it maps CSV
 * headers. Keys first seen later are not mapped (the report lists them). A line that is not a JSON
 * object becomes an error record, and reading goes on; so does a line over MAX_LINE_CHARS, which is
 * dropped up to its newline without being held.
 */
import type { CsvItem } from './csv.ts';

export type JsonlItem = CsvItem | { line: number; error: 'invalid-json' | 'record-too-long'; raw: string };

/** Longest line read, in characters: as a CSV record's cap (csv.ts, 16 fields of 65,536). */
export const MAX_LINE_CHARS = 16 * 65_536;

export async function* readJsonl(
  chunks: AsyncIterable<string>,
  unknownKeys: Set<string> = new Set(),
): AsyncGenerator<JsonlItem> {
  let columns: string[] | null = null;
  let known = new Set<string>();
  let pending = '';
  let line = 0;
  /** The line being dropped for its length: its first characters. */
  let skipping: { raw: string } | null = null;
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
      known = new Set(columns);
      yield { line: 0, cells: [...columns], raw: '' };
    }
    for (const key of Object.keys(record)) if (!known.has(key)) unknownKeys.add(key);
    let cells: string[];
    try {
      cells = columns.map((key) => {
        const v = record[key];
        return v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
      });
    } catch {
      // A value nested past the stack's depth parses but cannot be written back as text.
      yield { line, error: 'invalid-json', raw: trimmed.slice(0, 2000) };
      return;
    }
    yield { line, cells, raw: trimmed.slice(0, 2000) };
  }
  /** The line dropped for its length (or the one pending), as one error record. */
  const tooLong = (): JsonlItem => {
    line++;
    return { line, error: 'record-too-long', raw: (skipping?.raw ?? pending).slice(0, 2000) };
  };
  for await (const chunk of chunks) {
    pending += chunk;
    let nl: number;
    while ((nl = pending.indexOf('\n')) !== -1) {
      if (skipping || nl > MAX_LINE_CHARS) {
        yield tooLong();
        skipping = null;
      } else yield* handle(pending.slice(0, nl));
      pending = pending.slice(nl + 1);
    }
    if (pending.length > MAX_LINE_CHARS) {
      skipping ??= { raw: pending.slice(0, 2000) };
      pending = '';
    }
  }
  if (skipping || pending.length > MAX_LINE_CHARS) yield tooLong();
  else if (pending) yield* handle(pending);
}
