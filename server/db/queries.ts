/** Registered statements of the database layer itself: health, migrations, reference data, admin. */
import { z } from 'zod';
import { RegionSchema } from '../domain/regions.ts';
import { defineQuery } from './registry.ts';

const none = z.object({});

export const ping = defineQuery({
  name: 'health/ping-database',
  mode: 'READ',
  params: none,
  row: z.object({ ok: z.number() }),
});

export const listAppliedMigrations = defineQuery({
  name: 'migrations/list-applied',
  mode: 'READ',
  params: none,
  row: z.object({ id: z.string(), checksum: z.string(), appliedAt: z.string() }),
});

export const recordAppliedMigration = defineQuery({
  name: 'migrations/record-applied',
  mode: 'WRITE',
  params: z.object({ id: z.string().min(1), checksum: z.string().regex(/^[0-9a-f]{64}$/) }),
  row: z.object({ id: z.string() }),
});

export const forgetAppliedMigrations = defineQuery({
  name: 'migrations/forget-applied',
  mode: 'WRITE',
  params: z.object({ ids: z.array(z.string()).max(1000) }),
  row: z.object({ removed: z.number().int() }),
});

export const mergeRegions = defineQuery({
  name: 'reference/merge-regions',
  mode: 'WRITE',
  params: z.object({ regions: z.array(RegionSchema).max(10_000) }),
  row: z.object({ regions: z.number().int() }),
});

export const deleteDataBatch = defineQuery({
  name: 'admin/delete-data-batch',
  mode: 'WRITE',
  params: z.object({ batchSize: z.number().int().min(1).max(100_000) }),
  row: z.object({ deleted: z.number().int() }),
});

export const listConstraints = defineQuery({
  name: 'schema-info/list-constraints',
  mode: 'READ',
  params: none,
  row: z.object({
    name: z.string(),
    type: z.string(),
    labelsOrTypes: z.array(z.string()),
    properties: z.array(z.string()),
  }),
});

export const listIndexes = defineQuery({
  name: 'schema-info/list-indexes',
  mode: 'READ',
  params: none,
  row: z.object({
    name: z.string(),
    type: z.string(),
    state: z.string(),
    labelsOrTypes: z.array(z.string()).nullable(),
    properties: z.array(z.string()).nullable(),
    analyzer: z.string().nullable(),
  }),
});
