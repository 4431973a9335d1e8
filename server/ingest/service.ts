/**
 * Loads source files into the graph: one Batch per file (identified by its sha256), the file
 * archived by content hash, every row mapped by an import spec into facts or a rejection, facts
 * written in chunks that commit together with the batch's progress, rejects and a report written
 * beside the batch. Re-running after a crash resumes after the last committed chunk; re-running
 * after success recognises the file and changes nothing. Used by the CLI and the API alike.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.ts';
import type { Db } from '../db/db.ts';
import { currentRegion } from '../domain/regions.ts';
import { QuanlianError, ValidationError } from '../errors.ts';
import type { Secrets } from '../secrets.ts';
import { Chunk } from './chunk.ts';
import type { BuildContext } from './entities.ts';
import { RowMapper } from './mapper.ts';
import { completeBatch, findFileBatches, linkBatchRegion, openBatch } from './queries.ts';
import { openSource, type Source, type SourceItem } from './readers/index.ts';
import { RejectsWriter } from './rejects.ts';
import { detectSpec, resolveSpec } from './spec/load.ts';
import type { Spec } from './spec/schema.ts';
import { readManifest } from './manifest.ts';

export interface IngestOptions {
  spec?: string | undefined;
  region?: string | undefined;
  dept?: string | undefined;
  dryRun?: boolean | undefined;
  encoding?: string | undefined;
  sheet?: string | undefined;
  /** Rows per transaction (default 5,000). */
  chunkRows?: number | undefined;
  onProgress?: ((progress: IngestProgress) => void) | undefined;
  signal?: AbortSignal | undefined;
}

export interface IngestProgress {
  file: string;
  rows: number;
  /** From the manifest when there is one. */
  expectedRows: number | null;
}

export interface FileReport {
  file: string;
  status: 'loaded' | 'already-loaded' | 'dry-run' | 'failed';
  batchId: string | null;
  sha256: string | null;
  spec: string | null;
  sourceSystem: string | null;
  regionCode: string | null;
  dept: string | null;
  encoding: string | null;
  /** The XLSX sheet read, when one was named (the source rows are read back from it). */
  sheet: string | null;
  headerLine: number | null;
  total: number;
  accepted: number;
  rejected: number;
  duplicate: number;
  blank: number;
  resumedAfterLine: number;
  entityFacts: number;
  relationshipFacts: number;
  /** Relationships a spec asked for that the graph model has no type for between those ends. */
  droppedRelationships: number;
  /** JSON Lines keys first seen after the first record (not mapped). */
  unmappedKeys: string[];
  rejectsFile: string | null;
  reasons: Record<string, number>;
  seconds: number;
  error: string | null;
}

export interface IngestDeps {
  db: Db | null;
  config: Config;
  secrets: Secrets;
  specs: Spec[];
  /** Serialises chunk writes of files loaded together (see ingestFiles); none: the file writes alone. */
  lane?: WriteLane | undefined;
}

/**
 * One write at a time, in the order asked. Files loaded together map their rows concurrently but
 * write their chunks through one lane: the database gets one writer, so two files that upsert the
 * same companies and phones never wait on each other's locks or deadlock, while the mapping of one
 * file overlaps the writing of another.
 */
export class WriteLane {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work, work);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

const HEADER_SEARCH_ROWS = 30;

export async function ingestFile(file: string, options: IngestOptions, deps: IngestDeps): Promise<FileReport> {
  const started = performance.now();
  const report = emptyReport(file);
  try {
    await load(file, options, deps, report);
  } catch (error) {
    report.status = 'failed';
    report.error = error instanceof Error ? error.message : String(error);
    // A database failure is the load failing, not the file: let the caller stop.
    if (error instanceof QuanlianError && error.status >= 500) throw error;
  }
  report.seconds = Math.round((performance.now() - started) / 10) / 100;
  return report;
}

