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
    return { format, encoding: 'xlsx', items: readXlsx(file, options.sheet), unknownKeys };
  }
  if (looksBinary(head)) throw new ValidationError(`${file}: binary content, not a text export (NUL bytes found)`);
  const encoding = options.encoding ? parseEncoding(options.encoding) : detected;
  const chunks = decodeFile(file, encoding);
  if (format === 'jsonl') return { format, encoding, items: readJsonl(chunks, unknownKeys), unknownKeys };
  return { format, encoding, items: parseCsv(chunks, { delimiter: format === 'tsv' ? '\t' : ',' }), unknownKeys };
}

function looksBinary(head: Buffer): boolean {
  // UTF-16 exports start with a BOM and are full of NULs too; they are not supported, say so plainly.
  return head.includes(0);
}
