/**
 * One entity for the detail view: whitelisted properties (identifiers masked), regions, provenance
 * (the source batches and lines behind it, those of other regions only counted), the cases involving
 * it and its neighbours counted by relationship type — all within the caller's region scope. An
 * entity outside the scope is reported exactly like a missing one.
 */
import type { Scope } from '../auth/scope.ts';
import type { Db } from '../db/db.ts';
import { labelOfKey, REL_TYPE_NAMES } from '../domain/model.ts';
import { maskDigitRuns, shownProperty } from '../domain/pii.ts';
import { NotFoundError } from '../errors.ts';
import { displayName, NODE_FIELDS, type NodeField } from './presenter.ts';
import { getEntity, type PropValue } from './queries.ts';
import { EntityKeySchema, parseOptions, type EntityDetail } from './schemas.ts';

export const DETAIL_DEFAULTS = {
  /** Cases listed (most recent first); `caseCount` has them all. */
  caseLimit: 50,
  /** Relationships visited for the neighbour counts. */
  scan: 20_000,
} as const;

/** The one message for "no such entity" and "not yours to see", so the two cannot be told apart. */
export function entityNotFound(key: string): NotFoundError {
  return new NotFoundError(`quanlian/explore: entity ${key} not found`);
}

export async function entityDetail(db: Db, scope: Scope, key: string): Promise<EntityDetail> {
  const checked = parseOptions(EntityKeySchema, key, 'entity key');
  const label = labelOfKey(checked);
  if (!label) throw entityNotFound(checked);
  const fields: readonly string[] = NODE_FIELDS[label];
  const [row] = await db.run(getEntity[label], {
    key: checked,
    scope: [...scope.codes],
    fields: [...fields],
    types: REL_TYPE_NAMES,
    caseLimit: DETAIL_DEFAULTS.caseLimit,
    scan: DETAIL_DEFAULTS.scan,
  });
  if (!row) throw entityNotFound(checked);

  const properties: Partial<Record<NodeField, PropValue>> = {};
  for (const p of row.properties)
    if (fields.includes(p.name)) properties[p.name as NodeField] = shownProperty(p.name, p.value);
  const summary = {
    key: row.key,
    name: row.name,
    title: str(properties, 'title'),
    text: str(properties, 'text'),
    caseNo: str(properties, 'caseNo'),
    masked: str(properties, 'masked'),
    channel: str(properties, 'channel'),
    waybillNo: str(properties, 'waybillNo'),
    courierName: str(properties, 'courierName'),
    txId: str(properties, 'txId'),
  };
  const detail = {
    key: row.key,
    label,
    name: displayName(label, summary),
    aliases: row.aliases.map(maskDigitRuns),
    properties,
    regions: {
      located: row.located.map((r) => ({ code: r.code, name: r.name })).sort((a, b) => a.code.localeCompare(b.code)),
      reportedBy: [...row.seenIn].sort(),
    },
    provenance: {
      batches: row.batches.map((b) => ({ ...b, lines: [...new Set(b.lines)].sort((x, y) => x - y) })),
      otherSources: row.otherSources,
      truncated: (row.srcCount ?? 0) > row.refCount,
    },
    cases: row.cases,
    caseCount: row.caseCount,
    neighbourCounts: row.neighbours,
    partial: row.degree > DETAIL_DEFAULTS.scan,
  };
  // Checked against its schema once, where it leaves the server (the route's response schema).
  return detail;
}

function str(props: Partial<Record<NodeField, PropValue>>, name: string): string | null {
  const v = (props as Record<string, unknown>)[name];
  return typeof v === 'string' ? v : null;
}
