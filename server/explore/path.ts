/**
 * Paths between two entities: shortest first, through the relationship types asked for, bounded in
 * length and number, never through a node outside the caller's region scope. "How is this shop
 * connected to that factory?" — answered with typed hops an investigator can cite.
 */
import { z } from 'zod';
import type { Scope } from '../auth/scope.ts';
import { visibleKeys } from '../auth/visibility.ts';
import type { Db } from '../db/db.ts';
import { RelTypeSchema, type RelType } from '../domain/model.ts';
import { entityNotFound } from './detail.ts';
import { nodeRef } from './presenter.ts';
import { findPaths } from './queries.ts';
import { EntityKeySchema, listOf, NodeRefSchema } from './schemas.ts';

/** Types a path may use by default: every link between entities (regions and runs are never crossed). */
export const PATH_TYPES: readonly RelType[] = [
  'INVOLVES',
  'INFRINGES',
  'LEGAL_REP_OF',
  'SHAREHOLDER_OF',
  'EMPLOYED_BY',
  'OPERATES',
  'LOCATED_AT',
  'USES_PHONE',
  'HOLDS',
  'SENT_BY',
  'SENT_TO',
  'FROM_ADDR',
  'TO_ADDR',
  'FROM_ACCOUNT',
  'TO_ACCOUNT',
];

export const PathQuerySchema = z.object({
  from: EntityKeySchema,
  to: EntityKeySchema,
  types: listOf(RelTypeSchema, 20)
    .optional()
    .describe('relationship types a path may use (default: all links between entities)'),
  maxHops: z.coerce.number().int().min(1).max(6).default(4),
  limit: z.coerce.number().int().min(1).max(5).default(3),
});
export type PathQuery = z.output<typeof PathQuerySchema>;

export const PathResultSchema = z.strictObject({
  from: z.string(),
  to: z.string(),
  paths: z.array(
    z.strictObject({
      length: z.number().int(),
      nodes: z.array(NodeRefSchema),
      relationships: z.array(z.strictObject({ type: RelTypeSchema, from: z.string(), to: z.string() })),
    }),
  ),
});
export type PathResult = z.infer<typeof PathResultSchema>;

export async function findPathsBetween(db: Db, scope: Scope, query: PathQuery): Promise<PathResult> {
  const types = (query.types ?? PATH_TYPES).filter((t) => PATH_TYPES.includes(t));
  const rows = await db.run(findPaths, {
    from: query.from,
    to: query.to,
    types: types.length > 0 ? types : [...PATH_TYPES],
    maxHops: query.maxHops,
    limit: query.limit,
    scope: [...scope.codes],
  });
  if (rows.length === 0) await assertEndsVisible(db, scope, query);
  const paths = rows.map((row) => ({
    length: row.rels.length,
    nodes: row.nodes.map((n) => nodeRef(n.node, n.labels, n.located, n.seenIn)),
    relationships: row.rels,
  }));
  // Checked against its schema once, where it leaves the server (the route's response schema).
  return { from: query.from, to: query.to, paths };
}

/** No path: say so only if both ends exist in scope; else the same 404 as for a missing entity. */
async function assertEndsVisible(db: Db, scope: Scope, query: PathQuery): Promise<void> {
  const seen = await visibleKeys(db, scope, [query.from, query.to]);
  for (const key of [query.from, query.to]) if (!seen.has(key)) throw entityNotFound(key);
}
