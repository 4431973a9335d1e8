import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCsvLine } from '../../seed/index.ts';
import { csvLines, removeDir, seedInto } from './seed-helpers.ts';

describe('seed output formats', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach(removeDir));

  it('writes GBK that decodes back to the same text as the UTF-8 run', async () => {
    const utf = await seedInto({ seed: 41 });
    const gbk = await seedInto({ seed: 41, encoding: 'gbk' });
    dirs.push(utf.dir, gbk.dir);
    const csvs = fs.readdirSync(utf.dir).filter((f) => f.endsWith('.csv'));
    expect(csvs.length).toBeGreaterThan(50);
    for (const f of csvs) {
      const bytes = fs.readFileSync(path.join(gbk.dir, f));
      expect(bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(false);
      const text = fs.readFileSync(path.join(utf.dir, f), 'utf8').replace(/^\uFEFF/, '');
      expect(iconv.decode(bytes, 'gbk'), f).toBe(text);
    }
    const manifest = JSON.parse(
      fs.readFileSync(path.join(gbk.dir, csvs[0]?.replace('.csv', '.manifest.json') ?? ''), 'utf8'),
    ) as { encoding: string };
    expect(manifest.encoding).toBe('gbk');
  });

  it('writes XLSX workbooks that open and hold the same rows as the CSV run', async () => {
    const csv = await seedInto({ seed: 43 });
    const xlsx = await seedInto({ seed: 43, xlsx: true });
    dirs.push(csv.dir, xlsx.dir);
    const books = fs.readdirSync(xlsx.dir).filter((f) => f.endsWith('.xlsx'));
    expect(books.length).toBe(fs.readdirSync(csv.dir).filter((f) => f.endsWith('.csv')).length);
    for (const f of books.filter((_, i) => i % 10 === 0)) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(path.join(xlsx.dir, f));
      const sheet = wb.worksheets[0];
      expect(sheet, f).toBeDefined();
      const lines = csvLines(path.join(csv.dir, f.replace('.xlsx', '.csv')));
      expect(sheet?.rowCount).toBe(lines.length);
      for (let r = 1; r <= lines.length; r++) {
        // exceljs gives a sparse, 1-based array: empty cells are holes.
        const raw = sheet?.getRow(r).values as unknown[];
        const values = Array.from({ length: Math.max(raw.length - 1, 0) }, (_, i) => raw[i + 1] ?? '').map(String);
        const expected = parseCsvLine(lines[r - 1] as string).map((v) =>
          /^-?\d+(\.\d+)?$/.test(v) && values.includes(String(Number(v))) ? String(Number(v)) : v,
        );
        while (values.length < expected.length) values.push('');
        expect(values, `${f} row ${r}`).toEqual(expected);
      }
    }
  }, 60_000);
});
