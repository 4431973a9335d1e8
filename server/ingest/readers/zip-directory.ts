/**
 * The central directory of a zip file (an XLSX workbook), read before the workbook is streamed: a
 * file cut short has none (exceljs then waits forever for the rest of an entry), and the directory
 * says how large each entry inflates to, so a workbook whose shared strings would fill the heap is
 * refused before a byte of it is inflated. PKWARE APPNOTE 6.3.10 §4.3.12–4.3.16, zip64 included.
 */
import fs from 'node:fs';

export interface ZipEntry {
  name: string;
  compressed: number;
  uncompressed: number;
  /** Where the entry's local header starts in the file. */
  offset: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
/** The end record (22 bytes) and the longest comment it may carry. */
const TAIL = 22 + 0xffff;

/** The zip's entries, or the reason it has none to read (not a zip, cut short, corrupt). */
export interface ZipDirectory {
  entries: ZipEntry[];
  /** Where the directory starts: the entries' data ends there. */
  directoryOffset: number;
}

export function readZipDirectory(file: string): ZipDirectory | { problem: string } {
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const read = (position: number, length: number): Buffer => {
      const buf = Buffer.alloc(length);
      const got = fs.readSync(fd, buf, 0, length, position);
      return buf.subarray(0, got);
    };
    const tailStart = Math.max(0, size - TAIL);
    const tail = read(tailStart, size - tailStart);
    let at = -1;
    for (let i = tail.length - 22; i >= 0; i--)
      if (tail.readUInt32LE(i) === EOCD) {
        at = i;
        break;
      }
    if (at < 0) return { problem: 'its zip directory is missing: the file is cut short or not a workbook' };
    let count: number = tail.readUInt16LE(at + 10);
    let dirSize: number = tail.readUInt32LE(at + 12);
    let dirOffset: number = tail.readUInt32LE(at + 16);
    if (count === 0xffff || dirSize === 0xffffffff || dirOffset === 0xffffffff) {
      const locatorAt = tailStart + at - 20;
      const locator = locatorAt >= 0 ? read(locatorAt, 20) : Buffer.alloc(0);
      if (locator.length < 20 || locator.readUInt32LE(0) !== ZIP64_LOCATOR)
        return { problem: 'its zip64 directory is missing' };
      const record = read(Number(locator.readBigUInt64LE(8)), 56);
      if (record.length < 56 || record.readUInt32LE(0) !== ZIP64_EOCD)
        return { problem: 'its zip64 directory is corrupt' };
      count = Number(record.readBigUInt64LE(32));
      dirSize = Number(record.readBigUInt64LE(40));
      dirOffset = Number(record.readBigUInt64LE(48));
    }
    if (dirOffset + dirSize > size)
      return { problem: 'its zip directory points past the end of the file (cut short?)' };
    const dir = read(dirOffset, dirSize);
    const entries: ZipEntry[] = [];
    let p = 0;
    for (let i = 0; i < count; i++) {
      if (p + 46 > dir.length || dir.readUInt32LE(p) !== CENTRAL) return { problem: 'its zip directory is corrupt' };
      let compressed = dir.readUInt32LE(p + 20);
      let uncompressed = dir.readUInt32LE(p + 24);
      let offset = dir.readUInt32LE(p + 42);
      const nameLength = dir.readUInt16LE(p + 28);
      const extraLength = dir.readUInt16LE(p + 30);
      const commentLength = dir.readUInt16LE(p + 32);
      const name = dir.toString('utf8', p + 46, p + 46 + nameLength);
      // zip64: the sizes that do not fit 32 bits follow in the extra field 0x0001, uncompressed first.
      let e = p + 46 + nameLength;
      const extraEnd = e + extraLength;
      while (e + 4 <= extraEnd) {
        const id = dir.readUInt16LE(e);
        const length = dir.readUInt16LE(e + 2);
        if (id === 0x0001) {
          let q = e + 4;
          if (uncompressed === 0xffffffff && q + 8 <= e + 4 + length) {
            uncompressed = Number(dir.readBigUInt64LE(q));
            q += 8;
          }
          if (compressed === 0xffffffff && q + 8 <= e + 4 + length) {
            compressed = Number(dir.readBigUInt64LE(q));
            q += 8;
          }
          if (offset === 0xffffffff && q + 8 <= e + 4 + length) offset = Number(dir.readBigUInt64LE(q));
        }
        e += 4 + length;
      }
      if (offset >= dirOffset) return { problem: 'its zip directory is corrupt' };
      entries.push({ name, compressed, uncompressed, offset });
      p = extraEnd + commentLength;
    }
    return { entries, directoryOffset: dirOffset };
  } finally {
    fs.closeSync(fd);
  }
}
