/** Registered statements of case packets (cypher/packets): reading a subgraph to export, merging one in. */
import { z } from 'zod';
import { defineQuery, definePerLabel, type Query } from '../db/registry.ts';
import { ENTITY_LABELS, REL_TYPES, type EntityLabel, type RelType } from '../domain/model.ts';
import { NodeSummaryRowSchema, PropValueSchema } from '../explore/queries.ts';

const keys = z.array(z.string()).max(100_000);
const scope = z.array(z.string().regex(/^\d{6}$/)).max(1_000);
const str = z.string().nullable();

export const readEntities = definePerLabel(ENTITY_LABELS, {
  name: 'packets/read-entities',
  mode: 'READ',
  params: z.object({ keys, scope, fields: z.array(z.string()) }),
  row: z.object({
    node: NodeSummaryRowSchema,
    properties: z.array(z.object({ name: z.string(), value: PropValueSchema })),
    located: z.array(z.string()),
    seenIn: z.array(z.string()),
    src: z.array(z.string()),
  }),
});

export const readRelationships = definePerLabel(ENTITY_LABELS, {
  name: 'packets/read-relationships',
  mode: 'READ',
  params: z.object({ from: keys, keys, types: z.array(z.string()) }),
  row: z.object({ from: z.string(), type: z.string(), to: z.string() }),
});

export const readPaymentAccounts = defineQuery({
  name: 'packets/read-payment-accounts',
  mode: 'READ',
  params: z.object({ keys }),
  row: z.object({ key: z.string() }),
});

export const readBatches = defineQuery({
  name: 'packets/read-batches',
  mode: 'READ',
  params: z.object({ ids: z.array(z.string()).max(10_000), scope: z.array(z.string()) }),
  row: z.object({
    batch: z.object({ id: z.string(), file: str, sourceSystem: str, dept: str, regionCode: str }),
  }),
});

export const findBatch = defineQuery({
  name: 'packets/find-batch',
  mode: 'READ',
  params: z.object({ id: z.string() }),
  row: z.object({ id: z.string(), loadedAt: str }),
});

export const createBatch = defineQuery({
  name: 'packets/create-batch',
  mode: 'WRITE',
  params: z.object({ id: z.string(), props: z.record(z.string(), z.string()), region: z.string() }),
  row: z.object({ id: z.string() }),
});

export const mergeEntities = definePerLabel(ENTITY_LABELS, {
  name: 'packets/merge-entities',
  mode: 'WRITE',
  params: z.object({
    rows: z.array(
      z.object({ key: z.string(), name: z.string(), props: z.record(z.string(), PropValueSchema), src: z.string() }),
    ),
    issuer: z.string(),
    region: z.string(),
    scope: z.array(z.string()),
  }),
  row: z.object({ merged: z.number().int(), held: z.number().int(), withheld: z.number().int() }),
});

const MergeRelRow = z.object({ merged: z.number().int() });
const MergeRelParams = z.object({
  rows: z.array(z.object({ from: z.string(), to: z.string() })),
  src: z.string(),
});
type MergeRel = Query<typeof MergeRelParams, typeof MergeRelRow>;

/** One statement per relationship type and end labels the model allows (labels cannot be parameters). */
export const mergeRelationships: ReadonlyMap<string, MergeRel> = (() => {
  const out = new Map<string, MergeRel>();
  for (const [type, def] of Object.entries(REL_TYPES) as [
    RelType,
    { from: readonly EntityLabel[]; to: readonly EntityLabel[] },
  ][])
    for (const from of def.from)
      for (const to of def.to)
        out.set(
          `${type}|${from}|${to}`,
          defineQuery({
            name: 'packets/merge-relationships',
            mode: 'WRITE',
            params: MergeRelParams,
            row: MergeRelRow,
            fill: { TYPE: type, FROM: from, TO: to },
          }),
        );
  return out;
})();

export const storePacket = defineQuery({
  name: 'packets/store-packet',
  mode: 'WRITE',
  params: z.object({
    id: z.string(),
    toRegion: z.string(),
    props: z.record(z.string(), z.union([z.string(), z.number()])),
    json: z.string(),
  }),
  row: z.object({ id: z.string() }),
});

export const PacketListItemSchema = z.object({
  id: z.string(),
  toRegion: z.string(),
  toName: str,
  issuerRegion: str,
  issuerName: str,
  purpose: str,
  redaction: str,
  subjectTitle: str,
  entities: z.number().int().nullable(),
  exportedBy: str,
  issuedAt: str,
  storedAt: str,
});
export type PacketListItem = z.infer<typeof PacketListItemSchema>;

export const listPackets = defineQuery({
  name: 'packets/list-packets',
  mode: 'READ',
  params: z.object({ scope, limit: z.number().int().min(1).max(200) }),
  row: z.object({ packet: PacketListItemSchema }),
});

export const getPacket = defineQuery({
  name: 'packets/get-packet',
  mode: 'READ',
  params: z.object({ id: z.string(), scope }),
  row: z.object({ json: z.string() }),
});
