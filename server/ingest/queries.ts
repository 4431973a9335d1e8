/**
 * Registered statements of ingest. The merge statements exist once per label and per
 * (type, from-label, to-label) that the domain model allows, filled from its whitelist.
 */
import { z } from 'zod';
import { defineQuery, definePerLabel, type Query } from '../db/registry.ts';
import { ENTITY_LABELS, REL_TYPES, REL_TYPE_NAMES, type EntityLabel, type RelType } from '../domain/model.ts';

const src = { src: z.array(z.string()), srcCount: z.number().int().min(0) };
const props = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.array(z.string()), z.null()]));
const merged = z.object({ merged: z.number().int() });

export const EntityRowSchema = z.object({
  key: z.string().min(1),
  props,
  names: z.array(z.string()),
  alt: z.array(z.string()),
  ...src,
});
export type EntityRow = z.infer<typeof EntityRowSchema>;
export const RelRowSchema = z.object({ from: z.string().min(1), to: z.string().min(1), props, ...src });
export type RelRow = z.infer<typeof RelRowSchema>;
export const RegionRowSchema = z.object({ from: z.string().min(1), code: z.string().regex(/^\d{6}$/), ...src });
export type RegionRow = z.infer<typeof RegionRowSchema>;

// Chunks hold tens of thousands of rows built by typed code (facts.ts); checking each one again
// would cost more than writing it, so chunk rows are checked for shape only (the schemas above
// are what the unit tests hold the builders to).
const built = <T>() => z.custom<T>((v) => typeof v === 'object' && v !== null);
const entityParams = z.object({
  rows: z.array(built<EntityRow>()).max(200_000),
  batchId: z.string(),
  regionCode: z
    .string()
    .regex(/^\d{6}$/)
    .nullable(),
});
const relParams = z.object({ rows: z.array(built<RelRow>()).max(200_000) });
const regionParams = z.object({ rows: z.array(built<RegionRow>()).max(200_000) });

type RelQuery = Query<typeof relParams, typeof merged>;

export const mergeEntities = definePerLabel(ENTITY_LABELS, {
  name: 'ingest/merge-entities',
  mode: 'WRITE',
  params: entityParams,
  row: merged,
});

const relQueries = new Map<string, RelQuery>();
for (const type of REL_TYPE_NAMES) {
  const { from, to } = REL_TYPES[type];
  for (const a of from)
    for (const b of to) {
      const query = defineQuery({
        name: 'ingest/merge-relationships',
        fill: { TYPE: type, FROM: a, TO: b },
        mode: 'WRITE',
        params: relParams,
        row: merged,
      });
      relQueries.set(`${type}|${a}|${b}`, query);
    }
}

/** The statement for one relationship type between two labels; undefined if the model forbids it. */
export function mergeRelationships(type: RelType, from: EntityLabel, to: EntityLabel): RelQuery | undefined {
  return relQueries.get(`${type}|${from}|${to}`);
}

export const linkRegions = definePerLabel(ENTITY_LABELS, {
  name: 'ingest/link-regions',
  mode: 'WRITE',
  params: regionParams,
  row: merged,
  placeholder: 'FROM',
});

const opt = z.string().nullable();
const count = z.number().int().min(0);

export const findFileBatches = defineQuery({
  name: 'ingest/find-file-batches',
  mode: 'READ',
  params: z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
  row: z.object({ id: z.string(), regionCode: opt }),
});

export const openBatch = defineQuery({
  name: 'ingest/open-batch',
  mode: 'WRITE',
  params: z.object({
    id: z.string(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    file: z.string(),
    sourceSystem: z.string(),
    spec: z.string(),
    regionCode: opt,
    dept: opt,
    exportDate: opt,
    archivedAs: z.string(),
  }),
  row: z.object({
    id: z.string(),
    status: z.string(),
    rowsCommitted: z.number().int(),
    file: z.string(),
    loadedAt: opt,
    spec: z.string(),
    regionCode: opt,
  }),
});

export const commitChunk = defineQuery({
  name: 'ingest/commit-chunk',
  mode: 'WRITE',
  params: z.object({ id: z.string(), line: z.number().int().min(0), entities: count, relationships: count }),
  row: z.object({ rowsCommitted: z.number().int() }),
});

export const completeBatch = defineQuery({
  name: 'ingest/complete-batch',
  mode: 'WRITE',
  params: z.object({
    id: z.string(),
    total: count,
    accepted: count,
    rejected: count,
    duplicate: count,
    rejectsFile: z.string(),
  }),
  row: z.object({ id: z.string(), loadedAt: z.string() }),
});

export const linkBatchRegion = defineQuery({
  name: 'ingest/link-batch-region',
  mode: 'WRITE',
  params: z.object({ id: z.string(), regionCode: z.string().regex(/^\d{6}$/) }),
  row: z.object({ linked: z.number().int() }),
});

/** bench:ingest's baseline: the same rows as bare nodes (no validation, keys, merge or provenance). */
export const createRawRows = defineQuery({
  name: 'ingest/create-raw-rows',
  mode: 'WRITE',
  params: z.object({ rows: z.array(built<Record<string, string>>()).max(200_000) }),
  row: z.object({ created: z.number().int() }),
});

export const deleteRawRows = defineQuery({
  name: 'ingest/delete-raw-rows',
  mode: 'WRITE',
  params: z.object({ limit: z.number().int().min(1).max(100_000) }),
  row: z.object({ deleted: z.number().int() }),
});
