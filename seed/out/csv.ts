/**
 * CSV as Chinese government and bank exports write it: comma-separated, CRLF line ends, quotes only
 * where needed, UTF-8 with a BOM (so Excel opens it) or GBK. Written synchronously in 64 KiB chunks
 * with a running SHA-256, so memory stays flat however many rows a file gets.
 */
import { createHash, type Hash } from 'node:crypto';
import fs from 'node:fs';
import iconv from 'iconv-lite';
import type { TableWriter, WrittenFile } from './table.ts';

export function csvCell(value: string): string {
  // indexOf beats a regex here: this runs for every cell of a million rows.
  if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0)
    return value;
  return `"${value.replace(/"/g, '""')}"`;
}

export function csvLine(cells: readonly string[]): string {
  let line = '';
  for (let i = 0; i < cells.length; i++) line += (i === 0 ? '' : ',') + csvCell(cells[i] as string);
  return line + '\r\n';
}

/** Parses one CSV record (quotes, doubled quotes); the inverse of csvLine without the line end. */
export function parseCsvLine(line: string): string[] {
  const out: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] as string;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(cell);
      cell = '';
    } else cell += ch;
  }
  out.push(cell);
  return out;
}

export class CsvWriter implements TableWriter {
  private readonly fd: number;
  private readonly hash: Hash = createHash('sha256');
  private buffer = '';
  private bytes = 0;

  constructor(
    private readonly path: string,
    header: readonly string[],
    private readonly encoding: 'utf8' | 'gbk',
  ) {
    this.fd = fs.openSync(path, 'w');
    if (encoding === 'utf8') this.emit(Buffer.from([0xef, 0xbb, 0xbf]));
    this.buffer = csvLine(header);
  }

  write(cells: readonly string[]): void {
    this.buffer += csvLine(cells);
    if (this.buffer.length > 65_536) this.flush();
  }

  private flush(): void {
    if (this.buffer === '') return;
    // GB18030 is GBK's superset: every character we write is in GBK, and nothing can fail to encode.
    this.emit(this.encoding === 'gbk' ? iconv.encode(this.buffer, 'gb18030') : Buffer.from(this.buffer, 'utf8'));
    this.buffer = '';
  }

  private emit(bytes: Buffer): void {
    this.hash.update(bytes);
    fs.writeSync(this.fd, bytes);
    this.bytes += bytes.length;
  }

  async close(): Promise<WrittenFile> {
    this.flush();
    fs.closeSync(this.fd);
    return { path: this.path, bytes: this.bytes, sha256: this.hash.digest('hex') };
  }
}
