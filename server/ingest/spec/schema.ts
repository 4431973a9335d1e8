/**
 * The import spec format: a declarative mapping (JSON or YAML) from one export format's columns to
 * the graph model, in the spirit of i2 import specifications and FollowTheMoney mappings. The zod
 * schema below is the format's definition; the README documents it with an example.
 *
 *   columns        field name → the headers it may appear under (Chinese or English, aliases) and
 *                  its field type (how the cell is validated and normalised);
 *   entities       name → an entity kind (company, person, party, shop, address, phone, account,
 *                  shipment, payment, case, brand) and which fields feed its identity and properties;
 *   relationships  typed links between those entities, optionally only when a field has a value.
 */
import { z } from 'zod';
import { REL_TYPES, RelTypeSchema, type EntityLabel } from '../../domain/model.ts';
import { FieldTypeSchema } from '../fields.ts';

const FieldName = z.string().regex(/^[a-z][A-Za-z0-9]*$/, 'camelCase field name');

export const ColumnSpecSchema = z.object({
  headers: z.array(z.string().min(1)).min(1),
  type: FieldTypeSchema.default('text'),
  /** A row without this value is rejected. */
  required: z.boolean().default(false),
  /** What an invalid value does: reject the row (default for identifiers) or drop the value. */
  onInvalid: z.enum(['reject', 'drop']).optional(),
  maxLength: z.number().int().min(1).max(100_000).default(2000),
});
export type ColumnSpec = z.infer<typeof ColumnSpecSchema>;

export const ENTITY_KINDS = [
  'company',
  'person',
  'party',
  'shop',
  'address',
  'phone',
  'account',
  'shipment',
  'payment',
  'case',
  'brand',
] as const;
export const EntityKindSchema = z.enum(ENTITY_KINDS);
export type EntityKind = z.infer<typeof EntityKindSchema>;

/** A field reference, or a constant written `{ const: "..." }`. */
export const ValueRefSchema = z.union([FieldName, z.object({ const: z.string() })]);
export type ValueRef = z.infer<typeof ValueRefSchema>;

/** The labels an entity kind can produce (a party is a firm or a person, decided per row). */
export const KIND_LABELS: Readonly<Record<EntityKind, readonly EntityLabel[]>> = {
  company: ['Company'],
  person: ['Person'],
  party: ['Company', 'Person'],
  shop: ['Shop'],
  address: ['Address'],
  phone: ['Phone'],
  account: ['Account'],
  shipment: ['Shipment'],
  payment: ['Payment'],
  case: ['Case'],
  brand: ['Brand'],
};

export const EntitySpecSchema = z.object({
  kind: EntityKindSchema,
  /** Builder inputs (see entities.ts for what each kind reads). */
  from: z.record(z.string(), ValueRefSchema),
  /** Extra descriptive properties: property name → field. */
  props: z.record(z.string().regex(/^[a-z][A-Za-z0-9]*$/), ValueRefSchema).default({}),
  /** A row whose required entity cannot be identified is rejected. */
  required: z.boolean().default(false),
  /** Link this entity to its region (from its address, else the reporting region). */
  inRegion: z.boolean().default(false),
});
export type EntitySpec = z.infer<typeof EntitySpecSchema>;

export const RelSpecSchema = z.object({
  type: RelTypeSchema,
  from: z.string(),
  to: z.string(),
  props: z.record(z.string().regex(/^[a-z][A-Za-z0-9]*$/), ValueRefSchema).default({}),
  /** Only when this field equals one of the values (e.g. direction = out). */
  when: z.object({ field: FieldName, in: z.array(z.string()).min(1) }).optional(),
});
export type RelSpec = z.infer<typeof RelSpecSchema>;

export const SpecSchema = z
  .object({
    name: z.string().regex(/^[a-z0-9-]+$/, 'kebab-case name'),
    version: z.literal(1),
    title: z.object({ zh: z.string(), en: z.string() }),
    /** Source system recorded on the Batch (and in case keys). */
    sourceSystem: z.string().regex(/^[a-z0-9-]+$/),
    /** The spec applies to a header row that contains all of these headers. */
    detect: z.object({ headers: z.array(z.string()).min(1) }),
    columns: z.record(FieldName, ColumnSpecSchema),
    entities: z.record(z.string().regex(/^[a-z][A-Za-z0-9]*$/), EntitySpecSchema),
    relationships: z.array(RelSpecSchema).default([]),
  })
  .superRefine((spec, ctx) => {
    const fields = new Set(Object.keys(spec.columns));
    const refs = (where: string, map: Record<string, ValueRef>) => {
      for (const [k, v] of Object.entries(map)) {
        if (typeof v === 'string' && !fields.has(v))
          ctx.addIssue({ code: 'custom', message: `${where}.${k}: unknown field "${v}"` });
      }
    };
    for (const [name, entity] of Object.entries(spec.entities)) {
      refs(`entities.${name}.from`, entity.from);
      refs(`entities.${name}.props`, entity.props);
    }
    spec.relationships.forEach((rel, i) => {
      for (const end of [rel.from, rel.to]) {
        if (!(end in spec.entities))
          ctx.addIssue({ code: 'custom', message: `relationships[${i}]: unknown entity "${end}"` });
      }
      const from = spec.entities[rel.from];
      const to = spec.entities[rel.to];
      const allowed = REL_TYPES[rel.type];
      if (
        from &&
        to &&
        !(
          KIND_LABELS[from.kind].some((l) => (allowed.from as readonly string[]).includes(l)) &&
          KIND_LABELS[to.kind].some((l) => (allowed.to as readonly string[]).includes(l))
        )
      ) {
        ctx.addIssue({
          code: 'custom',
          message: `relationships[${i}]: ${rel.type} cannot link ${from.kind} to ${to.kind} (model: ${allowed.from.join('|')} → ${allowed.to.join('|')})`,
        });
      }
      refs(`relationships[${i}].props`, rel.props);
      if (rel.when && !fields.has(rel.when.field)) {
        ctx.addIssue({ code: 'custom', message: `relationships[${i}].when: unknown field "${rel.when.field}"` });
      }
    });
    const allHeaders = new Set(Object.values(spec.columns).flatMap((c) => c.headers));
    for (const h of spec.detect.headers) {
      if (!allHeaders.has(h))
        ctx.addIssue({ code: 'custom', message: `detect.headers: "${h}" is not a header of any column` });
    }
  });
export type Spec = z.infer<typeof SpecSchema>;
export type SpecInput = z.input<typeof SpecSchema>;
