/** Registered statements of the upstream trace (cypher/trace). */
import { z } from 'zod';
import { defineQuery } from '../db/registry.ts';

const str = z.string().nullable();
const frontier = z.object({
  /** In one map: the plan cache keys list parameters on their size, not a map's entries (see the statement). */
  lists: z.object({
    frontier: z.array(z.object({ key: z.string(), before: z.string() })).max(5_000),
    scope: z.array(z.string()),
    /** Parties the trace has reached: not read ahead. */
    known: z.array(z.string()).max(10_000),
  }),
  perNode: z.number().int().min(1).max(200),
  scan: z.number().int().min(1).max(100_000),
  infrastructure: z.string(),
  toleranceDays: z.number().int().min(0).max(365),
  /** Most entries a level read ahead may have (else it and the levels past it are not read ahead). */
  ahead: z.number().int().min(0).max(200),
  /** How many levels past this one may be read ahead: 0 on the last level, at most 3. */
  levels: z.number().int().min(0).max(3),
});
const src = z.array(z.string());

export const startPoint = defineQuery({
  name: 'trace/start-point',
  mode: 'READ',
  params: z.object({ key: z.string(), scope: z.array(z.string()) }),
  row: z.object({
    kind: z.enum(['party', 'shipment']),
    key: z.string(),
    label: z.string(),
    name: str,
    at: str,
    party: str,
    partyLabel: str,
    partyName: str,
  }),
});

const Goods = z.object({
  from: z.string(),
  label: z.string(),
  name: str,
  count: z.number().int(),
  pieces: z.number(),
  first: str,
  last: str,
  items: z.array(z.string()),
  samples: z.array(z.object({ key: z.string(), at: str, item: str, pieces: z.number().nullable(), waybill: str, src })),
});
const Money = z.object({
  payee: z.string(),
  label: z.string(),
  name: str,
  count: z.number().int(),
  amount: z.number(),
  first: str,
  last: str,
  samples: z.array(z.object({ key: z.string(), at: str, amount: z.number().nullable(), memo: str, src })),
});

/**
 * One level: per frontier party, the senders of its inbound parcels and the payees of its payments;
 * then, when they are few, the next level of the parties it reaches (each row names its bound).
 */
/**
 * Where the trail leaves what the caller may follow at a party: its in-scope parcels whose senders,
 * and payments whose payees, lie outside the scope (so they are not followed), and how many such
 * parties; and its in-scope parcels that name no sender, and payments to accounts that no party
 * holds (the courier or the bank knows who), with how many such accounts.
 */
export const BeyondSchema = z.object({
  parcels: z.number().int(),
  senders: z.number().int(),
  payments: z.number().int(),
  amount: z.number(),
  payees: z.number().int(),
  unnamedParcels: z.number().int(),
  unheldPayments: z.number().int(),
  unheldAmount: z.number(),
  unheldAccounts: z.number().int(),
});

export const upstreamLevel = defineQuery({
  name: 'trace/upstream-level',
  mode: 'READ',
  params: frontier,
  row: z.object({
    key: z.string(),
    before: z.string(),
    label: z.string(),
    name: str,
    goods: z.array(Goods),
    money: z.array(Money),
    /** In-scope records whose sender or payee lies outside the scope, or is not named: counted, not followed. */
    beyond: BeyondSchema,
  }),
});

export const shopOperators = defineQuery({
  name: 'trace/shop-operators',
  mode: 'READ',
  params: z.object({ key: z.string(), scope: z.array(z.string()) }),
  row: z.object({ key: z.string(), label: z.string(), name: str }),
});
