/**
 * Applies a spec to rows: binds the spec's columns to a file's header row once, then turns each row
 * into facts (entities, relationships, region links) or into one rejection naming the column, the
 * reason and the value. Nothing here touches the database.
 */
import { toHalfWidth } from '../domain/identifiers.ts';
import { currentRegion } from '../domain/regions.ts';
import type { RelType } from '../domain/model.ts';
import { asProp, buildEntity, type BuildContext, type BuiltEntity, type Prop } from './entities.ts';
import { parseField, type FieldType, type FieldValue } from './fields.ts';
import type { ReasonCode } from './reasons.ts';
import type { ColumnSpec, Spec, ValueRef } from './spec/schema.ts';

export interface RowFacts {
  entities: BuiltEntity[];
  /** With `trace`: for each entity (same order), the headers of the columns that identified it. */
  via?: string[][];
  rels: { type: RelType; from: BuiltEntity; to: BuiltEntity; props: Record<string, Prop> }[];
  regions: { entity: BuiltEntity; code: string }[];
}

export interface Rejection {
  /** The header of the offending column, or "(row)" for a row-level problem. */
  field: string;
  reason: ReasonCode;
  value: string;
}

export type MapResult = { ok: true; facts: RowFacts } | { ok: false; rejection: Rejection };

const LENIENT: ReadonlySet<FieldType> = new Set(['text', 'name', 'address', 'waybill']);

export function normaliseHeader(h: string): string {
  return toHalfWidth(h.replace(/^\uFEFF/, ''))
    .replace(/\s+/g, '')
    .toLowerCase();
}

interface BoundColumn {
  field: string;
  spec: ColumnSpec;
  index: number;
  header: string;
}

export class RowMapper {
  private constructor(
    readonly spec: Spec,
    private readonly columns: BoundColumn[],
    readonly width: number,
  ) {}

  /** Binds a spec to a header row; lists required columns that are missing. */
  static bind(spec: Spec, headers: string[]): RowMapper | { missing: string[] } {
    const positions = new Map(headers.map((h, i) => [normaliseHeader(h), i] as const).reverse());
    const columns: BoundColumn[] = [];
    const missing: string[] = [];
    for (const [field, column] of Object.entries(spec.columns)) {
      const found = column.headers
        .map((h) => [h, positions.get(normaliseHeader(h))] as const)
        .find(([, i]) => i !== undefined);
      if (found)
        columns.push({
          field,
          spec: column,
          index: found[1] as number,
          header: headers[found[1] as number] ?? found[0],
        });
      else if (column.required) missing.push(column.headers[0] as string);
    }
    return missing.length > 0 ? { missing } : new RowMapper(spec, columns, headers.length);
  }

  /** The field type of the spec column bound at each position of the header row (absent: unmapped). */
  typesByIndex(): Map<number, ColumnSpec['type']> {
    return new Map(this.columns.map((c) => [c.index, c.spec.type]));
  }

  /** How many of the spec's columns a header row carries (for auto-detection). */
  static coverage(spec: Spec, headers: string[]): number {
    const present = new Set(headers.map(normaliseHeader));
    return Object.values(spec.columns).filter((c) => c.headers.some((h) => present.has(normaliseHeader(h)))).length;
  }

  map(cells: string[], ctx: BuildContext, trace = false): MapResult {
    if (cells.length !== this.width) {
      return reject('(row)', 'column-count', `${cells.length} ≠ ${this.width}`);
    }
    const values = new Map<string, FieldValue | null>();
    for (const column of this.columns) {
      const raw = cells[column.index] ?? '';
      const parsed = parseField(column.spec.type, raw, column.spec.maxLength);
      if (!parsed.ok) {
        const hostile = parsed.reason === 'field-too-long' || parsed.reason === 'control-chars';
        const onInvalid = column.spec.onInvalid ?? (LENIENT.has(column.spec.type) ? 'drop' : 'reject');
        if (hostile || onInvalid === 'reject') return reject(column.header, parsed.reason, raw.slice(0, 200));
        values.set(column.field, null);
        continue;
      }
      if (parsed.value === null && column.spec.required) return reject(column.header, 'required-missing', raw);
      values.set(column.field, parsed.value);
    }
    const get = (ref: ValueRef | undefined): FieldValue | null => {
      if (ref === undefined) return null;
      if (typeof ref === 'string') return values.get(ref) ?? null;
      return { type: 'text', text: ref.const };
    };

    const byName = new Map<string, BuiltEntity>();
    const facts: RowFacts = { entities: [], rels: [], regions: [] };
    for (const [name, spec] of Object.entries(this.spec.entities)) {
      const built = buildEntity(spec.kind, spec.from, get, ctx);
      if (built !== null && 'reject' in built) {
        const column = this.columnOf(spec.from[built.input]);
        return reject(column?.header ?? name, built.reject, column ? (cells[column.index] ?? '') : '');
      }
      if (built === null) {
        if (spec.required) return reject(this.columnOf(Object.values(spec.from)[0])?.header ?? name, 'no-identity', '');
        continue;
      }
      for (const [prop, ref] of Object.entries(spec.props)) {
        const value = asProp(get(ref));
        if (value !== null && built.props[prop] == null) built.props[prop] = value;
      }
      byName.set(name, built);
      facts.entities.push(built);
      if (trace) (facts.via ??= []).push(this.headersOf(spec.from));
      if (spec.inRegion) {
        const code = currentRegion(built.regionCode ?? ctx.reportRegion ?? '')?.code;
        if (code) facts.regions.push({ entity: built, code });
      }
    }
    for (const rel of this.spec.relationships) {
      const from = byName.get(rel.from);
      const to = byName.get(rel.to);
      if (!from || !to || from.key === to.key) continue;
      if (rel.when) {
        const v = asProp(get(rel.when.field));
        if (v === null || !rel.when.in.includes(String(v))) continue;
      }
      const props: Record<string, Prop> = {};
      for (const [prop, ref] of Object.entries(rel.props)) props[prop] = asProp(get(ref));
      facts.rels.push({ type: rel.type, from, to, props });
    }
    return { ok: true, facts };
  }

  private headersOf(from: Record<string, ValueRef>): string[] {
    return Object.values(from).flatMap((ref) => {
      const column = this.columnOf(ref);
      return column ? [column.header] : [];
    });
  }

  private columnOf(ref: ValueRef | undefined): BoundColumn | undefined {
    return typeof ref === 'string' ? this.columns.find((c) => c.field === ref) : undefined;
  }
}

function reject(field: string, reason: ReasonCode, value: string): MapResult {
  return { ok: false, rejection: { field, reason, value } };
}
