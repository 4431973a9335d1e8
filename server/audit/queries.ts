/** Registered statements of the audit chain (cypher/audit). */
import { z } from 'zod';
import { defineQuery } from '../db/registry.ts';

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
  }),
  row: z.object({ appended: z.boolean(), already: z.boolean(), seq: z.number().int(), hash: z.string() }),
});

export const readChain = defineQuery({
  name: 'audit/read-chain',
  mode: 'READ',
  params: z.object({ after: z.number().int(), limit: z.number().int().min(1).max(50_000) }),
  row: StoredEventSchema,
});

export const listEventsQuery = defineQuery({
  name: 'audit/list-events',
  mode: 'READ',
  params: z.object({
    before: z.number().int(),
    limit: z.number().int().min(1).max(500),
    actor: str,
    action: str,
    outcome: str,
    since: str,
    until: str,
  }),
  row: StoredEventSchema.omit({ prevHash: true }),
});
