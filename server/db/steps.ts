/**
 * Migrations in TypeScript: data changes Cypher cannot make alone, because they need the instance's
 * keys (an HMAC cannot be computed in Cypher). Each is numbered in the same series as the files of
 * cypher/schema, applied in that order by `migrate` and recorded in the same ledger, and must be
 * idempotent: a run cut short is finished by the next, ending as an uninterrupted run would. Its
 * ledger checksum covers the statements it runs and its version, so editing either after it was
 * applied is refused as editing a file is.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { addressKeyOf, formerAddressText } from '../domain/keys.ts';
import { MigrationError } from '../errors.ts';
import type { Secrets } from '../secrets.ts';
import type { Db } from './db.ts';
import { defineQuery, type Query } from './registry.ts';

export interface DataStep {
  id: string;
  /** What the step does, for the log. */
  description: string;
  /** Raised when what the step does changes; with its statements' text, its ledger checksum. */
  version: number;
  queries: readonly Query[];
  /** `secrets`: the instance's keys, null when none are configured or stored. */
  run(db: Db, secrets: Secrets | null, log: (line: string) => void): Promise<void>;
}

export function stepChecksum(step: DataStep): string {
  const hash = createHash('sha256').update(`step:${step.id}:${step.version}`);
  for (const q of step.queries) hash.update(`\n${q.name}\n${q.text}`);
  return hash.digest('hex');
}

const none = z.object({});
const page = z.object({ after: z.string(), limit: z.number().int().min(1).max(10_000) });

const findNumberedAddressKeys = defineQuery({
  name: 'migrations/find-numbered-address-keys',
  mode: 'READ',
  params: none,
  row: z.object({ key: z.string() }),
});

const rekeyAddresses = defineQuery({
  name: 'migrations/rekey-addresses',
  mode: 'WRITE',
  params: z.object({
    rows: z.array(z.object({ old: z.string(), new: z.string(), text: z.string() })).max(1000),
  }),
  row: z.object({ renamed: z.number().int(), merged: z.number().int() }),
});

const listFormerAddressKeys = defineQuery({
  name: 'migrations/list-former-address-keys',
  mode: 'READ',
  params: none,
  row: z.object({ key: z.string(), formerKeys: z.array(z.string()) }),
});

const pageCommunityKeys = defineQuery({
  name: 'migrations/page-community-keys',
  mode: 'READ',
  params: page,
  row: z.object({ id: z.string(), evidence: z.string().nullable(), recordKeys: z.array(z.string()).nullable() }),
});

const pageRunKeys = defineQuery({
  name: 'migrations/page-run-keys',
  mode: 'READ',
  params: page,
  row: z.object({ id: z.string(), hubs: z.string() }),
});

const pageInvestigationKeys = defineQuery({
  name: 'migrations/page-investigation-keys',
  mode: 'READ',
  params: page,
  row: z.object({ id: z.string(), state: z.string(), version: z.number().int() }),
});

const writeKeyReferences = defineQuery({
  name: 'migrations/write-key-references',
  mode: 'WRITE',
  params: z.object({
    communities: z.array(
      z.object({ id: z.string(), evidence: z.string().nullable(), recordKeys: z.array(z.string()).nullable() }),
    ),
    runs: z.array(z.object({ id: z.string(), hubs: z.string() })),
    investigations: z.array(z.object({ id: z.string(), state: z.string(), version: z.number().int() })),
  }),
  row: z.object({ communities: z.number().int(), runs: z.number().int(), investigations: z.number().int() }),
});

const forgetFormerAddressKeys = defineQuery({
  name: 'migrations/forget-former-address-keys',
  mode: 'WRITE',
  params: none,
  row: z.object({ addresses: z.number().int() }),
});

const STEP_TIMEOUT_MS = 600_000;
const PAGE = 500;
const timeout = { timeoutMs: STEP_TIMEOUT_MS };

/** An address key inside a value: a key's text is letters and digits only, so the match ends where the key does. */
const ADDRESS_KEY_IN_TEXT = /addr:[\p{L}\p{N}]+/gu;

