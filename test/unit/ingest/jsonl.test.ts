import { describe, expect, it } from 'vitest';
import { MAX_LINE_CHARS, readJsonl, type JsonlItem } from '../../../server/ingest/readers/jsonl.ts';

async function read(text: string, chunkSize = 65_536): Promise<{ items: JsonlItem[]; unknown: Set<string> }> {
  async function* chunks() {
    for (let i = 0; i < text.length; i += chunkSize) yield text.slice(i, i + chunkSize);
  }
  const unknown = new Set<string>();
  const items: JsonlItem[] = [];
  for await (const item of readJsonl(chunks(), unknown)) items.push(item);
  return { items, unknown };
}

const shape = (items: JsonlItem[]) =>
  items.map((i) => ('cells' in i ? `${i.line}:${i.cells.join('|')}` : `${i.line}:${i.error}`));

describe('JSON Lines reader', () => {
  it('takes the first object as the header, lists later keys, and rejects what is not an object', async () => {
    const { items, unknown } = await read('{"a":1,"b":"x"}\n[1]\n{"a":2,"c":{"d":3}}\n');
    expect(shape(items)).toEqual(['0:a|b', '1:1|x', '2:invalid-json', '3:2|']);
    expect([...unknown]).toEqual(['c']);
  });

  it('drops a line over the cap up to its newline without holding it, then goes on', async () => {
    const long = `{"a":"${'x'.repeat(MAX_LINE_CHARS + 10)}"}`;
    const { items } = await read(`{"a":1}\n${long}\n{"a":3}\n`);
    expect(shape(items)).toEqual(['0:a', '1:1', '2:record-too-long', '3:3']);
    expect((items[2] as { raw: string }).raw.length).toBeLessThanOrEqual(2000);
    // At the end of the file too.
    expect(shape((await read(`{"a":1}\n${long}`)).items)).toEqual(['0:a', '1:1', '2:record-too-long']);
  });

  it('reads records as wide as fifty thousand keys against a header as wide', async () => {
    // Each key was looked up in the header's list, a scan of fifty thousand per key: seconds a line.
    const record = (prefix: string, n: number) =>
      `{${Array.from({ length: 50_000 }, (_, i) => `"${prefix}${i}":${n}`).join(',')}}`;
    const { items, unknown } = await read(`${record('k', 1)}\n${record('k', 2)}\n${record('x', 3)}\n`);
    expect(items.map((i) => ('cells' in i ? i.cells.length : i.error))).toEqual([50_000, 50_000, 50_000, 50_000]);
    expect(items[2]).toMatchObject({ line: 2, cells: expect.arrayContaining(['2']) });
    expect(unknown.size).toBe(50_000);
  });

  it('rejects a value nested past what can be written back as text, as one row', async () => {
    const deep = `{"a":${'['.repeat(200_000)}${']'.repeat(200_000)}}`;
    const { items } = await read(`{"a":1}\n${deep}\n{"a":3}\n`, 1 << 20);
    expect(shape(items)).toEqual(['0:a', '1:1', '2:invalid-json', '3:3']);
  });
});
