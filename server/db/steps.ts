/**
 * Migrations in TypeScript: data changes Cypher cannot make alone, because they need the instance's
 * keys (an HMAC cannot be computed in Cypher). Each is numbered in the same series as the files of
 * cypher/schema, applied in that order by `migrate` and recorded in the same ledger, and must be
 * idempotent: a run cut short is finished by the next, ending as an uninterrupted run would.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { addressKeyOf } from '../domain/keys.ts';
import type { Secrets } from '../secrets.ts';
import type { Db } from './db.ts';
import { defineQuery } from './registry.ts';

export interface DataStep {
  id: string;
  /** What the step does, for the ledger's log line. */
  description: string;
  run(db: Db, secrets: Secrets, log: (line: string) => void): Promise<void>;
}

/** A step's ledger checksum: it has no file, so its id stands for its content. */
export const stepChecksum = (step: DataStep) => createHash('sha256').update(`step:${step.id}`).digest('hex');

const findNumberedAddressKeys = defineQuery({
  name: 'migrations/find-numbered-address-keys',
  mode: 'READ',
  params: z.object({}),
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

const rewriteAddressReferences = defineQuery({
  name: 'migrations/rewrite-address-references',
  mode: 'WRITE',
  params: z.object({}),
  row: z.object({
    addresses: z.number().int(),
    communities: z.number().int(),
    runs: z.number().int(),
    investigations: z.number().int(),
  }),
});

const STEP_TIMEOUT_MS = 600_000;

/**
 * A phone written 139-1234-5678 at the end of an address, as the compact building-unit-room form
 * read it before that form took only a one- or two-digit unit (a unit is never three digits): the
 * number again, to be tokenised.
 */
function uncompactNumber(text: string): string {
  return text.replace(/(\d{3,})栋(\d{3,})单元(\d{3,})室$/, (all, a: string, b: string, c: string) =>
    a.length + b.length + c.length >= 7 ? a + b + c : all,
  );
}

/**
 * The current key and text of an address key written before numbers in address keys became keyed
 * tokens (keys.ts addressKeyOf); null when it is current already.
 */
export function rekeyedAddress(hmacKey: Buffer, key: string): { new: string; text: string } | null {
  const text = uncompactNumber(key.slice('addr:'.length));
  const next = addressKeyOf(hmacKey, text);
  return next === key ? null : { new: next, text };
}

/** 013: no address key holds a phone, ID or card number typed into the address (keys.ts addressKeyOf). */
const addressNumberTokens: DataStep = {
  id: '013-address-number-tokens',
  description: 'numbers typed into addresses become keyed tokens in address keys',
  async run(db, secrets, log) {
    const rows = (await db.run(findNumberedAddressKeys, {}, { timeoutMs: STEP_TIMEOUT_MS })).flatMap((r) => {
      const next = rekeyedAddress(secrets.hmacKey, r.key);
      return next ? [{ old: r.key, ...next }] : [];
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
      for (let i = 0; i < round.length; i += 500) {
        const [done] = await db.run(rekeyAddresses, { rows: round.slice(i, i + 500) }, { timeoutMs: STEP_TIMEOUT_MS });
        renamed += done?.renamed ?? 0;
        merged += done?.merged ?? 0;
      }
    const [refs] = await db.run(rewriteAddressReferences, {}, { timeoutMs: STEP_TIMEOUT_MS });
    log(
      `  ${renamed} address key(s) rekeyed, ${merged} merged into an address of the same key; ` +
        `references rewritten in ${refs?.communities ?? 0} communities, ${refs?.runs ?? 0} runs, ` +
        `${refs?.investigations ?? 0} saved investigations`,
    );
  },
};

/** Every data step, in number order. */
export const DATA_STEPS: readonly DataStep[] = [addressNumberTokens];
