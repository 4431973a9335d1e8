/** Registered statements of saved investigations (cypher/investigations). */
import { z } from 'zod';
import { defineQuery } from '../db/registry.ts';
import { InvestigationSummarySchema } from './schemas.ts';

const id = z.uuid();
const username = z.string().min(1).max(64);
const scope = z.array(z.string()).max(10_000);
/** The owner's scope as stored with the investigation: never empty, or sharing would cover everyone. */
const regions = scope.min(1);

export const InvestigationRowSchema = z.object({
  id: z.string(),
  owner: z.string(),
  title: z.string(),
  notes: z.string(),
  state: z.string(),
  shared: z.boolean(),
  regions: z.array(z.string()),
  version: z.number().int(),
  nodeCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type InvestigationRow = z.infer<typeof InvestigationRowSchema>;

export const createInvestigationQuery = defineQuery({
  name: 'investigations/create-investigation',
  mode: 'WRITE',
  params: z.object({
    id,
    owner: username,
    title: z.string(),
    notes: z.string(),
    state: z.string(),
    shared: z.boolean(),
    regions,
    nodeCount: z.number().int().min(0),
  }),
  row: InvestigationRowSchema,
});

export const getInvestigationQuery = defineQuery({
  name: 'investigations/get-investigation',
  mode: 'READ',
  params: z.object({ id, username, scope }),
  row: InvestigationRowSchema,
});

export const listInvestigationsQuery = defineQuery({
  name: 'investigations/list-investigations',
  mode: 'READ',
  params: z.object({
    username,
    scope,
    afterUpdatedAt: z.iso.datetime({ offset: true }).nullable(),
    afterId: id.nullable(),
    limit: z.number().int().min(1).max(101),
  }),
  row: InvestigationSummarySchema,
});

export const updateInvestigationQuery = defineQuery({
  name: 'investigations/update-investigation',
  mode: 'WRITE',
  params: z.object({
    id,
    owner: username,
    version: z.number().int().min(1),
    title: z.string().nullable(),
    notes: z.string().nullable(),
    state: z.string().nullable(),
    shared: z.boolean().nullable(),
    nodeCount: z.number().int().min(0).nullable(),
    regions,
  }),
  row: InvestigationRowSchema.extend({ previous: z.number().int() }),
});

export const deleteInvestigationQuery = defineQuery({
  name: 'investigations/delete-investigation',
  mode: 'WRITE',
  params: z.object({ id, owner: username }),
  row: z.object({ deleted: z.number().int() }),
});