async function load(file: string, options: IngestOptions, deps: IngestDeps, report: FileReport): Promise<void> {
  const { db } = deps;
  const sha256 = await hashFile(file);
  const manifest = readManifest(file);
  const regionCode = resolveRegion(options.region ?? manifest?.regionCode ?? null, file);
  const batchId = db && !options.dryRun ? await batchIdFor(db, sha256, regionCode) : fileBatchId(sha256);
  Object.assign(report, {
    sha256,
    batchId,
    regionCode,
    dept: options.dept ?? manifest?.departmentName ?? manifest?.department ?? null,
  });

  const source = await openSource(file, { encoding: options.encoding, sheet: options.sheet });
  report.encoding = source.encoding;
  report.sheet = options.sheet ?? null;
  const iterator = source.items[Symbol.asyncIterator]();
  try {
    await loadRows(file, options, deps, report, { sha256, batchId, regionCode, manifest, source, iterator });
  } finally {
    // The reader holds the file open until it is read to its end or returned: a load that stops
    // early (no spec for the header, an interrupted load for another region, a failed write) too.
    await iterator.return?.()?.catch(() => undefined);
  }
}

async function loadRows(
  file: string,
  options: IngestOptions,
  deps: IngestDeps,
  report: FileReport,
  opened: {
    sha256: string;
    batchId: string;
    regionCode: string | null;
    manifest: ReturnType<typeof readManifest>;
    source: Source;
    iterator: AsyncIterator<SourceItem>;
  },
): Promise<void> {
  const { db, config } = deps;
  const { sha256, batchId, regionCode, manifest, source, iterator } = opened;
  const { mapper, headerLine } = await findHeader(iterator, options, deps.specs, file);
  Object.assign(report, { spec: mapper.spec.name, sourceSystem: mapper.spec.sourceSystem, headerLine });

  const batchDir = path.join(config.paths.dataDir, options.dryRun ? 'dry-run' : 'batches');
  fs.mkdirSync(batchDir, { recursive: true });
  let resumeAfter = 0;
  if (db && !options.dryRun) {
    const archivedAs = archive(file, sha256, config.paths.dataDir);
    const [batch] = await db.run(openBatch, {
      id: batchId,
      sha256,
      file: path.basename(file),
      sourceSystem: mapper.spec.sourceSystem,
      spec: mapper.spec.name,
      regionCode,
      dept: report.dept,
      exportDate: manifest?.exportDate ?? null,
      archivedAs,
    });
    if (batch && regionCode !== null && batch.regionCode !== regionCode) {
      // Two regions began this file at the same moment and both took its first batch id.
      throw new ValidationError(
        `${file}: another load of this file, for another reporting region, began at the same time; run this one again when it has finished`,
      );
    }
    if (batch && regionCode === null && batch.status !== 'complete' && batch.regionCode !== null) {
      // Keys depend on the region: an interrupted load resumes only under the region it began with.
      throw new ValidationError(
        `${file}: an interrupted load of this file was for region ${batch.regionCode}; re-run with --region ${batch.regionCode} to resume it`,
      );
    }
    if (batch && batch.status !== 'complete' && batch.spec !== mapper.spec.name) {
      // Keys depend on the spec: finishing an interrupted load with another would mix two graphs.
      throw new ValidationError(
        `${file}: an interrupted load of this file used spec ${batch.spec}; re-run with --spec ${batch.spec} to resume it`,
      );
    }
    if (batch?.status === 'complete') {
      report.status = 'already-loaded';
      report.rejectsFile = path.join(batchDir, `${batchId}.rejects.csv`);
      return;
    }
    if (regionCode) await db.run(linkBatchRegion, { id: batchId, regionCode });
    resumeAfter = batch?.rowsCommitted ?? 0;
  }
  report.resumedAfterLine = resumeAfter;

  const ctx: BuildContext = { hmacKey: deps.secrets.hmacKey, encKey: deps.secrets.encKey, reportRegion: regionCode };
  const rejects = new RejectsWriter(path.join(batchDir, `${batchId}.rejects.csv`));
  report.rejectsFile = rejects.path;
  const seen = new Set<bigint>();
  const chunkRows = options.chunkRows ?? 5000;
  const expectedRows = manifest?.rowCount ?? null;
  let chunk = new Chunk();
  // One chunk is written while the next is mapped (the database and this process each keep a core
  // busy); chunks still commit strictly in order, one at a time, so resume points stay exact.
  let inflight: Promise<void> = Promise.resolve();
  const flush = async () => {
    await inflight;
    if (chunk.rows > 0 && db && !options.dryRun) {
      const writing = chunk;
      const write = () => writing.write(db, batchId, regionCode);
      inflight = (deps.lane ? deps.lane.run(write) : write()).then((written) => {
        report.entityFacts += written.entities;
        report.relationshipFacts += written.relationships;
        report.droppedRelationships += written.dropped;
      });
      // Surface a failed write at the next flush, not as an unhandled rejection.
      inflight.catch(() => undefined);
    }
    chunk = new Chunk();
  };
  let finished = false;
  try {
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      options.signal?.throwIfAborted();
      const item = next.value;
      if ('cells' in item && item.cells.every((c) => c.trim() === '')) {
        report.blank++;
        continue;
      }
      report.total++;
      if ('error' in item) {
        await rejects.add({
          file: path.basename(file),
          line: item.line,
          field: '(row)',
          reason: item.error,
          value: '',
          raw: item.raw,
        });
        count(report, item.error);
        continue;
      }
      // 64 bits of a row's hash: collisions are negligible and the set stays small as files grow.
      const fingerprint = createHash('sha1').update(item.cells.join('\u0001')).digest().readBigUInt64BE(0);
      if (seen.has(fingerprint)) {
        report.duplicate++;
        continue;
      }
      seen.add(fingerprint);
      const result = mapper.map(item.cells, ctx);
      if (!result.ok) {
        const { field, reason, value } = result.rejection;
        await rejects.add({ file: path.basename(file), line: item.line, field, reason, value, raw: item.raw });
        count(report, reason);
        continue;
      }
      report.accepted++;
      if (report.total % 1000 === 0) options.onProgress?.({ file, rows: report.total, expectedRows });
      if (item.line <= resumeAfter) continue; // committed by an earlier, interrupted run
      chunk.add(result.facts, `${batchId}:${item.line}`, item.line);
      if (chunk.rows >= chunkRows) await flush();
    }
    await flush();
    await inflight;
    finished = true;
  } finally {
    await inflight.catch(() => undefined);
    // The load's own failure, if any, is the one to report; a lost rejects file fails a load that had none.
    await rejects.close().catch((error: unknown) => {
      if (finished) throw error;
    });
  }
  report.rejected = rejects.count;
  report.unmappedKeys = [...source.unknownKeys];
  if (report.total !== report.accepted + report.rejected + report.duplicate) {
    throw new Error(`quanlian/ingest: ${file}: counts do not reconcile (${JSON.stringify(report)})`);
  }
  fs.writeFileSync(path.join(batchDir, `${batchId}.report.json`), JSON.stringify(report, null, 2) + '\n');
  if (db && !options.dryRun) {
    await db.run(completeBatch, {
      id: batchId,
      total: report.total,
      accepted: report.accepted,
      rejected: report.rejected,
      duplicate: report.duplicate,
      rejectsFile: rejects.path,
    });
    report.status = 'loaded';
  } else {
    report.status = 'dry-run';
  }
  options.onProgress?.({ file, rows: report.total, expectedRows: report.total });
}

