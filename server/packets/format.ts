/**
 * A case packet (issue 8): what one region's team hands another at a joint meeting — a subgraph
 * (entities, relationships), the detected chain with its evidence, a provenance summary, who issued
 * it, for whom and why — signed with the issuing instance's Ed25519 key. Version 1 of the format.
 */
import { z } from 'zod';
import { EntityLabelSchema, KEY_PREFIXES, RelTypeSchema } from '../domain/model.ts';

export const PACKET_FORMAT = 'quanlian.packet';
export const PACKET_VERSION = 1;
export const PACKET_MAX_BYTES = 16 * 1024 * 1024;

const Region = z.string().regex(/^\d{6}$/);
const Key = z.string().min(3).max(300);
const Scalar = z.union([z.string().max(2_000), z.number(), z.boolean()]);

export const RedactionSchema = z.enum(['strict', 'standard']);
export type Redaction = z.infer<typeof RedactionSchema>;

export const PacketEntitySchema = z
  .strictObject({
    key: Key,
    label: EntityLabelSchema,
    name: z.string().max(300),
    regionCodes: z.array(Region).max(50),
    properties: z.record(z.string().max(64), z.union([Scalar, z.array(Scalar).max(50)])),
  })
  // A key names its label (uscc:/name: a company, shop: a shop …): an entity whose label says
  // otherwise would become a second node under another label beside the record the key names.
  .refine((e) => KEY_PREFIXES[e.label].some((prefix) => e.key.startsWith(prefix)), {
    message: 'the key does not name an entity of this label',
    path: ['key'],
  });
export type PacketEntity = z.infer<typeof PacketEntitySchema>;

export const PacketRelationshipSchema = z.strictObject({ type: RelTypeSchema, from: Key, to: Key });

export const PacketBodySchema = z.strictObject({
  format: z.literal(PACKET_FORMAT),
  version: z.literal(PACKET_VERSION),
  id: z.uuid(),
  issuedAt: z.iso.datetime({ offset: true }),
  issuer: z.strictObject({ region: Region, name: z.string().max(100), keyId: z.string().regex(/^[0-9a-f]{16}$/) }),
  to: z.strictObject({ region: Region, name: z.string().max(100) }),
  purpose: z.string().min(4).max(500),
  redaction: RedactionSchema,
  subject: z.strictObject({
    kind: z.enum(['community', 'investigation']),
    id: z.string().max(100),
    title: z.string().max(200),
  }),
  entities: z.array(PacketEntitySchema).max(50_000),
  relationships: z.array(PacketRelationshipSchema).max(200_000),
  chain: z
    .strictObject({
      score: z.number(),
      flagged: z.boolean(),
      regions: z.array(Region),
      stages: z.array(z.strictObject({ stage: z.string().max(40), members: z.array(Key) })),
      manufacturers: z.array(z.strictObject({ key: Key, score: z.number(), reasons: z.array(z.string().max(500)) })),
      breakdown: z.array(
        z.strictObject({
          factor: z.string().max(40),
          weight: z.number(),
          value: z.number(),
          detail: z.string().max(1_000),
        }),
      ),
    })
    .nullable(),
  evidence: z
    .array(
      z.strictObject({
        kind: z.string().max(40),
        from: Key.nullable(),
        to: Key.nullable(),
        count: z.number(),
        volume: z.number().nullable(),
        first: z.string().max(40).nullable(),
        last: z.string().max(40).nullable(),
        note: z.string().max(1_000),
        records: z.array(Key).max(1_000),
      }),
    )
    .max(10_000),
  provenance: z.strictObject({
    /** The issuer's source batches behind the records, with how many rows of each this packet rests on. */
    batches: z
      .array(
        z.strictObject({
          id: z.string().max(200),
          file: z.string().max(300).nullable(),
          sourceSystem: z.string().max(100).nullable(),
          dept: z.string().max(100).nullable(),
          regionCode: z.string().max(6).nullable(),
          rows: z.number().int().min(0),
        }),
      )
      .max(10_000),
  }),
});
export type PacketBody = z.infer<typeof PacketBodySchema>;

export const SignatureSchema = z.strictObject({
  alg: z.literal('Ed25519'),
  keyId: z.string().regex(/^[0-9a-f]{16}$/),
  value: z.base64(),
});

export const PacketSchema = PacketBodySchema.extend({ signature: SignatureSchema });
export type Packet = z.infer<typeof PacketSchema>;

/** JSON with object keys sorted at every level: the bytes that are signed and verified. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) out[key] = sortKeys((value as Record<string, unknown>)[key]);
    return out;
  }
  return value;
}
