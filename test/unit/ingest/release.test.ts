/**
 * A load that stops before the end of its file (no spec knows the header) releases the file: the
 * reader's stream used to stay open inside the suspended reader, one descriptor per failed file,
 * until the process ran out of them. A dry run: no database needed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../server/config.ts';
import { ingestFile } from '../../../server/ingest/service.ts';
import { loadSpecs } from '../../../server/ingest/spec/load.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quanlian-release-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const openFiles = () => fs.readdirSync('/proc/self/fd').length;

describe('ingest releases its source file', () => {
  it.skipIf(!fs.existsSync('/proc/self/fd'))('after a load that fails at the header', async () => {
    // Larger than the reader's first chunks, so the reader is suspended mid-file when the load stops.
    const file = path.join(dir, 'unknown-export.csv');
    fs.writeFileSync(file, '甲,乙,丙\n' + '1,2,3\n'.repeat(400_000));
    const deps = {
      db: null,
      config: loadConfig({ QUANLIAN_DATA_DIR: path.join(dir, 'data') }),
      secrets: { hmacKey: Buffer.alloc(32, 3), encKey: Buffer.alloc(32, 4) },
      specs: loadSpecs(),
    };
    const before = openFiles();
    for (let i = 0; i < 20; i++) {
      const report = await ingestFile(file, { dryRun: true }, deps);
      expect(report.status).toBe('failed');
      expect(report.error).toMatch(/unknown-export\.csv/);
    }
    expect(openFiles()).toBeLessThan(before + 5);
  });
});
