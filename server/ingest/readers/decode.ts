/**
 * Text decoding of source files. Exports arrive as UTF-8, UTF-8 with BOM (Excel's "CSV UTF-8") or
 * GBK/GB18030 (Excel's default "CSV" on a Chinese Windows). The encoding is detected from the first
 * 64 KiB: a BOM wins; otherwise strict UTF-8 decoding either succeeds or the file is GB18030 (a
 * superset of GBK and GB2312). Decoding streams, so memory does not grow with the file.
 */
import fs from 'node:fs';
import iconv from 'iconv-lite';
import { ValidationError } from '../../errors.ts';

export type Encoding = 'utf8' | 'gb18030';

const SNIFF = 64 * 1024;

export function detectEncoding(head: Buffer): Encoding {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf8';
  // Drop a possibly cut multi-byte sequence at the end of the sample before the strict check.
  let end = head.length;
  for (let k = 1; k <= 3 && end - k >= 0; k++) {
    const b = head[end - k] as number;
    if ((b & 0xc0) === 0xc0) {
      end -= k;
      break;
    }
    if ((b & 0x80) === 0) break;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, end));
    return 'utf8';
  } catch {
    return 'gb18030';
  }
}

export async function sniffFile(file: string): Promise<{ head: Buffer; encoding: Encoding }> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const buffer = Buffer.alloc(SNIFF);
    const { bytesRead } = await handle.read(buffer, 0, SNIFF, 0);
    const head = buffer.subarray(0, bytesRead);
    return { head, encoding: detectEncoding(head) };
  } finally {
    await handle.close();
  }
}

/** Normalises user spellings of encodings (--encoding gbk, GB2312, utf-8 …). */
export function parseEncoding(name: string): Encoding {
  const n = name.toLowerCase().replace(/[-_]/g, '');
  if (n === 'utf8' || n === 'utf8bom') return 'utf8';
  if (n === 'gbk' || n === 'gb2312' || n === 'gb18030' || n === 'cp936') return 'gb18030';
  throw new Error(`unknown encoding "${name}" (use utf8 or gbk)`);
}

/**
 * The file's text as a stream of string chunks (BOM stripped). UTF-8 is decoded strictly: a file
 * that only looked like UTF-8 in its first 64 KiB fails at the first bad byte with a clear message,
 * instead of turning the rest into replacement characters.
 */
export async function* decodeFile(file: string, encoding: Encoding): AsyncGenerator<string> {
  if (encoding === 'utf8') {
    const utf8 = new TextDecoder('utf-8', { fatal: true });
    let offset = 0;
    for await (const chunk of fs.createReadStream(file, { highWaterMark: 256 * 1024 })) {
      try {
        const text = utf8.decode(chunk as Buffer, { stream: true });
        if (text) yield text;
      } catch {
        throw new ValidationError(
          `${file}: not valid UTF-8 after byte ${offset} (the start looked like UTF-8); pass --encoding gbk if it is a GBK export`,
        );
      }
      offset += (chunk as Buffer).length;
    }
    const rest = utf8.decode();
    if (rest) yield rest;
    return;
  }
  const decoder = iconv.getDecoder(encoding, { stripBOM: true });
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 256 * 1024 })) {
    const text = decoder.write(chunk as Buffer);
    if (text) yield text;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}
