/**
 * A streaming CSV parser (RFC 4180 plus what real exports do: CRLF or LF, quoted fields with
 * embedded newlines, doubled quotes) that never loses a row. Each record carries the physical line
 * it starts on and its raw text, so a rejected row can be shown next to its reason. Hostile input
 * is contained: a field over `maxFieldChars`, a quote that never closes or a record over
 * `OPEN_QUOTE_CAP` fields' length (a line of a million short fields) turns that one record into an
 * error record, and parsing resumes on the next physical line. The cap also bounds the work: a
 * record still open when a chunk ends is parsed again from its start with the next chunk.
 */

export interface CsvRecord {
  line: number;
  cells: string[];
  raw: string;
}

export interface CsvError {
  line: number;
  error: 'unterminated-quote' | 'field-too-long' | 'record-too-long';
  raw: string;
}

export type CsvItem = CsvRecord | CsvError;

export interface CsvOptions {
  delimiter?: string;
  /** Longest field accepted, in characters (default 65,536). */
  maxFieldChars?: number;
}

const RAW_KEEP = 2000;
/** How many times maxFieldChars an open quote, or any record, may run (never closing / too long). */
const OPEN_QUOTE_CAP = 16;
const QUOTE = 34;
const CR = 13;
const LF = 10;

/** Index of the next delimiter, CR or LF at or after `from`; -1 if none. */
function scanPlain(text: string, from: number, delim: number): { stop: number } {
  for (let k = from; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c === delim || c === CR || c === LF) return { stop: k };
  }
  return { stop: -1 };
}

function countNewlines(text: string): number {
  let n = 0;
  for (let k = text.indexOf('\n'); k !== -1; k = text.indexOf('\n', k + 1)) n++;
  return n;
}

/** Parses decoded text chunks into records. */
export async function* parseCsv(chunks: AsyncIterable<string>, options: CsvOptions = {}): AsyncGenerator<CsvItem> {
  const delimiter = options.delimiter ?? ',';
  const maxField = options.maxFieldChars ?? 65_536;
  const parser = new CsvState(delimiter, maxField);
  for await (const chunk of chunks) yield* parser.feed(chunk, false);
  yield* parser.feed('', true);
}

class CsvState {
  private pending = '';
  private line = 1;
  private skipping: { line: number; raw: string; error: CsvError['error'] } | null = null;

  constructor(
    private readonly delimiter: string,
    private readonly maxField: number,
  ) {}

  *feed(chunk: string, end: boolean): Generator<CsvItem> {
    this.pending += chunk;
    if (this.skipping) {
      const eol = this.pending.indexOf('\n');
      if (eol === -1 && !end) {
        this.pending = '';
        return;
      }
      this.pending = eol === -1 ? '' : this.pending.slice(eol + 1);
      yield { line: this.skipping.line, error: this.skipping.error, raw: this.skipping.raw };
      this.line = this.skipping.line + 1;
      this.skipping = null;
    }
    for (;;) {
      const result = this.next(end);
      if (result === null) {
        if (!end && this.pending.length > this.maxField * OPEN_QUOTE_CAP) {
          // A record still open past the cap: rejected, and reading resumes after its first line
          // (a record spanning lines can only be inside a quote that, this long, never closes).
          if (this.pending.indexOf('\n') === -1) this.skipLine(this.line, this.pending, 'record-too-long');
          else yield this.fail(this.line, 'unterminated-quote', this.pending);
          continue;
        }
        return;
      }
      yield result;
    }
  }

