/** Registered statements of detection: the streamed projection reads and the run's persistence. */
import { z } from 'zod';
import { defineQuery, definePerLabel } from '../db/registry.ts';

const none = z.object({});
/** The paged reads return one row per page, one list (a tuple) per record. */
const paged = z.object({ page: z.number().int().min(1).max(50_000) });
const pageOf = <T extends z.ZodTuple>(record: T) => z.object({ rows: z.array(record) });
const str = z.string().nullable();
const num = z.number().nullable();

export const PROJECTED_PARTY_LABELS = ['Company', 'Person', 'Shop'] as const;
export type PartyLabel = (typeof PROJECTED_PARTY_LABELS)[number];

const partyRow = pageOf(
  z.tuple([z.string(), str, str, z.array(z.string()), z.array(z.string())]), // key, name, scope, regions, merged
);
export const readParties = definePerLabel(PROJECTED_PARTY_LABELS, {
  name: 'detect/read-parties',
  mode: 'READ',
  params: paged,
  row: partyRow,
});

export const readShipments = defineQuery({
  name: 'detect/read-shipments',
  mode: 'READ',
  params: paged,
  // key, senders, recipients, at, pieces, item
  row: pageOf(z.tuple([z.string(), z.array(z.string()), z.array(z.string()), str, num, str])),
});

export const readPayments = defineQuery({
  name: 'detect/read-payments',
  mode: 'READ',
  params: paged,
  // key, paying accounts, receiving accounts, at, amount
  row: pageOf(z.tuple([z.string(), z.array(z.string()), z.array(z.string()), str, num])),
});

export const OFFICER_TARGET_LABELS = ['Company', 'Shop'] as const;
const officerRow = z.object({
  key: z.string(),
  links: z.array(z.object({ from: z.string(), type: z.string() })),
});
export const readOfficers = definePerLabel(OFFICER_TARGET_LABELS, {
  name: 'detect/read-officers',
  mode: 'READ',
  params: none,
  row: officerRow,
});

export const SHARED_LABELS = ['Address', 'Phone', 'Account'] as const;
export type SharedLabel = (typeof SHARED_LABELS)[number];
/** Addresses and phones are read by read-shared; accounts by read-account-holders. */
export const SHARED_LOCATION_LABELS = ['Address', 'Phone'] as const;
export const readShared = definePerLabel(SHARED_LOCATION_LABELS, {
  name: 'detect/read-shared',
  mode: 'READ',
  params: z.object({ cap: z.number().int().min(1).max(100_000) }),
  row: z.object({ key: z.string(), count: z.number().int(), holders: z.array(z.string()), label: str }),
});

export const readAccountHolders = defineQuery({
  name: 'detect/read-account-holders',
  mode: 'READ',
  params: paged,
  row: pageOf(z.tuple([z.string(), z.array(z.string()), str])), // key, holders, label
});

export const readCases = defineQuery({
  name: 'detect/read-cases',
  mode: 'READ',
  params: none,
  row: z.object({
    key: z.string(),
    caseNo: str,
    title: str,
    type: str,
    openedAt: str,
    regions: z.array(z.string()),
    amount: num,
    goodsValue: num,
    brands: z.array(z.string()),
    parties: z.array(z.string()),
  }),
});

// ---- Runs: persistence and reads ----------------------------------------------------------------

const json = z.string();
export const openRun = defineQuery({
  name: 'detect/open-run',
  mode: 'WRITE',
  params: z.object({ id: z.string(), params: json, startedAt: z.string() }),
  row: z.object({ id: z.string() }),
});

const written = z.object({ written: z.number().int() });
const communityRow = z.object({
  id: z.string(),
  number: z.number().int(),
  props: z.record(z.string(), z.unknown()),
});
export const writeCommunities = defineQuery({
  name: 'detect/write-communities',
  mode: 'WRITE',
  params: z.object({ runId: z.string(), rows: z.array(communityRow).max(5_000) }),
  row: written,
});

const memberRow = z.object({ key: z.string(), community: z.string(), stage: z.string(), role: z.string() });
const memberParams = z.object({ rows: z.array(memberRow).max(20_000) });
export const writeMembers = definePerLabel(PROJECTED_PARTY_LABELS, {
  name: 'detect/write-members',
  mode: 'WRITE',
  params: memberParams,
  row: written,
});

