/**
 * XLSX rows, streamed with exceljs's WorkbookReader (shared strings cached, styles ignored), from the
 * first sheet or a named one. Every cell becomes text: dates as `YYYY-MM-DD HH:mm:ss`, formulas as
 * their cached result (a formula is never evaluated), rich text and hyperlinks as their text.
 *
 * The reader gets the workbook's entries with the sheets last (the zip's own bytes, reordered by
 * its directory): Excel writes sheets before the shared strings, and exceljs then copies each
 * sheet to a temporary file that it removes only when the sheet is read to its end, so every read
 * that stopped early (the original-row view, a load that failed) left one behind, several times
 * the workbook's size, until the process ended.
 */
import fs from 'node:fs';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { CsvItem } from './csv.ts';
import type { ZipDirectory } from './zip-directory.ts';

const SHEET = /^xl\/worksheets\/sheet\d+\.xml$/;

/** The zip's entries as one stream, each as the file has it (header and data), sheets last. */
function sheetsLast(file: string, directory: ZipDirectory): Readable {
  const byOffset = [...directory.entries].sort((a, b) => a.offset - b.offset);
  const spans = byOffset.map((e, i) => ({
    name: e.name,
    start: e.offset,
    end: byOffset[i + 1]?.offset ?? directory.directoryOffset,
  }));
  // The directory and its end record close the stream as they close the file (the streaming reader
  // stops at the directory; its offsets, which the order no longer matches, are not read).
  const ordered = [
    ...spans.filter((s) => !SHEET.test(s.name)),
    ...spans.filter((s) => SHEET.test(s.name)),
    { name: '', start: directory.directoryOffset, end: fs.statSync(file).size },
  ];
  return Readable.from(
    (async function* () {
      for (const span of ordered) {
        if (span.end <= span.start) continue;
        yield* fs.createReadStream(file, { start: span.start, end: span.end - 1, highWaterMark: 256 * 1024 });
      }
    })(),
  );
}

/** `directory`: the workbook's zip directory, as openSource checked it (readers/index.ts). */
export async function* readXlsx(file: string, directory: ZipDirectory, sheet?: string): AsyncGenerator<CsvItem> {
  const input = sheetsLast(file, directory);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    entries: 'ignore',
  });
  let found = false;
  try {
    for await (const worksheet of reader) {
      const ws = worksheet as unknown as AsyncIterable<ExcelJS.Row> & { name: string };
      if (found || (sheet !== undefined && ws.name !== sheet)) {
        // Drain sheets we do not read; the reader needs them consumed to move on.
        for await (const _row of ws) void _row;
        continue;
      }
      found = true;
      // row.values is sparse and stops at the last non-empty cell: pad to the widest row seen (the
      // header), so a blank trailing cell is an empty value, not a missing column.
      let width = 0;
      for await (const row of ws) {
        const sparse = row.values as ExcelJS.CellValue[];
        width = Math.max(width, sparse.length - 1);
        const values = Array.from({ length: width }, (_, i) => cellText(sparse[i + 1]));
        yield { line: row.number, cells: values, raw: values.join(',') };
      }
    }
  } finally {
    input.destroy();
  }
  if (!found) throw new Error(sheet ? `sheet "${sheet}" not found` : 'the workbook has no sheet');
}

export function cellText(value: ExcelJS.CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date)
    return value
      .toISOString()
      .replace('T', ' ')
      .slice(0, 19)
      .replace(/ 00:00:00$/, '');
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('formula' in value || 'sharedFormula' in value)
      return cellText((value as { result?: ExcelJS.CellValue }).result);
    if ('text' in value) return String(value.text);
    if ('error' in value) return '';
    return '';
  }
  return String(value);
}
