/** Registered statements of the audit chain (cypher/audit). */
import { z } from 'zod';
import { definePerLabel, defineQuery } from '../db/registry.ts';

const str = z.string().nullable();

export const getHead = defineQuery({
  name: 'audit/get-head',
  mode: 'READ',
  params: z.object({}),
  row: z.object({ seq: z.number().int(), hash: z.string() }),
});

export const StoredEventSchema = z.object({
  id: z.string(),
  seq: z.number().int(),
  at: z.string(),
  actor: z.string(),
  role: z.string(),
  action: z.string(),
  outcome: z.string(),
  target: str,
  reason: str,
  detail: z.string(),
  ip: str,
  requestId: str,
  prevHash: z.string(),
  hash: z.string(),
});
export type StoredEvent = z.infer<typeof StoredEventSchema>;

/**
 * The one-statement append (its own transaction): under the head's lock, appends if the head is the
 * expected one, and reports a group whose first event is already stored.
 */
export const appendAtHead = defineQuery({
  name: 'audit/append-at-head',
  mode: 'WRITE',
  params: z.object({
    genesis: z.string(),
    expectSeq: z.number().int(),
    expectHash: z.string(),
    events: z.array(StoredEventSchema).min(1).max(10_000),
    seq: z.number().int(),
    hash: z.string(),
    at: z.string(),
  }),
  row: z.object({
    appended: z.boolean(),
    already: z.boolean(),
    seq: z.number().int(),
    hash: z.string(),
    at: z.string().nullable(),
  }),
});

export const readChain = defineQuery({
  name: 'audit/read-chain',
  mode: 'READ',
  params: z.object({ after: z.number().int(), limit: z.number().int().min(1).max(50_000) }),
  row: StoredEventSchema,
});

const ListedEventSchema = z.object({ event: StoredEventSchema.omit({ prevHash: true }) });
const bounds = { before: z.number().int(), from: z.number().int().min(0), limit: z.number().int().min(1).max(500) };
const time = { since: str, until: str };

/** The audit list read backwards along seq, within a sequence range (no other filter drives it). */
export const listEventsQuery = defineQuery({
  name: 'audit/list-events',
  mode: 'READ',
  params: z.object({ ...bounds, ...time }),
  row: ListedEventSchema,
});

/** The properties that can drive the audit list through their (property, seq) index. */
export const AUDIT_DRIVERS = ['target', 'actor', 'outcome', 'action'] as const;
export type AuditDriver = (typeof AUDIT_DRIVERS)[number];

/** The audit list driven by one filter's index, for each of `values`; every filter checked. */
export const listEventsBy = definePerLabel(AUDIT_DRIVERS, {
  name: 'audit/list-events-by',
  mode: 'READ',
  placeholder: 'KEY',
  params: z.object({
    values: z.array(z.string()).min(1).max(100),
    ...bounds,
    target: str,
    actor: str,
    action: str,
    outcome: str,
    ...time,
  }),
  row: ListedEventSchema,
});

/** The sequence range of a time window: one row per bound (lo for since, hi for until). */
export const seqBounds = defineQuery({
  name: 'audit/seq-bounds',
  mode: 'READ',
  params: z.object(time),
  row: z.object({ bound: z.enum(['lo', 'hi']), seq: z.number().int().nullable() }),
});

/** The first distinct action in [low, upper): the action filter's prefix, one action at a time. */
export const nextAction = defineQuery({
  name: 'audit/next-action',
  mode: 'READ',
  params: z.object({ low: z.string(), upper: z.string() }),
  row: z.object({ action: z.string() }),
});