  /** Extracts one record from `pending`, or null if more input is needed. */
  private next(end: boolean): CsvItem | null {
    const text = this.pending;
    if (text.length === 0) return null;
    const startLine = this.line;
    const cells: string[] = [];
    const delim = this.delimiter.charCodeAt(0);
    let i = 0;
    let newlines = 0;
    let tooLong = false;
    for (;;) {
      // One field per iteration, starting at i.
      if (text.charCodeAt(i) === QUOTE) {
        let field = '';
        let j = i + 1;
        for (;;) {
          const q = text.indexOf('"', j);
          if (q === -1 || q + 1 >= text.length) {
            if (!end) {
              // Wait for the closing quote, but not forever: past the hard cap the quote is taken
              // as never closing (an unbalanced quote), and parsing resumes on the next line.
              if (text.length - i > this.maxField * OPEN_QUOTE_CAP)
                return this.fail(startLine, 'unterminated-quote', text);
              return null; // need more input to see the closing quote (or what follows it)
            }
            if (q === -1) return this.fail(startLine, 'unterminated-quote', text);
          }
          field += text.slice(j, q);
          if (text.charCodeAt(q + 1) === QUOTE) {
            field += '"';
            j = q + 2;
            continue;
          }
          i = q + 1;
          break;
        }
        newlines += countNewlines(field);
        // Text between the closing quote and the delimiter is kept, as spreadsheet tools do.
        const after = scanPlain(text, i, delim);
        if (after.stop === -1 && !end) return null;
        field += text.slice(i, after.stop === -1 ? text.length : after.stop);
        if (field.length > this.maxField) tooLong = true;
        cells.push(tooLong ? '' : field);
        i = after.stop === -1 ? text.length : after.stop;
      } else {
        const { stop } = scanPlain(text, i, delim);
        if (stop === -1 && !end) {
          // No end in sight: a line longer than any field may be; drop it until its newline.
          if (text.length - i > this.maxField) return this.skipLine(startLine, text, 'field-too-long');
          return null;
        }
        const until = stop === -1 ? text.length : stop;
        if (until - i > this.maxField) tooLong = true;
        cells.push(tooLong ? '' : text.slice(i, until));
        i = until;
      }
      if (i >= text.length) {
        // End of input without a final newline.
        return this.emit(startLine, newlines + 1, cells, text, text.length, tooLong);
      }
      const c = text.charCodeAt(i);
      if (c === delim) {
        i++;
        if (i >= text.length && end) cells.push('');
        if (i >= text.length) return end ? this.emit(startLine, newlines + 1, cells, text, text.length, tooLong) : null;
        continue;
      }
      // CR or LF ends the record.
      if (c === CR) {
        if (i + 1 >= text.length && !end) return null; // a CRLF split across chunks
        if (text.charCodeAt(i + 1) === LF) i++;
      }
      i++;
      return this.emit(startLine, newlines + 1, cells, text.slice(0, i), i, tooLong);
    }
  }

  private skipLine(startLine: number, text: string, error: CsvError['error']): null {
    this.skipping = { line: startLine, raw: text.slice(0, RAW_KEEP), error };
    this.pending = '';
    return null;
  }

  private emit(
    startLine: number,
    lines: number,
    cells: string[],
    raw: string,
    consumed: number,
    tooLong: boolean,
  ): CsvItem {
    this.pending = this.pending.slice(consumed);
    this.line = startLine + lines;
    const rawText = raw.replace(/\r?\n$/, '');
    if (tooLong) return { line: startLine, error: 'field-too-long', raw: rawText.slice(0, RAW_KEEP) };
    return { line: startLine, cells, raw: rawText };
  }

  /**
   * A quoted field that never closes (or grows past the limit while open): reject the record that
   * started it and resume right after its first physical line, so one stray quote costs one row.
   */
  private fail(startLine: number, reason: CsvError['error'], text: string): CsvItem {
    const eol = text.indexOf('\n');
    const cut = eol === -1 ? text.length : eol + 1;
    this.pending = text.slice(cut);
    this.line = startLine + 1;
    const raw = text
      .slice(0, cut)
      .replace(/\r?\n$/, '')
      .slice(0, RAW_KEEP);
    return { line: startLine, error: reason, raw };
  }
}
