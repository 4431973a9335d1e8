/**
 * XLSX rows, streamed with exceljs's WorkbookReader (shared strings cached, styles ignored), from the
 * first sheet or a named one. Every cell becomes text: dates as `YYYY-MM-DD HH:mm:ss`, formulas as
 * their cached result (a formula is never evaluated), rich text and hyperlinks as their text.
 */
import ExcelJS from 'exceljs';
import type { CsvItem } from './csv.ts';

export async function* readXlsx(file: string, sheet?: string): AsyncGenerator<CsvItem> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    entries: 'ignore',
  });
  let found = false;
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
