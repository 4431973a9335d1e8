/**
 * The neighbourhood of one entity, grouped by relationship type and direction, each group capped and
 * saying how many in-scope neighbours it left out. One statement: the entity and every neighbour are
 * filtered by the caller's region scope before anything is listed or counted.
 */
import type { Scope } from '../auth/scope.ts';
import type { Db } from '../db/db.ts';
import { labelOfKey, REL_TYPE_NAMES } from '../domain/model.ts';
import { entityNotFound } from './detail.ts';
import { nodeRef, REL_FIELDS } from './presenter.ts';
import { expandEntity } from './queries.ts';
import {
  EntityKeySchema,
  ExpandQuerySchema,
  parseOptions,
  type ExpandQueryInput,
  type ExpandResult,
} from './schemas.ts';

export const EXPAND_DEFAULTS = {
  /** Relationships visited per request; beyond it `partial` is set and `more` is a lower bound. */
  scan: 20_000,
} as const;

export async function expand(db: Db, scope: Scope, key: string, options: ExpandQueryInput = {}): Promise<ExpandResult> {
  const checked = parseOptions(EntityKeySchema, key, 'entity key');
  const query = parseOptions(ExpandQuerySchema, options, 'expand options');
  const label = labelOfKey(checked);
  if (!label) throw entityNotFound(checked);
  const [row] = await db.run(expandEntity[label], {
    key: checked,
    scope: [...scope.codes],
    types: query.types ?? REL_TYPE_NAMES,
    direction: query.direction,
    limit: query.limitPerType,
    scan: EXPAND_DEFAULTS.scan,
    relFields: Object.fromEntries(Object.entries(REL_FIELDS).map(([type, fields]) => [type, [...fields]])),
  });
  if (!row) throw entityNotFound(checked);

  const groups = row.groups
    .map((g) => ({
      type: g.type,
      direction: g.direction,
      items: g.items
        .map((item) => ({
          ...nodeRef(item.node, item.labels, item.located, item.seenIn),
          relationship: {
            properties: Object.fromEntries(item.properties.map((p) => [p.name, p.value])),
            srcCount: item.srcCount,
          },
        }))
        .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)),
      more: g.total - g.items.length,
    }))
    .sort((a, b) => a.type.localeCompare(b.type) || a.direction.localeCompare(b.direction));
  const result = {
    node: nodeRef(row.node, row.labels, row.located, row.seenIn),
    groups,
    partial: row.degree > EXPAND_DEFAULTS.scan,
  };
  // Checked against its schema once, where it leaves the server (the route's response schema).
  return result;
}