/** 013: no address key holds a phone, ID or card number typed into the address (keys.ts addressKeyOf). */
const addressNumberTokens: DataStep = {
  id: '013-address-number-tokens',
  description: 'numbers typed into addresses become keyed tokens in address keys',
  version: 1,
  queries: [
    findNumberedAddressKeys,
    rekeyAddresses,
    listFormerAddressKeys,
    pageCommunityKeys,
    pageRunKeys,
    pageInvestigationKeys,
    writeKeyReferences,
    forgetFormerAddressKeys,
  ],
  async run(db, secrets, log) {
    const found = await db.run(findNumberedAddressKeys, {}, timeout);
    const rekeyed = await db.run(listFormerAddressKeys, {}, timeout);
    if (found.length === 0 && rekeyed.length === 0) return log('  no address key to rewrite');
    if (found.length > 0 && !secrets)
      throw new MigrationError(
        `quanlian/migrate: 013-address-number-tokens rewrites ${found.length} address key(s) with the instance's HMAC key, and no keys are configured or stored: set QUANLIAN_HMAC_KEY and QUANLIAN_ENC_KEY, or restore keys.json to the data directory, as the graph was loaded with them`,
      );
    const rows = found.flatMap((r) => {
      const text = formerAddressText(r.key);
      const next = addressKeyOf((secrets as Secrets).hmacKey, text);
      return next === r.key ? [] : [{ old: r.key, new: next, text }];
    });
    // Old forms of one number (13912345678, 139栋1234单元5678室) share a new key: each call takes one
    // old key of a new key, so the first becomes the address and the next merge into it.
    const rounds: (typeof rows)[] = [];
    const seen = new Map<string, number>();
    for (const row of rows) {
      const round = seen.get(row.new) ?? 0;
      seen.set(row.new, round + 1);
      (rounds[round] ??= []).push(row);
    }
    let renamed = 0;
    let merged = 0;
    for (const round of rounds)
      for (let i = 0; i < round.length; i += PAGE) {
        const [done] = await db.run(rekeyAddresses, { rows: round.slice(i, i + PAGE) }, timeout);
        renamed += done?.renamed ?? 0;
        merged += done?.merged ?? 0;
      }
    const written = await rewriteReferences(db);
    const [forgot] = await db.run(forgetFormerAddressKeys, {}, timeout);
    log(
      `  ${renamed} address key(s) rewritten, ${merged} merged into an address of the same key, ` +
        `${forgot?.addresses ?? 0} in all; references rewritten in ${written.communities} communities, ` +
        `${written.runs} runs and ${written.investigations} saved investigations`,
    );
  },
};

/**
 * The keys addresses had before (their `formerKeys`) rewritten wherever a key is kept inside a
 * value: a community's evidence and record keys, a run's hub list, a saved canvas (node keys, edge
 * ends, edge keys `from|type|to`). A page at a time, each in its own transaction; a canvas saved
 * between the read and the write is read again.
 */
async function rewriteReferences(db: Db): Promise<{ communities: number; runs: number; investigations: number }> {
  const current = new Map<string, string>();
  for (const a of await db.run(listFormerAddressKeys, {}, timeout))
    for (const former of a.formerKeys) current.set(former, a.key);
  const swap = (text: string) => text.replace(ADDRESS_KEY_IN_TEXT, (k) => current.get(k) ?? k);
  const total = { communities: 0, runs: 0, investigations: 0 };
  if (current.size === 0) return total;
  const write = async (rows: Partial<z.input<typeof writeKeyReferences.params>>) =>
    (await db.run(writeKeyReferences, { communities: [], runs: [], investigations: [], ...rows }, timeout))[0];
  await eachPage(db, pageCommunityKeys, async (rows) => {
    const changed = rows
      .map((r) => ({ id: r.id, evidence: r.evidence && swap(r.evidence), recordKeys: r.recordKeys?.map(swap) ?? null }))
      .filter(
        (r, i) => r.evidence !== rows[i]?.evidence || r.recordKeys?.join('\n') !== rows[i]?.recordKeys?.join('\n'),
      );
    if (changed.length > 0) total.communities += (await write({ communities: changed }))?.communities ?? 0;
  });
  await eachPage(db, pageRunKeys, async (rows) => {
    const changed = rows.map((r) => ({ id: r.id, hubs: swap(r.hubs) })).filter((r, i) => r.hubs !== rows[i]?.hubs);
    if (changed.length > 0) total.runs += (await write({ runs: changed }))?.runs ?? 0;
  });
  // A canvas saved meanwhile is left as saved and read again (its version moved on).
  for (let attempt = 0, stale = true; stale; attempt++) {
    if (attempt === 5)
      throw new MigrationError('quanlian/migrate: 013: saved investigations kept changing; run migrate again');
    stale = false;
    await eachPage(db, pageInvestigationKeys, async (rows) => {
      const changed = rows.map((r) => ({ ...r, state: swap(r.state) })).filter((r, i) => r.state !== rows[i]?.state);
      if (changed.length === 0) return;
      const done = (await write({ investigations: changed }))?.investigations ?? 0;
      total.investigations += done;
      if (done < changed.length) stale = true;
    });
  }
  return total;
}

/** Every row of a paged read (`$after` an id, `$limit` a page), a page at a time, in id order. */
async function eachPage<R extends { id: string }>(
  db: Db,
  query: Query<typeof page, z.ZodType<R>>,
  visit: (rows: R[]) => Promise<void>,
): Promise<void> {
  for (let after = ''; ;) {
    const rows = await db.run(query, { after, limit: PAGE }, timeout);
    await visit(rows);
    if (rows.length < PAGE) return;
    after = (rows[rows.length - 1] as R).id;
  }
}

/** Every data step, in number order. */
export const DATA_STEPS: readonly DataStep[] = [addressNumberTokens];
