/**
 * Registered statements of exploration: identifier and full-text search, one entity's detail and
 * its neighbourhood. Every one takes the caller's expanded region scope as `$scope` and applies the
 * visibility rule of auth/scope.ts (SCOPE_RULE) to each node it returns or counts. Detail and expand
 * are defined once per entity label (a key's prefix names its label), so the key lookup uses the
 * label's unique index.
 */
import { z } from 'zod';
import { defineQuery, definePerLabel } from '../db/registry.ts';
import { ENTITY_LABELS, RelTypeSchema } from '../domain/model.ts';

const str = z.string().nullable();
const strings = z.array(z.string());
const scope = z.array(z.string().regex(/^\d{6}$/)).max(1_000);
const count = z.number().int().min(0);

/** A stored property value as it leaves the driver (temporal values arrive as ISO strings). */
export const PropValueSchema = z.union([
  z.string(),
  z.number(),
  z.boolean(),
  z.array(z.union([z.string(), z.number(), z.boolean()])),
]);
export type PropValue = z.infer<typeof PropValueSchema>;
const namedValue = z.object({ name: z.string(), value: PropValueSchema });

/** The display fields a search hit or neighbour carries: a whitelist written into the statements. */
export const NodeSummaryRowSchema = z.object({
  key: z.string(),
  name: str,
  title: str,
  text: str,
  caseNo: str,
  aliases: strings.nullable().optional(),
  uscc: str.optional(),
  idMasked: str.optional(),
  platform: str.optional(),
  masked: str,
  channel: str,
  waybillNo: str,
  courierName: str,
  txId: str,
  /** When the event happened and how much moved: shipments, payments and cases only. */
  shippedAt: str.optional(),
  at: str.optional(),
  openedAt: str.optional(),
  pieces: z.number().nullable().optional(),
  amount: z.number().nullable().optional(),
  /** Regions that shared the entity through a case packet. */
  sharedBy: strings.nullable().optional(),
});
export type NodeSummaryRow = z.infer<typeof NodeSummaryRowSchema>;

const hitRow = z.object({ node: NodeSummaryRowSchema, labels: strings, located: strings, seenIn: strings });

export const findIdentifiers = defineQuery({
  name: 'explore/find-identifiers',
  mode: 'READ',
  params: z.object({
    usccs: strings.max(20),
    phoneKeys: strings.max(20),
    personKeys: strings.max(20),
    accountKeys: strings.max(40),
    paymentKeys: strings.max(30),
    shopIds: strings.max(20),
    waybills: strings.max(20),
    caseNos: strings.max(60),
    labels: strings,
    scope,
    limit: z.number().int().min(1).max(1_000),
  }),
  row: hitRow,
});

export const searchText = defineQuery({
  name: 'explore/search-text',
  mode: 'READ',
  params: z.object({
    q: z.string().min(1),
    labels: strings,
    exclude: strings.max(1_000),
    scope,
    scan: z.number().int().min(1).max(10_000),
    skip: z.number().int().min(0).max(10_000),
    limit: z.number().int().min(1).max(1_000),
  }),
  row: z.object({ page: z.array(hitRow.extend({ score: z.number() })), hits: z.number().int() }),
});

const detailParams = z.object({
  key: z.string(),
  scope,
  fields: strings,
  types: strings,
  caseLimit: z.number().int().min(1).max(1_000),
  scan: z.number().int().min(1).max(1_000_000),
});
const detailRow = z.object({
  key: z.string(),
  labels: strings,
  name: str,
  aliases: strings,
  properties: z.array(namedValue),
  located: z.array(z.object({ code: z.string(), name: str })),
  seenIn: strings,
  batches: z.array(
    z.object({
      id: z.string(),
      file: str,
      sourceSystem: str,
      regionCode: str,
      dept: str,
      loadedAt: str,
      lines: z.array(z.number().int()),
    }),
  ),
  otherSources: count,
  refCount: count,
  srcCount: z.number().int().nullable(),
  cases: z.array(
    z.object({
      key: z.string(),
      caseNo: str,
      title: str,
      type: str,
      status: str,
      openedAt: str,
      relation: z.enum(['INVOLVES', 'INFRINGES']),
      role: str,
    }),
  ),
  caseCount: count,
  neighbours: z.array(z.object({ type: RelTypeSchema, direction: z.enum(['in', 'out']), count })),
  degree: count,
});

export const getEntity = definePerLabel(ENTITY_LABELS, {
  name: 'explore/get-entity',
  mode: 'READ',
  params: detailParams,
  row: detailRow,
});

const expandParams = z.object({
  key: z.string(),
  scope,
  types: strings,
  direction: z.enum(['in', 'out', 'both']),
  limit: z.number().int().min(1).max(1_000),
  scan: z.number().int().min(1).max(1_000_000),
  relFields: z.record(z.string(), strings),
});
const expandRow = z.object({
  node: NodeSummaryRowSchema,
  labels: strings,
  located: strings,
  seenIn: strings,
  groups: z.array(
    z.object({
      type: RelTypeSchema,
      direction: z.enum(['in', 'out']),
      total: count,
      items: z.array(
        z.object({
          node: NodeSummaryRowSchema,
          labels: strings,
          located: strings,
          seenIn: strings,
          properties: z.array(namedValue),
          srcCount: count,
        }),
      ),
    }),
  ),
  degree: count,
});

export const expandEntity = definePerLabel(ENTITY_LABELS, {
  name: 'explore/expand-entity',
  mode: 'READ',
  params: expandParams,
  row: expandRow,
});

const pathNode = z.object({ node: NodeSummaryRowSchema, labels: strings, located: strings, seenIn: strings });
export const findPaths = defineQuery({
  name: 'explore/find-paths',
  mode: 'READ',
  params: z.object({
    from: z.string(),
    to: z.string(),
    types: z.array(RelTypeSchema).min(1),
    maxHops: z.number().int().min(1).max(6),
    limit: z.number().int().min(1).max(5),
    scope,
  }),
  row: z.object({
    nodes: z.array(pathNode),
    rels: z.array(z.object({ type: RelTypeSchema, from: z.string(), to: z.string() })),
  }),
});
