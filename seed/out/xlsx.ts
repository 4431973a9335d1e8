/**
 * XLSX output through exceljs's streaming WorkbookWriter (rows are committed as they come, so memory
 * stays flat). Made byte-for-byte reproducible: the workbook's created/modified dates and every zip
 * entry's timestamp are the file's export date instead of the wall clock.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import type { TableWriter, WrittenFile } from './table.ts';

type ZipLike = { append: (source: unknown, data: Record<string, unknown>) => unknown };

let entryDate = new Date(0);

/**
 * exceljs gives no option for zip entry dates and starts appending entries inside its constructor,
 * so the only hook is the moment it assigns `this.zip`: this accessor wraps `append` right there.
 */
class ReproducibleWorkbookWriter extends ExcelJS.stream.xlsx.WorkbookWriter {
  set zip(zip: ZipLike) {
    const append = zip.append.bind(zip);
    const date = entryDate;
    zip.append = (source, data) => append(source, { ...data, date });
    Object.defineProperty(this, 'zip', { value: zip, writable: true, configurable: true });
  }
}

export class XlsxWriter implements TableWriter {
  private readonly workbook: ExcelJS.stream.xlsx.WorkbookWriter;
  private readonly sheet: ExcelJS.Worksheet;

  constructor(
    private readonly path: string,
    header: readonly string[],
    sheetName: string,
    private readonly numeric: readonly boolean[],
    exportDate: string,
  ) {
    const date = new Date(`${exportDate}T09:00:00Z`);
    entryDate = date;
    this.workbook = new ReproducibleWorkbookWriter({
      filename: path,
      useStyles: false,
      useSharedStrings: false,
      created: date,
      modified: date,
      creator: 'quanlian-seed',
      lastModifiedBy: 'quanlian-seed',
    } as Partial<ExcelJS.stream.xlsx.WorkbookStreamWriterOptions>);
    this.sheet = this.workbook.addWorksheet(sheetName);
    this.sheet.addRow([...header]).commit();
  }

  write(cells: readonly string[]): void {
    // Amounts and counts as numbers, like real exports; identifiers stay text so no digit is lost.
    const values = cells.map((c, i) => (this.numeric[i] && /^-?\d+(\.\d+)?$/.test(c) ? Number(c) : c));
    this.sheet.addRow(values).commit();
  }

  async close(): Promise<WrittenFile> {
    this.sheet.commit();
    await this.workbook.commit();
    const bytes = fs.readFileSync(this.path);
    return { path: this.path, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
  }
}
