import { describe, expect, it } from 'vitest';
import { parseCsv, type CsvItem } from '../../../server/ingest/readers/csv.ts';

async function parse(text: string, chunkSize = text.length || 1, maxFieldChars?: number): Promise<CsvItem[]> {
  async function* chunks() {
    for (let i = 0; i < text.length; i += chunkSize) yield text.slice(i, i + chunkSize);
  }
  const out: CsvItem[] = [];
  for await (const item of parseCsv(chunks(), maxFieldChars ? { maxFieldChars } : {})) out.push(item);
  return out;
}

const SAMPLE = '运单号,寄件人,物品\r\nYT1234567890123,"张三,李四",酒\r\n"SF1","多行\n地址",""\nlast,"say ""hi""",x';

describe('CSV parser', () => {
  it('parses quotes, doubled quotes, embedded newlines and CRLF with start lines', async () => {
    const items = await parse(SAMPLE);
    expect(items).toEqual([
      { line: 1, cells: ['运单号', '寄件人', '物品'], raw: '运单号,寄件人,物品' },
      { line: 2, cells: ['YT1234567890123', '张三,李四', '酒'], raw: 'YT1234567890123,"张三,李四",酒' },
      { line: 3, cells: ['SF1', '多行\n地址', ''], raw: '"SF1","多行\n地址",""' },
      { line: 5, cells: ['last', 'say "hi"', 'x'], raw: 'last,"say ""hi""",x' },
    ]);
  });

  it('gives the same records whatever the chunk boundaries', async () => {
    const whole = await parse(SAMPLE);
    for (let size = 1; size < 12; size++) expect(await parse(SAMPLE, size)).toEqual(whole);
  });

  it('keeps empty trailing cells and skips nothing on blank lines', async () => {
    expect((await parse('a,b,\n\nc,d,e\n')).map((i) => ('cells' in i ? i.cells : i.error))).toEqual([
      ['a', 'b', ''],
      [''],
      ['c', 'd', 'e'],
    ]);
  });

  it('turns a quote that never closes into one error record and resumes on the next line', async () => {
    const items = await parse('h1,h2\nok,1\nbad,"oops\nnext,2\n', 3, 10);
    expect(items[0]).toMatchObject({ line: 1, cells: ['h1', 'h2'] });
    expect(items[1]).toMatchObject({ line: 2, cells: ['ok', '1'] });
    expect(items[2]).toMatchObject({ line: 3, error: expect.stringMatching(/unterminated-quote|field-too-long/) });
    expect(items[3]).toMatchObject({ line: 4, cells: ['next', '2'] });
  });

  it('rejects an unterminated quote at end of input', async () => {
    const items = await parse('a,"never closed');
    expect(items).toEqual([{ line: 1, error: 'unterminated-quote', raw: 'a,"never closed' }]);
  });

  it('rejects a 1 MB field as too long without holding it, then goes on', async () => {
    const big = 'x'.repeat(1024 * 1024);
    const items = await parse(`h\n${big},y\nafter\n`, 65_536);
    expect(items[1]).toMatchObject({ line: 2, error: 'field-too-long' });
    expect((items[1] as { raw: string }).raw.length).toBeLessThanOrEqual(2000);
    expect(items[2]).toMatchObject({ line: 3, cells: ['after'] });
  });
});

describe('CSV parser with oversized quoted fields', () => {
  it('rejects a quoted 1 MB field spanning many chunks as one row, with lines counted through it', async () => {
    const big = `"${'y'.repeat(300_000)}\n${'z'.repeat(300_000)}"`;
    for (const chunk of [4096, 65_536, 1_000_000]) {
      const items = await parse(`h1,h2\n1,${big}\nafter,2\n`, chunk, 65_536);
      expect(items.map((i) => ('cells' in i ? i.cells[0] : i.error))).toEqual(['h1', 'field-too-long', 'after']);
      expect(items[2]?.line).toBe(4);
    }
  });
});

describe('CSV parser with oversized records', () => {
  // Each field is short, so only a cap on the record catches it: without one, every chunk parsed the
  // open record again from its start (16 MB of commas took 30 s and most of a GB, the process frozen).
  it('rejects a line of four million empty fields as one row without holding it, then goes on', async () => {
    const items = await parse(`h1,h2\n${','.repeat(4_000_000)}\nafter,2\n`, 256 * 1024);
    expect(items.map((i) => ('cells' in i ? i.cells[0] : i.error))).toEqual(['h1', 'record-too-long', 'after']);
    expect(items[1]).toMatchObject({ line: 2 });
    expect((items[1] as { raw: string }).raw.length).toBeLessThanOrEqual(2000);
    expect(items[2]).toMatchObject({ line: 3, cells: ['after', '2'] });
  });

  it('still reads a long record under the cap whatever the chunk size', async () => {
    const wide = Array.from({ length: 50_000 }, (_, i) => `c${i}`).join(',');
    for (const chunk of [4096, 65_536]) {
      const items = await parse(`${wide}\nnext\n`, chunk);
      expect(items.map((i) => ('cells' in i ? i.cells.length : i.error))).toEqual([50_000, 1]);
    }
  });
});