export async function findHeader(
  iterator: AsyncIterator<SourceItem>,
  options: IngestOptions,
  specs: Spec[],
  file: string,
): Promise<{ mapper: RowMapper; headerLine: number; header: string[] }> {
  const forced = options.spec ? resolveSpec(options.spec, specs) : null;
  let first: string[] | null = null;
  for (let i = 0; i < HEADER_SEARCH_ROWS; i++) {
    const next = await iterator.next();
    if (next.done) break;
    const item = next.value;
    if (!('cells' in item)) continue;
    first ??= item.cells;
    const spec = forced ?? detectSpec(item.cells, specs);
    if (!spec) continue;
    const bound = RowMapper.bind(spec, item.cells);
    if ('missing' in bound) {
      if (forced && RowMapper.coverage(forced, item.cells) > 0) {
        throw new ValidationError(
          `${file}: spec ${forced.name}: missing required column(s) ${bound.missing.join(', ')}`,
        );
      }
      continue;
    }
    return { mapper: bound, headerLine: item.line, header: item.cells };
  }
  if (first === null) throw new ValidationError(`${file}: the file is empty`);
  // The first row may be data, not a header: long digit runs (IDs, phones, cards) are blanked out.
  const shown = first.slice(0, 8).map((c) => c.replace(/\d{5,}/g, '…').slice(0, 20));
  throw new ValidationError(
    `${file}: no import spec matches its header row (${first.length} columns: ${shown.join(', ')}${first.length > 8 ? ', …' : ''}); ` +
      `name one with --spec, or add a spec for this export format`,
  );
}

