/**
 * Ground truth, recorded while rows are written and saved as truth.json (schema in README.md,
 * `schemaVersion` below): the file index, every planted network, every invalid and duplicated row,
 * and the identity truth, i.e. which rows (file, line, column) mention the same real entity and
 * which identity keys those mentions resolve to.
 */
import fs from 'node:fs';

export const TRUTH_SCHEMA_VERSION = 1;

export type EntityKind = 'Person' | 'Company' | 'Shop' | 'Shipment' | 'Case';

export interface FileEntry {
  file: string;
  sourceSystem: string;
  regionCode: string;
  department: string;
  format: 'csv' | 'xlsx';
  rows: number;
}

interface EntityRecord {
  id: string;
  kind: EntityKind;
  label: string;
  network: string | null;
  keys: Set<string>;
  /** Flat triples: file index, line, field index. */
  refs: number[];
}

export interface InvalidRow {
  file: string;
  line: number;
  field: string | null;
  reason: string;
}

export interface DuplicateRow {
  file: string;
  line: number;
  duplicateOf: number;
}

export interface NetworkMember {
  entity: string;
  kind: EntityKind;
  name: string;
  stage: string;
  role: string;
  regionCode: string;
  /** Identity keys its valid rows resolve to, strongest first (uscc:/pid:/shop: before name:/pnp:). */
  keys: string[];
}

export interface NetworkTruth {
  id: string;
  category: string;
  brand: string;
  brandKey: string;
  chainOrder: string[];
  manufacturers: string[];
  /** Current region codes where members are located. */
  regions: string[];
  /** Region codes of the reporting units whose files mention members. */
  reportingRegions: string[];
  timeline: Record<string, [string, string]>;
  members: NetworkMember[];
  sharedIdentifiers: { kind: string; key: string; holders: string[]; note: string }[];
  flows: { from: string; to: string; type: 'goods' | 'money'; count: number; first: string; last: string }[];
  cases: string[];
}

export interface HubTruth {
  kind: string;
  label: string;
  key: string | null;
  type: string;
}

const PREFIX: Record<EntityKind, string> = { Person: 'P', Company: 'C', Shop: 'S', Shipment: 'W', Case: 'K' };

export class TruthRecorder {
  readonly files: FileEntry[] = [];
  readonly invalid: InvalidRow[] = [];
  readonly duplicates: DuplicateRow[] = [];
  readonly networks: NetworkTruth[] = [];
  readonly hubs: HubTruth[] = [];
  private readonly entities = new Map<string, EntityRecord>();
  private readonly counters = new Map<EntityKind, number>();
  private readonly fields: string[] = [];
  private readonly fieldIndex = new Map<string, number>();

  register(kind: EntityKind, label: string, network?: string): string {
    const n = (this.counters.get(kind) ?? 0) + 1;
    this.counters.set(kind, n);
    const id = PREFIX[kind] + String(n).padStart(6, '0');
    this.entities.set(id, { id, kind, label, network: network ?? null, keys: new Set(), refs: [] });
    return id;
  }

  addFile(entry: FileEntry): number {
    this.files.push(entry);
    return this.files.length - 1;
  }

  ref(id: string, file: number, line: number, field: string): void {
    let f = this.fieldIndex.get(field);
    if (f === undefined) {
      f = this.fields.length;
      this.fields.push(field);
      this.fieldIndex.set(field, f);
    }
    this.entity(id).refs.push(file, line, f);
  }

  key(id: string, key: string): void {
    this.entity(id).keys.add(key);
  }

  keysOf(id: string): string[] {
    return [...this.entity(id).keys];
  }

  /** Indexes of the files whose rows mention the entity. */
  filesOf(id: string): Set<number> {
    const refs = this.entity(id).refs;
    const out = new Set<number>();
    for (let i = 0; i < refs.length; i += 3) out.add(refs[i] as number);
    return out;
  }

  refCount(id: string): number {
    return this.entity(id).refs.length / 3;
  }

  private entity(id: string): EntityRecord {
    const e = this.entities.get(id);
    if (!e) throw new RangeError(`quanlian/seed: unknown truth entity ${id}`);
    return e;
  }

  /** Writes truth.json piece by piece, so a large identity truth never becomes one giant string. */
  write(file: string, header: Record<string, unknown>): void {
    const fd = fs.openSync(file, 'w');
    const put = (s: string) => fs.writeSync(fd, s);
    const list = <T>(name: string, items: Iterable<T>, show: (item: T) => unknown, last = false) => {
      put(`  ${JSON.stringify(name)}: [`);
      let first = true;
      for (const item of items) {
        put((first ? '\n    ' : ',\n    ') + JSON.stringify(show(item)));
        first = false;
      }
      put(first ? `]${last ? '' : ','}\n` : `\n  ]${last ? '' : ','}\n`);
    };
    try {
      put('{\n');
      for (const [k, v] of Object.entries({ schemaVersion: TRUTH_SCHEMA_VERSION, ...header }))
        put(`  ${JSON.stringify(k)}: ${JSON.stringify(v)},\n`);
      list('files', this.files, (f) => f);
      list('hubs', this.hubs, (h) => h);
      list('networks', this.networks, (n) => n);
      list('invalidRows', this.invalid, (r) => r);
      list('duplicateRows', this.duplicates, (r) => r);
      list(
        'identities',
        this.entities.values(),
        (e) => ({
          id: e.id,
          kind: e.kind,
          label: e.label,
          network: e.network,
          keys: [...e.keys],
          refs: Array.from({ length: e.refs.length / 3 }, (_, i) => [
            e.refs[3 * i],
            e.refs[3 * i + 1],
            this.fields[e.refs[3 * i + 2] as number],
          ]),
        }),
        true,
      );
      put('}\n');
    } finally {
      fs.closeSync(fd);
    }
  }

  get entityCount(): number {
    return this.entities.size;
  }
}
