import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cellIsValid, parseCsvLine, SOURCE_BY_ID } from '../../seed/index.ts';
import { csvLines, removeDir, seedInto } from './seed-helpers.ts';

interface Truth {
  files: { file: string; sourceSystem: string; rows: number }[];
  invalidRows: { file: string; line: number; field: string | null; reason: string }[];
  duplicateRows: { file: string; line: number; duplicateOf: number }[];
}

describe('seed identifiers and invalid rows', () => {
  let dir = '';
  let truth: Truth;
  beforeAll(async () => {
    ({ dir } = await seedInto({ seed: 21 }));
    truth = JSON.parse(fs.readFileSync(path.join(dir, 'truth.json'), 'utf8')) as Truth;
  });
  afterAll(() => removeDir(dir));

  it('lists a small share of invalid rows of several kinds', () => {
    const records = truth.files.reduce((n, f) => n + f.rows, 0);
    expect(truth.invalidRows.length).toBeGreaterThan(records * 0.002);
    expect(truth.invalidRows.length).toBeLessThan(records * 0.02);
    expect(new Set(truth.invalidRows.map((r) => r.reason)).size).toBeGreaterThanOrEqual(4);
  });

  it('every identifier not listed invalid passes its check, every listed one fails', () => {
    const listed = new Map(truth.invalidRows.map((r) => [`${r.file}:${r.line}`, r]));
    let checked = 0;
    for (const f of truth.files) {
      const source = SOURCE_BY_ID.get(f.sourceSystem);
      if (!source) throw new Error(`unknown source ${f.sourceSystem}`);
      const lines = csvLines(path.join(dir, f.file));
      expect(parseCsvLine(lines[0] as string)).toEqual(source.columns.map((c) => c.name));
      expect(lines.length - 1).toBe(f.rows);
      for (let i = 1; i < lines.length; i++) {
        const line = i + 1;
        const cells = parseCsvLine(lines[i] as string);
        const bad = listed.get(`${f.file}:${line}`);
        if (bad?.reason === 'column-count') {
          expect(cells.length, `${f.file}:${line}`).not.toBe(source.columns.length);
          continue;
        }
        expect(cells.length, `${f.file}:${line}`).toBe(source.columns.length);
        source.columns.forEach((col, j) => {
          const verdict = cellIsValid(col.type, cells[j] as string, cells, source.columns);
          if (verdict === null) return;
          checked++;
          const expected = !(bad && bad.field === col.name);
          expect(verdict, `${f.file}:${line} ${col.name}=${cells[j]}`).toBe(expected);
        });
      }
    }
    expect(checked).toBeGreaterThan(10_000);
  });

  it('lists duplicate rows that repeat their original exactly', () => {
    expect(truth.duplicateRows.length).toBeGreaterThan(0);
    for (const d of truth.duplicateRows) {
      const lines = csvLines(path.join(dir, d.file));
      expect(lines[d.line - 1]).toBe(lines[d.duplicateOf - 1]);
    }
  });
});