function resolveRegion(code: string | null, file: string): string | null {
  if (code === null) return null;
  const region = currentRegion(code);
  if (!region) throw new ValidationError(`${file}: unknown reporting region code ${code}`);
  return region.code;
}

/** The batch id of a file's first load: its content hash. */
function fileBatchId(sha256: string): string {
  return `b${sha256.slice(0, 16)}`;
}

/**
 * The batch of a file for one reporting region. The same bytes reported by two regions (a platform's
 * shop list sent to both) are two batches, so each region's report counts: its facts carry the
 * region in `seenIn` and its rows in their provenance, and each region finds its own rejects. The
 * first region to load a file keeps the id made from the file's hash alone (as every batch before
 * this had); a later region gets one made from the hash and its region code. A load that names no
 * region adds no report: it is the file's first batch.
 */
async function batchIdFor(db: Db, sha256: string, regionCode: string | null): Promise<string> {
  const batches = await db.run(findFileBatches, { sha256 });
  const own =
    regionCode === null
      ? (batches.find((b) => b.id === fileBatchId(sha256)) ?? batches[0])
      : batches.find((b) => b.regionCode === regionCode);
  if (own) return own.id;
  if (batches.length === 0) return fileBatchId(sha256);
  return `b${createHash('sha256').update(`${sha256}|${regionCode}`).digest('hex').slice(0, 16)}`;
}

/** Copies the source into <data dir>/archive/<sha[0:2]>/<sha><ext> once; returns the archived path. */
function archive(file: string, sha256: string, dataDir: string): string {
  const target = path.join(dataDir, 'archive', sha256.slice(0, 2), `${sha256}${path.extname(file).toLowerCase()}`);
  if (!fs.existsSync(target)) {
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const tmp = `${target}.tmp-${process.pid}`;
    fs.copyFileSync(file, tmp);
    fs.renameSync(tmp, target);
  }
  return path.relative(dataDir, target);
}

async function hashFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function count(report: FileReport, reason: string): void {
  report.reasons[reason] = (report.reasons[reason] ?? 0) + 1;
}

function emptyReport(file: string): FileReport {
  return {
    file,
    status: 'failed',
    batchId: null,
    sha256: null,
    spec: null,
    sourceSystem: null,
    regionCode: null,
    dept: null,
    encoding: null,
    sheet: null,
    headerLine: null,
    total: 0,
    accepted: 0,
    rejected: 0,
    duplicate: 0,
    blank: 0,
    resumedAfterLine: 0,
    entityFacts: 0,
    relationshipFacts: 0,
    droppedRelationships: 0,
    unmappedKeys: [],
    rejectsFile: null,
    reasons: {},
    seconds: 0,
    error: null,
  };
}

/**
 * Loads many files with `parallel` files in flight at once: their rows are read and mapped
 * concurrently, their chunks written one at a time through a shared WriteLane (each file's chunks
 * stay strictly in order, so resume points hold). Reports come back in file order. A database
 * failure stops the remaining files.
 */
export async function ingestFiles(
  files: readonly string[],
  options: IngestOptions,
  deps: IngestDeps,
  parallel = 2,
  onFileDone?: (report: FileReport, done: number) => void,
): Promise<FileReport[]> {
  const reports: FileReport[] = new Array(files.length);
  let next = 0;
  let done = 0;
  const shared = { ...deps, lane: deps.lane ?? new WriteLane() };
  const worker = async () => {
    while (next < files.length) {
      const index = next++;
      const report = await ingestFile(files[index] as string, options, shared);
      reports[index] = report;
      onFileDone?.(report, ++done);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(parallel, files.length)) }, worker));
  return reports;
}
