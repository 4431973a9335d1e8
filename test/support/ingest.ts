/** Helpers for ingest tests: a scratch data dir, a deps bundle on the suite's Neo4j, a graph digest. */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Db } from '../../server/db/db.ts';
import { ingestFile, type FileReport, type IngestOptions } from '../../server/ingest/service.ts';
import { loadSpecs } from '../../server/ingest/spec/load.ts';
import { ENTERPRISE_REGISTRY, WAYBILL_COLUMNS } from '../../seed/sources.ts';
import { residentIdCheckChar, usccCheckChar } from '../../server/domain/identifiers.ts';
import { TEST_SECRETS, testConfig } from './db.ts';

/** Headers of the seed's waybill and registry exports (the built-in specs read these). */
export const WAYBILL_HEADER = WAYBILL_COLUMNS.map((c) => c.name);
export const REGISTRY_HEADER = ENTERPRISE_REGISTRY.columns.map((c) => c.name);

/** Removes every fact the given batches asserted, and the batches themselves. */
export async function removeBatches(db: Db, batchIds: string[]): Promise<void> {
  await db.autoCommit(
    `MATCH (n) WHERE any(s IN coalesce(n.src, []) WHERE split(s, ':')[0] IN $batches) DETACH DELETE n`,
    'test cleanup',
    { batches: batchIds },
  );
  await db.autoCommit('MATCH (b:Batch) WHERE b.id IN $batches DETACH DELETE b', 'test cleanup', { batches: batchIds });
}

export function scratchDir(prefix = 'quanlian-ingest-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function ingestDeps(db: Db | null, dataDir: string) {
  const config = testConfig({ QUANLIAN_DATA_DIR: dataDir });
  return { db, config, secrets: TEST_SECRETS, specs: loadSpecs(path.join(dataDir, 'specs')) };
}

export async function load(
  db: Db | null,
  dataDir: string,
  file: string,
  options: IngestOptions = {},
): Promise<FileReport> {
  return ingestFile(file, options, ingestDeps(db, dataDir));
}

/**
 * A digest of everything the given batches asserted: every node and relationship whose provenance
 * names one of them, with labels, type, ends and all properties. Two loads that produced the same
 * facts have the same digest.
 */
export async function graphDigest(
  db: Db,
  batchIds: string[],
): Promise<{ digest: string; nodes: number; rels: number }> {
  const rows = await db.adhocRead(
    `MATCH (n) WHERE any(s IN coalesce(n.src, []) WHERE split(s, ':')[0] IN $batches)
     WITH collect(n) AS nodes
     UNWIND nodes AS n
     OPTIONAL MATCH (n)-[r]->(m) WHERE any(s IN coalesce(r.src, []) WHERE split(s, ':')[0] IN $batches)
     RETURN n.key AS key, labels(n) AS labels, properties(n) AS props,
            collect(CASE WHEN r IS NULL THEN null ELSE [type(r), coalesce(m.key, m.code), properties(r)] END) AS out`,
    { batches: batchIds },
  );
  const canonical = rows
    .map((row) => JSON.stringify(sortDeep(row)))
    .sort()
    .join('\n');
  const rels = rows.reduce((n, row) => n + (row.out as unknown[]).length, 0);
  return { digest: createHash('sha256').update(canonical).digest('hex'), nodes: rows.length, rels };
}

function sortDeep(value: unknown): unknown {
  if (Array.isArray(value))
    return value.map(sortDeep).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, sortDeep(v)]),
    );
  }
  return value;
}

/** Writes a CSV (UTF-8 with BOM unless told otherwise) from rows of cells. */
export function writeCsv(file: string, rows: string[][], bom = true): string {
  const text =
    rows.map((r) => r.map((c) => (/[",\n\r]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n') +
    '\r\n';
  fs.writeFileSync(file, (bom ? '\uFEFF' : '') + text);
  return file;
}

const digits = (n: number): string => Array.from({ length: n }, () => Math.floor(Math.random() * 10)).join('');
/**
 * A district's enterprise-registry export of two rows: a firm with a valid USCC, ID and phone, and
 * one whose representative's ID has month 13 (rejected). Random numbers, so loads never collide.
 */
export function registryCsv(): { text: string; badId: string; id: string; phones: string[]; firm: string } {
  const body = `91360102${digits(9)}`;
  const uscc = body + usccCheckChar(body);
  const idBody = `36010219850505${digits(3)}`;
  const id = idBody + residentIdCheckChar(idBody);
  const badId = `36010219851332${digits(4)}`; // month 13: rejected
  const phones = [`139${digits(8)}`, `139${digits(8)}`];
  const row = (u: string, name: string, rep: string, pid: string, phone: string) =>
    REGISTRY_HEADER.map(
      (h) =>
        ({
          统一社会信用代码: u,
          名称: name,
          法定代表人: rep,
          法定代表人证件号码: pid,
          联系电话: phone,
          住所: '江西省南昌市东湖区八一大道1号',
          成立日期: '2020-01-01',
          登记机关: '东湖区市场监督管理局',
          登记状态: '存续',
        })[h] ?? '',
    ).join(',');
  const t = digits(5);
  const firm = `南昌上传${t}商贸有限公司`;
  return {
    text:
      [
        REGISTRY_HEADER.join(','),
        row(uscc, firm, '刘一', id, phones[0] as string),
        row('', `南昌上传${t}二号商行`, '刘二', badId, phones[1] as string),
      ].join('\n') + '\n',
    badId,
    id,
    phones,
    firm,
  };
}
