/**
 * The rejects file of a batch (`<batch>.rejects.csv`): one line per refused row with the file, the
 * line, the column, the reason in Chinese and English, the value and the original row. UTF-8 with a
 * BOM so Excel opens it as such; every cell that a spreadsheet would run as a formula is prefixed
 * with an apostrophe, so a hostile value stays text when an analyst opens the file. The file keeps
 * the rows as they came (nothing is lost); the API serves it with the value and the original row
 * starred as the original-row view stars them (`shownRejects`).
 */
import fs from 'node:fs';
import { once } from 'node:events';
import { maskDigitRuns, starEveryDigit } from '../domain/pii.ts';
import { parseCsv } from './readers/csv.ts';
import { decodeFile } from './readers/decode.ts';
import { REASONS, type ReasonCode } from './reasons.ts';

const HEADER = [
  '文件 file',
  '行号 line',
  '字段 field',
  '原因 reason',
  'reason',
  '代码 code',
  '值 value',
  '原始行 original row',
];

/** A value or original row longer than this is cut in the rejects file (the source file is archived whole). */
const MAX_CELL_CHARS = 65_536;

export interface RejectEntry {
  file: string;
  line: number;
  field: string;
  reason: ReasonCode;
  value: string;
  raw: string;
}

export class RejectsWriter {
  count = 0;
  private readonly out: fs.WriteStream;
  /** The first failure of the file (cannot open, disk full): the load stops on it, the process does not. */
  private failure: Error | null = null;

  constructor(readonly path: string) {
    this.out = fs.createWriteStream(path, { flags: 'w' });
    // Without a listener a stream's 'error' is thrown as an uncaught exception and ends the process,
    // which under `quanlian serve` is every user's API, not only this upload.
    this.out.on('error', (error) => {
      this.failure ??= new Error(`quanlian/ingest: cannot write the rejects file ${path}: ${error.message}`, {
        cause: error,
      });
    });
    this.out.write('\uFEFF' + HEADER.map(csvCell).join(',') + '\r\n');
  }

  async add(entry: RejectEntry): Promise<void> {
    if (this.failure) throw this.failure;
    this.count++;
    const reason = REASONS[entry.reason];
    const line = [
      entry.file,
      String(entry.line),
      entry.field,
      reason.zh,
      reason.en,
      entry.reason,
      entry.value.slice(0, MAX_CELL_CHARS),
      entry.raw.slice(0, MAX_CELL_CHARS),
    ];
    // A failure while waiting for 'drain' rejects the wait; the listener above has recorded it by then.
    if (!this.out.write(line.map(csvCell).join(',') + '\r\n')) await once(this.out, 'drain').catch(() => undefined);
    if (this.failure) throw this.failure;
  }

  /** Ends the file; rejects with the file's first failure, if any, so a load never reports a rejects file it lost. */
  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.out.end(() => resolve()));
    if (this.failure) throw this.failure;
  }
}

/** The columns of a rejects line that carry the export's text: the value and the original row. */
const SHOWN_AS_FREE_TEXT = [HEADER.indexOf('值 value'), HEADER.indexOf('原始行 original row')];

/**
 * A rejects file as the API serves it, line by line: the value and the original row have their runs
 * of seven or more digits starred (a rejected ID number or phone is still a person's: unmask is the
 * one way to a clear value, and a rejected row has none), the file, line, column and reasons stay
 * as they are, so the row can still be found and mended in the source file.
 */
export async function* shownRejects(file: string): AsyncGenerator<string> {
  let first = true;
  for await (const item of parseCsv(decodeFile(file, 'utf8'), { maxFieldChars: 1 << 20 })) {
    const prefix = first ? '\uFEFF' : '';
    first = false;
    if (!('cells' in item)) {
      // Not a line this writer wrote whole (its cells are capped well below the reader's limit):
      // shown as one cell with every digit starred, since a cut may have split a number.
      yield prefix + csvCell(starEveryDigit(item.raw)) + '\r\n';
      continue;
    }
    const cells = item.cells.map((c, i) => (item.line > 1 && SHOWN_AS_FREE_TEXT.includes(i) ? maskDigitRuns(c) : c));
    yield prefix + cells.map(csvCell).join(',') + '\r\n';
  }
}

/** Quotes a CSV cell and defuses spreadsheet formulas (=, +, -, @, tab, CR at the start). */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
