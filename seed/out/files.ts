/**
 * The set of export files of one run: one file per source system per reporting unit (region +
 * department), opened on first use, with noise applied as rows arrive (a small share of invalid and
 * duplicated rows, recorded in the truth), and a manifest beside each file when it closes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { regionByCode } from '../../server/domain/regions.ts';
import { isoDate } from '../dates.ts';
import { NOISE } from '../options.ts';
import type { Rng } from '../prng.ts';
import type { Department, SourceSystem } from '../sources.ts';
import type { TruthRecorder } from '../truth.ts';
import { CsvWriter } from './csv.ts';
import { corrupt } from './noise.ts';
import type { TableWriter } from './table.ts';
import { XlsxWriter } from './xlsx.ts';

export const MANIFEST_VERSION = 1;

/** A row's reference to a tracked entity: the truth id, the column that mentions it, its key if any. */
export interface Mention {
  tid: string;
  field: string;
  key: string | null;
}

export interface FileSetOptions {
  outDir: string;
  format: 'csv' | 'xlsx';
  encoding: 'utf8' | 'gbk';
  truth: TruthRecorder;
  rng: Rng;
  /** Day the exports were pulled; each file's export date falls a few days after it. */
  exportBaseDay: number;
}

interface OpenFile {
  index: number;
  name: string;
  source: SourceSystem;
  unit: string;
  writer: TableWriter;
  rows: number;
  exportDate: string;
  noise: Rng;
}

export interface ManifestSummary {
  file: string;
  rowCount: number;
  sourceSystem: string;
}

/** The reporting body: 红谷滩区市场监督管理局, 南昌市公安局红谷滩分局, 丰城市公安局… */
export function departmentName(unit: string, dept: Department): string {
  const r = regionByCode(unit);
  if (!r) throw new RangeError(`quanlian/seed: unknown reporting region ${unit}`);
  if (dept === 'amr') return `${r.name}市场监督管理局`;
  if (r.level === 'district' && r.parentCode === '360100') return `南昌市公安局${r.shortName}分局`;
  return `${r.name}公安局`;
}

/**
 * The unit that reports a place's records: Nanchang's districts and counties report for themselves;
 * neighbouring cities share one export per city bureau, as partner cities do.
 */
export function reportingUnit(regionCode: string): string {
  const r = regionByCode(regionCode);
  if (r?.nanchang) return regionCode;
  return regionCode.slice(0, 4) + '00';
}

export class FileSet {
  private readonly open = new Map<string, OpenFile>();
  private readonly routes = new Map<SourceSystem, Map<string, OpenFile>>();

  constructor(private readonly opts: FileSetOptions) {
    fs.mkdirSync(opts.outDir, { recursive: true });
  }

  private file(source: SourceSystem, unit: string): OpenFile {
    const id = `${unit}-${source.department}-${source.id}`;
    let f = this.open.get(id);
    if (f) return f;
    const { outDir, format, encoding, truth } = this.opts;
    const name = `${id}.${format}`;
    const rng = this.opts.rng.fork(`file:${id}`);
    const exportDate = isoDate(this.opts.exportBaseDay + rng.int(1, 20));
    const header = source.columns.map((c) => c.name);
    const full = path.join(outDir, name);
    const writer =
      format === 'xlsx'
        ? new XlsxWriter(
            full,
            header,
            source.name,
            source.columns.map((c) => c.type === 'amount' || c.type === 'number'),
            exportDate,
          )
        : new CsvWriter(full, header, encoding);
    const index = truth.addFile({
      file: name,
      sourceSystem: source.id,
      regionCode: unit,
      department: source.department,
      format,
      rows: 0,
    });
    f = { index, name, source, unit, writer, rows: 0, exportDate, noise: rng.fork('noise') };
    this.open.set(id, f);
    return f;
  }

  /** Appends one row (maybe corrupted, maybe duplicated) and records the mentions. Returns the line. */
  write(source: SourceSystem, regionCode: string, cells: string[], mentions: readonly Mention[]): number {
    // Two-level cache (source, region) → file: this runs for every row.
    let bySource = this.routes.get(source);
    if (!bySource) this.routes.set(source, (bySource = new Map()));
    let f = bySource.get(regionCode);
    if (!f) bySource.set(regionCode, (f = this.file(source, reportingUnit(regionCode))));
    const truth = this.opts.truth;
    let out = cells;
    let invalid = false;
    if (f.noise.chance(NOISE.invalidRate)) {
      const c = corrupt(f.noise, source.columns, cells);
      if (c) {
        out = c.cells;
        invalid = true;
        truth.invalid.push({ file: f.name, line: f.rows + 2, field: c.field, reason: c.reason });
      }
    }
    const line = this.append(f, out, mentions, !invalid);
    if (!invalid && f.noise.chance(NOISE.duplicateRate)) {
      const dup = this.append(f, out, mentions, true);
      truth.duplicates.push({ file: f.name, line: dup, duplicateOf: line });
    }
    return line;
  }

  private append(f: OpenFile, cells: readonly string[], mentions: readonly Mention[], valid: boolean): number {
    f.writer.write(cells);
    f.rows++;
    const line = f.rows + 1;
    for (const m of mentions) {
      this.opts.truth.ref(m.tid, f.index, line, m.field);
      // Keys come only from valid rows: ingest rejects or flags the invalid ones.
      if (valid && m.key) this.opts.truth.key(m.tid, m.key);
    }
    return line;
  }

  get recordCount(): number {
    let n = 0;
    for (const f of this.open.values()) n += f.rows;
    return n;
  }

  /** Closes every file and writes its manifest. */
  async close(): Promise<ManifestSummary[]> {
    const out: ManifestSummary[] = [];
    const { outDir, format, encoding, truth } = this.opts;
    for (const f of [...this.open.values()].sort((a, b) => a.index - b.index)) {
      const written = await f.writer.close();
      const entry = truth.files[f.index];
      if (entry) entry.rows = f.rows;
      const region = regionByCode(f.unit);
      const manifest = {
        manifestVersion: MANIFEST_VERSION,
        file: f.name,
        sourceSystem: f.source.id,
        sourceSystemName: f.source.name,
        regionCode: f.unit,
        regionName: region?.name ?? '',
        department: f.source.department,
        departmentName: departmentName(f.unit, f.source.department),
        exportDate: f.exportDate,
        format,
        encoding: format === 'xlsx' ? 'xlsx' : encoding === 'gbk' ? 'gbk' : 'utf-8-bom',
        delimiter: format === 'csv' ? ',' : null,
        lineEnding: format === 'csv' ? 'CRLF' : null,
        headerRows: 1,
        columns: f.source.columns.map((c) => c.name),
        rowCount: f.rows,
        bytes: written.bytes,
        sha256: written.sha256,
      };
      const base = f.name.replace(/\.(csv|xlsx)$/, '');
      fs.writeFileSync(path.join(outDir, `${base}.manifest.json`), JSON.stringify(manifest, null, 2) + '\n');
      out.push({ file: f.name, rowCount: f.rows, sourceSystem: f.source.id });
    }
    return out;
  }
}
