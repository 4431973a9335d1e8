/** The hotspot statements (cypher/hotspots/*.cypher): cases, parcel flows and payment flows in a window and scope. */
import { z } from 'zod';
import { defineQuery } from '../db/registry.ts';

const scope = z.array(z.string());
const window = { from: z.string(), to: z.string(), scope };

export const readCases = defineQuery({
  name: 'hotspots/read-cases',
  mode: 'READ',
  params: z.object({ ...window, limit: z.number().int().min(1).max(1_000_000) }),
  row: z.object({
    region: z.string().nullable(),
    month: z.string().nullable(),
    type: z.string().nullable(),
    goods: z.string().nullable(),
    brand: z.string().nullable(),
    brands: z.array(z.string()),
    title: z.string().nullable(),
    amount: z.number(),
  }),
});
export type CaseRow = z.infer<(typeof readCases)['row']>;

export const readFlows = defineQuery({
  name: 'hotspots/read-flows',
  mode: 'READ',
  params: z.object(window),
  row: z.object({ from: z.string(), to: z.string(), shipments: z.number().int(), pieces: z.number() }),
});

export const readPaymentFlows = defineQuery({
  name: 'hotspots/read-payment-flows',
  mode: 'READ',
  params: z.object(window),
  row: z.object({ from: z.string(), to: z.string(), payments: z.number().int(), amount: z.number() }),
});
