/**
 * The exploration API's contract: options (shaped for HTTP query strings — numbers coerced from
 * text, lists as repeated or comma-separated values, limits refused rather than clamped) and results
 * (strict objects, so a field that is not on the list fails instead of leaking).
 */
import { z } from 'zod';
import { EntityLabelSchema, RelTypeSchema } from '../domain/model.ts';
import { ValidationError } from '../errors.ts';
import { PropValueSchema } from './queries.ts';
import { NODE_FIELD_NAMES, REL_FIELD_NAMES } from './presenter.ts';

/** A list given as an array, or as one comma-separated string (`?labels=Company,Case`). */
export function listOf<T extends string>(item: z.ZodType<T, T>, max: number) {
  const list = z.array(item).min(1).max(max);
  const csv = z
    .string()
    .max(400)
    .transform((s) => s.split(',').map((x) => x.trim()));
  return z.union([list, csv.pipe(list as z.ZodType<T[], string[]>)]);
}

const RegionCodeSchema = z.string().regex(/^\d{6}$/);
export const EntityKeySchema = z.string().min(3).max(300).describe('entity key, e.g. uscc:91360100…');

// ── search ────────────────────────────────────────────────────────────────────────────────────

export const SearchQuerySchema = z.object({
  q: z.string().trim().min(1).max(200).describe('names, addresses, case titles, or an identifier'),
  labels: listOf(EntityLabelSchema, 10).optional().describe('only these labels'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().min(1).max(200).optional().describe('nextCursor of the previous page of the same query'),
});
export type SearchQuery = z.output<typeof SearchQuerySchema>;
export type SearchQueryInput = z.input<typeof SearchQuerySchema>;

export const SearchItemSchema = z.strictObject({
  key: z.string(),
  label: EntityLabelSchema,
  name: z.string(),
  snippet: z.string().optional(),
  regionCodes: z.array(RegionCodeSchema),
  score: z.number(),
  matchedBy: z.enum(['identifier', 'text']),
});
export type SearchItem = z.infer<typeof SearchItemSchema>;

export const SearchResultSchema = z.strictObject({
  items: z.array(SearchItemSchema),
  nextCursor: z.string().nullable(),
  /**
   * The text matches were more than a search reads (its scan): those beyond went unread, so matches
   * in the caller's scope may be missing from the last page. More words narrow the search.
   */
  partial: z.boolean(),
});
export type SearchResult = z.infer<typeof SearchResultSchema>;

// ── detail ────────────────────────────────────────────────────────────────────────────────────

export const EntityParamsSchema = z.object({ key: EntityKeySchema });

const DirectionSchema = z.enum(['in', 'out']);
const nullableString = z.string().nullable();

export const EntityDetailSchema = z.strictObject({
  key: z.string(),
  label: EntityLabelSchema,
  name: z.string(),
  aliases: z.array(z.string()),
  /** Whitelisted properties only (presenter.ts NODE_FIELDS); identifiers in masked form. */
  properties: z.partialRecord(z.enum(NODE_FIELD_NAMES), PropValueSchema),
  regions: z.strictObject({
    /** Where the entity is (IN_REGION), with region names. */
    located: z.array(z.strictObject({ code: RegionCodeSchema, name: nullableString })),
    /** In-scope regions whose exports reported it (`seenIn`). */
    reportedBy: z.array(RegionCodeSchema),
  }),
  provenance: z.strictObject({
    /** Source batches reported by regions in scope, with the line numbers that assert this entity. */
    batches: z.array(
      z.strictObject({
        id: z.string(),
        file: nullableString,
        sourceSystem: nullableString,
        regionCode: nullableString,
        dept: nullableString,
        loadedAt: nullableString,
        lines: z.array(z.number().int()),
      }),
    ),
    /** Batches reported by regions outside the scope: counted, never described. */
    otherSources: z.number().int().min(0),
    /** True when the stored references are capped (the entity was asserted by more rows than listed). */
    truncated: z.boolean(),
  }),
  cases: z.array(
    z.strictObject({
      key: z.string(),
      caseNo: nullableString,
      title: nullableString,
      type: nullableString,
      status: nullableString,
      openedAt: nullableString,
      relation: z.enum(['INVOLVES', 'INFRINGES']),
      role: nullableString,
    }),
  ),
  /** In-scope cases in all (the list is cut at 50, most recent first). */
  caseCount: z.number().int().min(0),
  neighbourCounts: z.array(
    z.strictObject({ type: RelTypeSchema, direction: DirectionSchema, count: z.number().int().min(0) }),
  ),
  /** True when the entity has more relationships than one request visits (counts are then lower bounds). */
  partial: z.boolean(),
});
export type EntityDetail = z.infer<typeof EntityDetailSchema>;

// ── expand ────────────────────────────────────────────────────────────────────────────────────

export const ExpandQuerySchema = z.object({
  types: listOf(RelTypeSchema, 20).optional().describe('relationship types (default: all)'),
  direction: z.enum(['in', 'out', 'both']).default('both'),
  limitPerType: z.coerce.number().int().min(1).max(200).default(25),
});
export type ExpandQuery = z.output<typeof ExpandQuerySchema>;
export type ExpandQueryInput = z.input<typeof ExpandQuerySchema>;

export const NodeRefSchema = z.strictObject({
  key: z.string(),
  label: EntityLabelSchema,
  name: z.string(),
  regionCodes: z.array(RegionCodeSchema),
  /** Shipments, payments and cases: when it happened (for time filters) … */
  at: z.string().optional(),
  /** … and how much moved: pieces of a shipment, yuan of a payment or case. */
  amount: z.number().optional(),
  /** Regions that shared it through a case packet (absent when only local sources assert it). */
  sharedBy: z.array(RegionCodeSchema).optional(),
});
export type NodeRef = z.infer<typeof NodeRefSchema>;

export const ExpandResultSchema = z.strictObject({
  node: NodeRefSchema,
  groups: z.array(
    z.strictObject({
      type: RelTypeSchema,
      direction: DirectionSchema,
      items: z.array(
        z.strictObject({
          ...NodeRefSchema.shape,
          relationship: z.strictObject({
            properties: z.partialRecord(z.enum(REL_FIELD_NAMES), PropValueSchema),
            srcCount: z.number().int().min(0),
          }),
        }),
      ),
      /** In-scope neighbours of this group beyond the cap. */
      more: z.number().int().min(0),
    }),
  ),
  /** True when the entity has more relationships than one request visits (`more` is then a lower bound). */
  partial: z.boolean(),
});
export type ExpandResult = z.infer<typeof ExpandResultSchema>;

// ── validation at the service boundary ────────────────────────────────────────────────────────

/** Validates a caller's options; a bad value is the caller's fault (400). */
export function parseOptions<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
  throw new ValidationError(`quanlian/explore: invalid ${what}: ${issues}`, {
    details: { errors: result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) },
  });
}
