/**
 * On the demo seed set, every row is accounted for: accepted + rejected + duplicate equals the rows
 * written, the rejected rows are exactly the ones truth.json lists as invalid, and the duplicates
 * are the ones it lists as duplicated (a USCC failing only its check character is accepted and
 * flagged instead). A dry run: no database needed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../server/config.ts';
import { expandPaths } from '../../../server/ingest/paths.ts';
import { ingestFile } from '../../../server/ingest/service.ts';
import { loadSpecs } from '../../../server/ingest/spec/load.ts';
import { generateSeed } from '../../../seed/index.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quanlian-reconcile-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('ingest reconciliation on the demo set', () => {
  it('accounts for every row and rejects exactly the invalid ones', { timeout: 120_000 }, async () => {
    const seedDir = path.join(dir, 'seed');
    const keys = { hmacKey: Buffer.alloc(32, 3), encKey: Buffer.alloc(32, 4) };
    await generateSeed({ size: 'demo', seed: 11, outDir: seedDir, hmacKey: keys.hmacKey });
    const truth = JSON.parse(fs.readFileSync(path.join(seedDir, 'truth.json'), 'utf8')) as {
      records: number;
      invalidRows: { file: string; line: number; reason: string }[];
      duplicateRows: { file: string; line: number }[];
    };
    const config = loadConfig({ QUANLIAN_DATA_DIR: path.join(dir, 'data') });
    const deps = { db: null, config, secrets: keys, specs: loadSpecs() };
    const totals = { total: 0, accepted: 0, rejected: 0, duplicate: 0 };
    const rejectedLines = new Set<string>();
    for (const file of expandPaths([seedDir])) {
      const report = await ingestFile(file, { dryRun: true }, deps);
      expect(report.status, `${file}: ${report.error}`).toBe('dry-run');
      expect(report.total).toBe(report.accepted + report.rejected + report.duplicate);
      for (const k of ['total', 'accepted', 'rejected', 'duplicate'] as const) totals[k] += report[k];
      const rejects = fs
        .readFileSync(report.rejectsFile as string, 'utf8')
        .split('\r\n')
        .slice(1)
        .filter(Boolean);
      for (const line of rejects) rejectedLines.add(`${path.basename(file)}:${line.split(',')[1]}`);
    }
    expect(totals.total).toBe(truth.records);
    expect(totals.duplicate).toBe(truth.duplicateRows.length);
    // A USCC failing only its check character is flagged (usccValid=false), not rejected (DOMAIN §1).
    const flaggedOnly = truth.invalidRows.filter((r) => r.reason.startsWith('uscc-') && r.reason !== 'uscc-format');
    const mustReject = truth.invalidRows.filter((r) => !flaggedOnly.includes(r));
    expect([...rejectedLines].sort()).toEqual(mustReject.map((r) => `${r.file}:${r.line}`).sort());
    expect(totals.rejected).toBe(mustReject.length);
  });
});
