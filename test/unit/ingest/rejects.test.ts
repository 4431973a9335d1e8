import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RejectsWriter, type RejectEntry } from '../../../server/ingest/rejects.ts';

const entry: RejectEntry = {
  file: 'cases.csv',
  line: 7,
  field: 'amount',
  reason: 'amount-invalid',
  value: '=1+1',
  raw: '案件,=1+1',
};

describe('rejects file', () => {
  it('writes a BOM, the bilingual header and one defused line per refused row', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quanlian-rejects-'));
    const writer = new RejectsWriter(path.join(dir, 'b.rejects.csv'));
    await writer.add(entry);
    await writer.close();
    const text = fs.readFileSync(writer.path, 'utf8');
    expect(text.startsWith('\uFEFF文件 file,')).toBe(true);
    const lines = text.split('\r\n');
    expect(lines[1]).toMatch(/^cases\.csv,7,amount,.*,amount-invalid,'=1\+1,"?案件,=1\+1"?$/);
    expect(writer.count).toBe(1);
  });

  // Without a listener a write stream's 'error' ends the whole process (the API server, under serve).
  it('fails the load, naming the file, when the rejects file cannot be opened', async () => {
    const target = path.join(os.tmpdir(), `quanlian-missing-${process.pid}`, 'b.rejects.csv');
    const writer = new RejectsWriter(target);
    const failed = (async () => {
      await writer.add(entry);
      await new Promise((resolve) => setTimeout(resolve, 20));
      await writer.add(entry);
    })();
    await expect(failed).rejects.toThrow(`cannot write the rejects file ${target}: ENOENT`);
    await expect(writer.close()).rejects.toThrow(/ENOENT/);
  });

  it.skipIf(!fs.existsSync('/dev/full'))('fails the load when the disk fills while rows are refused', async () => {
    const writer = new RejectsWriter('/dev/full');
    const adding = (async () => {
      for (let i = 0; i < 100_000; i++) await writer.add({ ...entry, line: i, raw: 'x'.repeat(200) });
    })();
    await expect(adding).rejects.toThrow(/cannot write the rejects file \/dev\/full: ENOSPC/);
    await expect(writer.close()).rejects.toThrow(/ENOSPC/);
  });
});
