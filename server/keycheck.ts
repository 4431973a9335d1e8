/**
 * Whether the instance's keys are the ones its graph was loaded with. A phone or account keeps its
 * number sealed under the encryption key and is keyed by the number's HMAC, so a sample of them is
 * opened and keyed again. Keys that open none of them, or open them and key them otherwise, belong to
 * another instance or were made anew where keys.json was lost: serving or loading under them would
 * fail every unmask and give every phone, person and account loaded again a second node, one that
 * nothing later could tell from the first. The commands that write under the keys or serve (serve,
 * demo, ingest, packet import, migrate) refuse to go on, and none makes new keys for such a graph.
 */
import { z } from 'zod';
import type { Config } from './config.ts';
import type { Db } from './db/db.ts';
import { defineQuery } from './db/registry.ts';
import { accountKey, phoneKey, type AccountChannel } from './domain/keys.ts';
import { decryptPii } from './domain/pii.ts';
import { ConfigError } from './errors.ts';
import { findSecrets, keyFilePath, loadSecrets, type Secrets } from './secrets.ts';

const SealedRowSchema = z.object({
  kind: z.enum(['tel', 'acct']),
  key: z.string(),
  channel: z.string().nullable(),
  sealed: z.string(),
});
export type SealedRow = z.infer<typeof SealedRowSchema>;

const sampleSealed = defineQuery({
  name: 'keys/sample-sealed',
  mode: 'READ',
  params: z.object({ limit: z.number().int() }),
  row: SealedRowSchema,
});

/** Phones and accounts each, read for the check: enough to find the instance's own among others. */
const SAMPLE = 100;

export interface KeyCheck {
  /** Sealed phone and account numbers read. */
  sampled: number;
  /** Of those, the ones the encryption key opens. */
  opened: number;
  /** Of those, the ones whose number the HMAC key turns into the key they are stored under. */
  matched: number;
}

export async function checkKeys(db: Db, secrets: Secrets): Promise<KeyCheck> {
  return judgeKeys(await db.run(sampleSealed, { limit: SAMPLE }), secrets);
}

/** Opens each sealed number with the keys and keys it again. */
export function judgeKeys(rows: readonly SealedRow[], secrets: Secrets): KeyCheck {
  let opened = 0;
  let matched = 0;
  for (const row of rows) {
    let number: string;
    try {
      number = decryptPii(secrets.encKey, row.sealed);
    } catch {
      continue;
    }
    opened++;
    const key =
      row.kind === 'tel'
        ? phoneKey(secrets.hmacKey, number)
        : accountKey(secrets.hmacKey, row.channel as AccountChannel, number);
    if (key === row.key) matched++;
  }
  return { sampled: rows.length, opened, matched };
}

/**
 * A graph without sealed numbers (a new instance) fits any keys; one with them fits keys that key at
 * least one of those read as it is stored. Numbers sealed under other keys beside them (a test
 * database that several keys wrote to) do not make the keys wrong.
 */
export function keysFit(check: KeyCheck): boolean {
  return check.sampled === 0 || check.matched > 0;
}

/** Where the keys in use come from, as an operator would look for them. */
export function keysSource(config: Config): string {
  const file = keyFilePath(config);
  if (config.QUANLIAN_HMAC_KEY && config.QUANLIAN_ENC_KEY) return 'QUANLIAN_HMAC_KEY and QUANLIAN_ENC_KEY';
  if (config.QUANLIAN_HMAC_KEY) return `QUANLIAN_HMAC_KEY and ${file}`;
  if (config.QUANLIAN_ENC_KEY) return `${file} and QUANLIAN_ENC_KEY`;
  return file;
}

const RECOVER =
  'Restore keys.json, or set QUANLIAN_HMAC_KEY and QUANLIAN_ENC_KEY, from the backup kept with the database; ' +
  'a demo instance can instead start over with `quanlian reset --yes-delete-all-data`.';

/**
 * The instance's keys for a command that serves or writes: those configured or stored, checked
 * against the graph; else new ones (generated into keys.json), but only for a graph that holds no
 * sealed numbers, since new keys could open none of them.
 */
export async function instanceKeys(db: Db, config: Config): Promise<Secrets> {
  const found = findSecrets(config);
  if (found) {
    await assertKeysFitGraph(db, found, config);
    return found;
  }
  const [sealed] = await db.run(sampleSealed, { limit: 1 });
  if (sealed)
    throw new ConfigError(
      `quanlian/keys: no keys are configured (QUANLIAN_HMAC_KEY and QUANLIAN_ENC_KEY) or stored (${keyFilePath(config)}), ` +
        `and this graph holds sealed phone and account numbers that new keys would open none of. ${RECOVER}`,
    );
  return loadSecrets(config);
}

/**
 * Throws a ConfigError when the graph holds sealed numbers and the keys fit none of them; a graph
 * without any (a new instance) fits every key. Returns the check.
 */
export async function assertKeysFitGraph(db: Db, secrets: Secrets, config: Config): Promise<KeyCheck> {
  const check = await checkKeys(db, secrets);
  if (keysFit(check)) return check;
  const which =
    check.opened === 0
      ? `the encryption key opens none of the ${check.sampled} sealed phone and account numbers read`
      : `the encryption key opens ${check.opened} of the ${check.sampled} sealed phone and account numbers read, and the HMAC key gives none of them the key it is stored under`;
  throw new ConfigError(
    `quanlian/keys: the keys in ${keysSource(config)} are not the keys this graph was loaded with: ${which}. ` +
      `Serving or loading under them would fail every unmask and give every phone, person and account loaded again a second node. ${RECOVER}`,
  );
}
