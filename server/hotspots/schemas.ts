/** What `GET /api/hotspots` takes and answers: the zod schemas are the types (web/ imports them type-only). */
import { z } from 'zod';
import { regionByCode } from '../domain/regions.ts';
import { CATEGORY_IDS } from './category.ts';

const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month is YYYY-MM');
const RegionCode = z
  .string()
  .regex(/^\d{6}$/, 'a region code is 6 digits (GB/T 2260)')
  .refine((code) => regionByCode(code) !== undefined, 'unknown region code');

export const HotspotQuerySchema = z
  .strictObject({
    from: Month.optional().describe('first month (default: 11 months before `to`)'),
    to: Month.optional().describe('last month, inclusive (default: the latest month with a case in scope)'),
    category: z.enum(CATEGORY_IDS).optional(),
    region: RegionCode.optional().describe(
      'focus on one region and the regions under it: its cases, flows from or to it, chains spanning it',
    ),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    message: 'the first month (`from`) comes after the last (`to`)',
    path: ['from'],
  });
export type HotspotQuery = z.infer<typeof HotspotQuerySchema>;

const Named = { name: z.string() };
const Flow = { from: z.string(), fromName: z.string(), to: z.string(), toName: z.string() };
const Category = z.enum(CATEGORY_IDS);

export const HotspotsSchema = z.object({
  /** When these figures were computed (they are reused for up to a minute). */
  computedAt: z.string(),
  window: z.object({ from: z.string(), to: z.string(), months: z.array(z.string()) }),
  /** The filters the figures were computed with, as given. */
  filter: z.object({ category: Category.nullable(), region: z.string().nullable() }),
  totals: z.object({ cases: z.number().int(), amount: z.number(), regions: z.number().int() }),
  cells: z.array(
    z.object({
      region: z.string(),
      month: z.string(),
      category: Category,
      cases: z.number().int(),
      amount: z.number(),
    }),
  ),
  byRegion: z.array(z.object({ region: z.string(), ...Named, cases: z.number().int(), amount: z.number() })),
  byCategory: z.array(
    z.object({ category: Category, zh: z.string(), en: z.string(), cases: z.number().int(), amount: z.number() }),
  ),
  /** Brands the window's cases infringe (INFRINGES, else the case's brand field), most cases first. */
  byBrand: z.array(z.object({ brand: z.string(), cases: z.number().int(), amount: z.number() })),
  /** Cross-region parcels: sending address region → receiving address region. */
  flows: z.array(z.object({ ...Flow, shipments: z.number().int(), pieces: z.number() })),
  /** Cross-region payments: payer's region → payee's region (account holders). */
  paymentFlows: z.array(z.object({ ...Flow, payments: z.number().int(), amount: z.number() })),
  /** Everything that crossed region lines in the window (all pairs, not only the listed ones). */
  flowTotals: z.object({
    shipments: z.number().int(),
    pieces: z.number(),
    payments: z.number().int(),
    amount: z.number(),
  }),
  topChains: z.array(
    z.object({
      id: z.string(),
      number: z.number().int(),
      score: z.number(),
      size: z.number().int(),
      stages: z.array(z.string()),
      regions: z.array(z.string()),
      brands: z.array(z.string()),
      caseCount: z.number().int(),
    }),
  ),
  /** A region and category whose cases in a month reach twice the monthly mean of the three months before. */
  spikes: z.array(
    z.object({
      region: z.string(),
      ...Named,
      category: Category,
      month: z.string(),
      cases: z.number().int(),
      /** Mean cases per month over the three months before. */
      previous: z.number(),
      ratio: z.number(),
    }),
  ),
});
export type Hotspots = z.infer<typeof HotspotsSchema>;
