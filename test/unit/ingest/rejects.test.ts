import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RejectsWriter, shownRejects, type RejectEntry } from '../../../server/ingest/rejects.ts';

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
  it('is served with the value and the original row starred, and every other column as it is', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quanlian-rejects-'));
    const writer = new RejectsWriter(path.join(dir, 'b.rejects.csv'));
    await writer.add(entry);
    // A row past line 1,000,000 (seven digits, not starred), a rejected ID number, phones written
    // in groups and in full-width digits in a multi-line quoted cell, and a long row.
    await writer.add({
      file: 'waybills-20240506.csv',
      line: 1_234_567,
      field: 'idNo',
      reason: 'id-birth-date',
      value: '36010219851332123X',
      raw: '张三,36010219851332123X,"寄件人电话\n139 1234 5678 / １３９８７６５４３２１",' + 'x'.repeat(70_000),
    });
    await writer.close();
    let shown = '';
    for await (const line of shownRejects(writer.path)) shown += line;
    const lines = shown.split('\r\n');
    expect(lines[0]).toBe(fs.readFileSync(writer.path, 'utf8').split('\r\n')[0]);
    expect(lines[1]).toBe(fs.readFileSync(writer.path, 'utf8').split('\r\n')[1]);
    expect(shown).toContain('waybills-20240506.csv,1234567,idNo,');
    expect(shown).toContain(',id-birth-date,360*************3X,');
    expect(shown).toContain('139 **** **78 / １３９******２１');
    // The row is cut at 65,536 characters in the file, as it is served.
    expect(shown).toContain('x'.repeat(60_000));
    expect(shown).not.toContain('x'.repeat(70_000));
    for (const secret of ['36010219851332123X', '1234 5678', '８７６５４３']) expect(shown).not.toContain(secret);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