export const completeRun = defineQuery({
  name: 'detect/complete-run',
  mode: 'WRITE',
  params: z.object({ id: z.string(), props: z.record(z.string(), z.union([z.string(), z.number(), z.null()])) }),
  row: z.object({ id: z.string(), previous: str }),
});

export const failRun = defineQuery({
  name: 'detect/fail-run',
  mode: 'WRITE',
  params: z.object({ id: z.string(), status: z.enum(['failed', 'cancelled']), error: z.string().nullable() }),
  row: z.object({ id: z.string() }),
});

export const deleteRunCommunities = defineQuery({
  name: 'detect/delete-run-communities',
  mode: 'WRITE',
  params: z.object({ id: z.string(), limit: z.number().int().min(1).max(10_000) }),
  row: z.object({ deleted: z.number().int() }),
});

export const listStaleRuns = defineQuery({
  name: 'detect/list-stale-runs',
  mode: 'READ',
  params: z.object({ staleSeconds: z.number().int().min(0) }),
  row: z.object({ id: z.string(), status: z.string() }),
});

export const touchRun = defineQuery({
  name: 'detect/touch-run',
  mode: 'WRITE',
  params: z.object({ id: z.string() }),
  row: z.object({ alive: z.number().int() }),
});

export const RunRowSchema = z.object({
  id: z.string(),
  status: z.enum(['running', 'complete', 'failed', 'cancelled']),
  current: z.boolean(),
  params: json,
  startedAt: z.string(),
  finishedAt: str,
  graphDigest: str,
  counts: str,
  timings: str,
  modularity: num,
  hubs: str,
  error: str,
});
export const listRuns = defineQuery({
  name: 'detect/list-runs',
  mode: 'READ',
  params: z.object({ id: z.string().nullable(), limit: z.number().int().min(1).max(1_000) }),
  row: RunRowSchema,
});

export const CommunitySummarySchema = z.object({
  runId: z.string(),
  id: z.string(),
  number: z.number().int(),
  score: z.number(),
  flagged: z.boolean(),
  size: z.number().int(),
  consumers: z.number().int(),
  stages: z.array(z.string()),
  regions: z.array(z.string()),
  brands: z.array(z.string()),
  caseCount: z.number().int(),
  manufacturer: str,
  manufacturerName: str,
  firstSeen: str,
  lastSeen: str,
});
export const listCommunities = defineQuery({
  name: 'detect/list-communities',
  mode: 'READ',
  params: z.object({
    runId: z.string().nullable(),
    flaggedOnly: z.boolean(),
    skip: z.number().int().min(0).max(1_000_000),
    limit: z.number().int().min(1).max(1_000),
  }),
  row: CommunitySummarySchema,
});

export const listCommunitiesInScope = defineQuery({
  name: 'detect/list-communities-in-scope',
  mode: 'READ',
  params: z.object({
    runId: z.string().nullable(),
    flaggedOnly: z.boolean(),
    skip: z.number().int().min(0).max(1_000_000),
    limit: z.number().int().min(1).max(1_000),
    scope: z.array(z.string()),
  }),
  row: CommunitySummarySchema.extend({ visibleMembers: z.number().int() }),
});

export const getCommunity = defineQuery({
  name: 'detect/get-community',
  mode: 'READ',
  params: z.object({ id: z.string() }),
  row: z.object({
    community: z.record(z.string(), z.unknown()),
    run: z.object({
      id: z.string(),
      status: z.string(),
      current: z.boolean().nullable(),
      params: z.string(),
      graphDigest: str,
      startedAt: z.string(),
    }),
    members: z.array(
      z.object({
        key: z.string(),
        label: z.string(),
        name: str,
        stage: z.string(),
        role: z.string(),
        regions: z.array(z.string()),
      }),
    ),
    records: z.array(z.object({ key: z.string(), src: z.array(z.string()), srcCount: z.number().int() })),
  }),
});

export const listRunMembers = defineQuery({
  name: 'detect/list-run-members',
  mode: 'READ',
  params: z.object({ runId: z.string(), limit: z.number().int().min(1).max(10_000_000) }),
  row: z.object({ key: z.string(), community: z.string() }),
});
