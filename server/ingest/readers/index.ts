/**
 * Opens a source file as a stream of records, whatever its format: CSV/TSV in UTF-8, UTF-8 with BOM
 * or GBK/GB18030 (detected, or forced with `encoding`), XLSX (first or named sheet), JSON Lines.
 * A file that is none of these (binary content, an unknown extension) is refused with the reason.
 */
import path from 'node:path';
import { ValidationError } from '../../errors.ts';
import { parseCsv, type CsvItem } from './csv.ts';
import { decodeFile, parseEncoding, sniffFile, type Encoding } from './decode.ts';
import { readJsonl } from './jsonl.ts';
import { readXlsx } from './xlsx.ts';
import { readZipDirectory, type ZipDirectory } from './zip-directory.ts';

export type SourceItem = CsvItem | { line: number; error: 'invalid-json'; raw: string };
export type SourceFormat = 'csv' | 'tsv' | 'xlsx' | 'jsonl';

export interface Source {
  format: SourceFormat;
  encoding: Encoding | 'xlsx';
  items: AsyncIterable<SourceItem>;
  /** Keys seen in JSON Lines records after the first (not mapped). */
  unknownKeys: Set<string>;
}

export interface OpenOptions {
  encoding?: string | undefined;
  sheet?: string | undefined;
}

const FORMATS: Record<string, SourceFormat> = {
  '.csv': 'csv',
  '.txt': 'csv',
  '.tsv': 'tsv',
  '.xlsx': 'xlsx',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
};

export async function openSource(file: string, options: OpenOptions = {}): Promise<Source> {
  const format = FORMATS[path.extname(file).toLowerCase()];
  if (!format) {
    throw new ValidationError(
      `${file}: unsupported file type "${path.extname(file)}" (expected .csv, .tsv, .txt, .xlsx, .jsonl)`,
    );
  }
  const { head, encoding: detected } = await sniffFile(file);
  const unknownKeys = new Set<string>();
  if (format === 'xlsx') {
    if (head.subarray(0, 2).toString('latin1') !== 'PK')
      throw new ValidationError(`${file}: not an XLSX workbook (no zip signature)`);
    return { format, encoding: 'xlsx', items: readXlsx(file, checkWorkbook(file), options.sheet), unknownKeys };
  }
  if (looksBinary(head)) throw new ValidationError(`${file}: binary content, not a text export (NUL bytes found)`);
  const encoding = options.encoding ? parseEncoding(options.encoding) : detected;
  const chunks = decodeFile(file, encoding);
  if (format === 'jsonl') return { format, encoding, items: readJsonl(chunks, unknownKeys), unknownKeys };
  return { format, encoding, items: parseCsv(chunks, { delimiter: format === 'tsv' ? '\t' : ',' }), unknownKeys };
}

/**
 * Shared strings, inflated, that a workbook may carry: exceljs keeps them all in memory while it
 * reads the sheet (about twice their size), so a zip of a few MB that inflates to gigabytes of them
 * would end the process. Real exports stay far below; a larger one loads as CSV.
 */
export const MAX_SHARED_STRINGS_BYTES = 160 * 2 ** 20;
/** All of a workbook's parts, inflated (sheets are streamed, but copied to a temporary file first). */
export const MAX_INFLATED_BYTES = 8 * 2 ** 30;

/**
 * A workbook's zip directory (what the reader then streams by), or refused: cut short (no directory:
 * its read would never end) or inflating past the limits.
 */
function checkWorkbook(file: string): ZipDirectory {
  const directory = readZipDirectory(file);
  if ('problem' in directory) throw new ValidationError(`${file}: not a complete XLSX workbook: ${directory.problem}`);
  const mb = (bytes: number) => `${Math.ceil(bytes / 2 ** 20)} MB`;
  const strings = directory.entries
    .filter((e) => /(^|\/)sharedStrings\.xml$/i.test(e.name))
    .reduce((n, e) => n + e.uncompressed, 0);
  if (strings > MAX_SHARED_STRINGS_BYTES)
    throw new ValidationError(
      `${file}: the workbook's shared strings inflate to ${mb(strings)}, more than the ${mb(MAX_SHARED_STRINGS_BYTES)} a workbook may hold; export the sheet as CSV instead`,
    );
  const total = directory.entries.reduce((n, e) => n + e.uncompressed, 0);
  if (total > MAX_INFLATED_BYTES)
    throw new ValidationError(
      `${file}: the workbook inflates to ${mb(total)}, more than the ${mb(MAX_INFLATED_BYTES)} a workbook may; export the sheet as CSV instead`,
    );
  return directory;
}

function looksBinary(head: Buffer): boolean {
  // UTF-16 exports start with a BOM and are full of NULs too; they are not supported, say so plainly.
  return head.includes(0);
}
