/**
 * The original rows behind provenance. Every fact keeps `batchId:line` references (DESIGN.md §5);
 * this reads those lines back from the batch's archived source file, with the reader and the spec
 * the batch was loaded with, so an investigator sees the row as the export had it: its header, its
 * cells, in its order. Personal identifiers are shown as the graph shows them (masked; unmask is
 * the one way to a clear value): a column whose spec type is an ID number, phone or account is
 * parsed and masked; a USCC, waybill number, date or amount is shown as it is; and any other cell
 * (names, addresses, remarks, unmapped columns) has its runs of seven or more digits starred, since
 * free text can hold a phone or an ID number too.
 */
import fs from 'node:fs';
import path from 'node:path';
import { maskBankCard, maskDigitRuns, starEveryDigit } from '../domain/pii.ts';
import { NotFoundError } from '../errors.ts';
import { asProp } from './entities.ts';
import { parseField, type FieldType } from './fields.ts';
import { openSource, type SourceItem } from './readers/index.ts';
import { findHeader } from './service.ts';
import type { Spec } from './spec/schema.ts';

/** At most this many lines per request. */
export const MAX_SOURCE_LINES = 50;

export interface SourceRows {
  /** The header row as the file has it. */
  header: string[];
  headerLine: number;
  /** The asked lines that hold a row, in line order; a row the reader could not split gives `error`. */
  rows: { line: number; cells: string[]; error: string | null }[];
  /** Asked lines the file has no row at (the header, blank lines, past the end). */
  missing: number[];
}

/** Field types whose values identify a person: shown as the graph shows them, masked. */
const IDENTIFIERS = new Set<FieldType>(['residentId', 'usccOrId', 'phone', 'bankAccount', 'alipayUserId', 'wechatId']);

/** Field types that never hold a person's identifier (a firm's USCC is public): shown as they are. */
const PLAIN = new Set<FieldType>(['uscc', 'waybill', 'courier', 'date', 'datetime', 'amount', 'number', 'direction']);

function displayCell(type: FieldType | undefined, raw: string): string {
  if (type && PLAIN.has(type)) return raw;
  if (!type || !IDENTIFIERS.has(type)) return maskDigitRuns(raw);
  if (raw.trim() === '') return raw;
  const parsed = parseField(type, raw);
  if (!parsed.ok || parsed.value === null) return starEveryDigit(raw);
  if (type === 'bankAccount' && parsed.value.type === 'account') return maskBankCard(parsed.value.number);
  return String(asProp(parsed.value) ?? '');
}

export async function readSourceRows(
  dataDir: string,
  batch: { id: string; file: string; spec: string | null; archivedAs: string | null },
  lines: number[],
  specs: Spec[],
): Promise<SourceRows> {
  const file = batch.archivedAs ? path.join(dataDir, batch.archivedAs) : null;
  if (!file || !fs.existsSync(file) || !batch.spec)
    throw new NotFoundError(`the source file of batch ${batch.id} (${batch.file}) is not in the archive`);
  const report = readReport(path.join(dataDir, 'batches', `${batch.id}.report.json`));
  const source = await openSource(file, {
    encoding: report.encoding && report.encoding !== 'xlsx' ? report.encoding : undefined,
    sheet: report.sheet ?? undefined,
  });
  const iterator = source.items[Symbol.asyncIterator]();
  const wanted = new Set(lines);
  const last = Math.max(...lines);
  const rows: SourceRows['rows'] = [];
  try {
    const found = await findHeader(iterator, { spec: batch.spec }, specs, batch.file);
    const types = found.mapper.typesByIndex();
    const header = found.header.map((c) => maskDigitRuns(c.trim()));
    const headerLine = found.headerLine;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      const item: SourceItem = next.value;
      if (item.line > last) break;
      if (!wanted.has(item.line)) continue;
      if ('cells' in item) {
        if (item.cells.every((c) => c.trim() === '')) continue;
        rows.push({ line: item.line, cells: item.cells.map((c, i) => displayCell(types.get(i), c)), error: null });
      } else rows.push({ line: item.line, cells: [], error: item.error });
    }
    const read = new Set(rows.map((r) => r.line));
    return {
      header,
      headerLine,
      rows,
      missing: [...wanted].filter((l) => !read.has(l)).sort((a, b) => a - b),
    };
  } finally {
    await iterator.return?.();
  }
}

function readReport(file: string): { encoding?: string | null; sheet?: string | null } {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as { encoding?: string | null; sheet?: string | null };
  } catch {
    return {};
  }
}
