/**
 * Parameters of a detection run (DESIGN.md §6), with their documented defaults. A run stores the
 * parameters it ran with, so re-running it means passing them back; two runs with the same
 * parameters on the same graph (same digest) give the same partition.
 */
import { z } from 'zod';

/** How strongly each kind of evidence ties two parties together in the projected graph. */
export const WeightsSchema = z.object({
  /** Shipments from one party to another (per pair: base × (1 + log2(count))). */
  goods: z.number().min(0).max(100).default(3),
  /** Payments from one party's account to another's (per pair: base × (1 + log2(count))). */
  money: z.number().min(0).max(100).default(2),
  /** Legal representative, shareholder or employee of a firm. */
  officer: z.number().min(0).max(100).default(4),
  /** Operator of a shop. */
  operator: z.number().min(0).max(100).default(4),
  /** The same phone used by several parties (split over the pairs: base / (holders − 1)). */
  sharedPhone: z.number().min(0).max(100).default(3),
  /** The same account held by several parties. */
  sharedAccount: z.number().min(0).max(100).default(3),
  /** The same address (after normalisation) for several parties. */
  sharedAddress: z.number().min(0).max(100).default(1),
  /** Involved in the same case. */
  case: z.number().min(0).max(100).default(2),
  /**
   * Multiplier on every tie of an end buyer (a person who only receives parcels and pays: no parcel
   * sent, no office, no case, no money received). Buyers stay attached to the shops they buy from
   * but do not pull the shops away from their suppliers.
   */
  buyer: z.number().min(0).max(1).default(0.2),
});
export type Weights = z.infer<typeof WeightsSchema>;

export const HubsSchema = z.object({
  /** An address, phone or account with more holders than this is a hub (market, agent, platform) and left out. */
  maxHolders: z.number().int().min(2).max(1000).default(8),
  /** A party with more distinct neighbours than this has its edges damped by dampDegree / degree. */
  dampDegree: z.number().int().min(2).max(100_000).default(40),
  /** A party with more distinct neighbours than this is left out (a courier, a platform, a pickup station). */
  excludeDegree: z.number().int().min(2).max(1_000_000).default(2_000),
});
export type Hubs = z.infer<typeof HubsSchema>;

export const DetectParamsSchema = z.object({
  /** Louvain resolution: above 1 gives more, smaller communities; below 1 fewer, larger ones. */
  resolution: z.number().positive().max(20).default(1),
  /** Seed of Louvain's random order; the same seed on the same graph gives the same partition. */
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .default(42),
  /** Communities with fewer members than this (consumers not counted) are not kept. */
  minSize: z.number().int().min(2).max(10_000).default(4),
  /** Score (0–1) at or above which a chain is flagged as suspect. */
  threshold: z.number().min(0).max(1).default(0.75),
  weights: WeightsSchema.default(WeightsSchema.parse({})),
  hubs: HubsSchema.default(HubsSchema.parse({})),
});
export type DetectParams = z.infer<typeof DetectParamsSchema>;
export type DetectParamsInput = z.input<typeof DetectParamsSchema>;

export function detectParams(input: DetectParamsInput = {}): DetectParams {
  return DetectParamsSchema.parse(input);
}
