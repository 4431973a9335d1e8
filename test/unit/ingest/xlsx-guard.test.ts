/**
 * A workbook is checked by its zip directory before it is streamed: one cut short (an upload that
 * ended early, a copy that stopped) is refused at once, where exceljs waited forever for the rest of
 * an entry and the upload's job stayed "running"; one whose shared strings inflate past what a
 * process may hold (a zip bomb of a few hundred KB) is refused before a byte is inflated, where it
 * ended the server with an out-of-memory abort that nothing can catch.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_SHARED_STRINGS_BYTES, openSource } from '../../../server/ingest/readers/index.ts';
import { readZipDirectory } from '../../../server/ingest/readers/zip-directory.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quanlian-xlsx-guard-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A little-endian record of `size` bytes: [offset, bytes (2 or 4), value] per field, zero elsewhere. */
function record(size: number, fields: [number, 2 | 4, number][]): Buffer {
  const out = Buffer.alloc(size);
  for (const [at, bytes, value] of fields)
    if (bytes === 2) out.writeUInt16LE(value, at);
    else out.writeUInt32LE(value, at);
  return out;
}

/** A zip of deflated entries (APPNOTE 4.3): local headers, data, central directory, end record. */
function zip(entries: { name: string; data: Buffer }[]): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const { name, data } of entries) {
    const packed = zlib.deflateRawSync(data, { level: 9 });
    const crc = zlib.crc32(data);
    const fileName = Buffer.from(name);
    // Local file header: signature, version needed, method 8 (deflate), CRC, sizes, name length.
    const local = record(30, [
      [0, 4, 0x04034b50],
      [4, 2, 20],
      [8, 2, 8],
      [14, 4, crc],
      [18, 4, packed.length],
      [22, 4, data.length],
      [26, 2, fileName.length],
    ]);
    // Central directory header: the same, with version made by and the local header's offset.
    const header = record(46, [
      [0, 4, 0x02014b50],
      [4, 2, 20],
      [6, 2, 20],
      [10, 2, 8],
      [16, 4, crc],
      [20, 4, packed.length],
      [24, 4, data.length],
      [28, 2, fileName.length],
      [42, 4, offset],
    ]);
    central.push(header, fileName);
    parts.push(local, fileName, packed);
    offset += local.length + fileName.length + packed.length;
  }
  const directory = Buffer.concat(central);
  const end = record(22, [
    [0, 4, 0x06054b50],
    [8, 2, entries.length],
    [10, 2, entries.length],
    [12, 4, directory.length],
    [16, 4, offset],
  ]);
  return Buffer.concat([...parts, directory, end]);
}

async function workbook(file: string, rows: number): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('流水');
  sheet.addRow(['账号', '户名', '交易时间', '交易金额', '摘要']);
  for (let i = 0; i < rows; i++)
    sheet.addRow([`6222${String(i).padStart(12, '0')}`, `户名${i}`, '2024-03-01', i, `摘要${i}`]);
  await wb.xlsx.writeFile(file);
}

async function readAll(file: string): Promise<number> {
  let n = 0;
  for await (const _item of (await openSource(file)).items) n++;
  return n;
}

describe('workbook guard', () => {
  it('reads the directory of a workbook exceljs wrote, and the workbook', async () => {
    const file = path.join(dir, 'whole.xlsx');
    await workbook(file, 2_000);
    const directory = readZipDirectory(file);
    expect('entries' in directory && directory.entries.map((e) => e.name)).toContain('xl/worksheets/sheet1.xml');
    expect(await readAll(file)).toBe(2_001);
  });

  it('leaves no temporary copy of a sheet behind when a read stops early', async () => {
    // exceljs writes sheets before the shared strings, as Excel does: read in the file's order, each
    // sheet was copied to a temporary file removed only once the sheet was read to its end.
    const file = path.join(dir, 'early.xlsx');
    await workbook(file, 20_000);
    const ours = () => fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith(`tmp-${process.pid}-`)).length;
    const before = ours();
    const descriptors = () => (fs.existsSync('/proc/self/fd') ? fs.readdirSync('/proc/self/fd').length : 0);
    const open = descriptors();
    for (let i = 0; i < 5; i++) {
      let n = 0;
      for await (const item of (await openSource(file)).items) {
        expect(item).toHaveProperty('cells');
        if (++n === 30) break;
      }
    }
    expect(ours()).toBe(before);
    await new Promise((resolve) => setTimeout(resolve, 50)); // closes settle on the next turns
    expect(descriptors()).toBeLessThan(open + 3);
  });

  it('refuses a workbook cut short, at once', async () => {
    const whole = path.join(dir, 'whole-2.xlsx');
    await workbook(whole, 20_000);
    const bytes = fs.readFileSync(whole);
    for (const share of [0.3, 0.5, 0.8]) {
      const cut = path.join(dir, `cut-${share}.xlsx`);
      fs.writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length * share)));
      await expect(readAll(cut)).rejects.toThrow(`${cut}: not a complete XLSX workbook`);
    }
  });

  it('refuses shared strings that would inflate past the limit, before inflating them', async () => {
    const file = path.join(dir, 'bomb.xlsx');
    const strings = Buffer.alloc(MAX_SHARED_STRINGS_BYTES + 2 ** 20, '<si><t>abcdefghijkl</t></si>');
    fs.writeFileSync(
      file,
      zip([
        { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
        { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') },
        { name: 'xl/sharedStrings.xml', data: strings },
      ]),
    );
    expect(fs.statSync(file).size).toBeLessThan(2 * 2 ** 20);
    await expect(readAll(file)).rejects.toThrow(/shared strings inflate to 161 MB, more than the 160 MB/);
  });
});
