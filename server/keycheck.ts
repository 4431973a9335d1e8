/**
 * Whether the instance's keys are the ones its graph was loaded with. A person's ID number, a phone
 * number and an account number are kept sealed under the encryption key, and their node is keyed by
 * the number's HMAC, so a sample of them is opened and keyed again. Keys that open none of them, or
 * open them and key them otherwise, belong to another instance or were made anew where keys.json was
 * lost: serving or loading under them would fail every unmask and give every person, phone and
 * account loaded again a second node, one that nothing later could tell from the first. The commands
 * that serve or write under the keys (serve, demo, ingest, packet import, migrate) refuse to go on,
 * and make new keys only for a graph nothing was ever loaded into.
 */
import { z } from 'zod';
import type { Config } from './config.ts';
import type { Db } from './db/db.ts';
import { defineQuery } from './db/registry.ts';
import { accountKey, personKey, phoneKey, type AccountChannel } from './domain/keys.ts';
import { decryptPii } from './domain/pii.ts';
import { ConfigError } from './errors.ts';
import { findSecrets, keyFilePath, loadSecrets, secretsSource, type Secrets } from './secrets.ts';

const SealedRowSchema = z.object({
  kind: z.enum(['pid', 'tel', 'acct']),
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

const findLoadedData = defineQuery({
  name: 'keys/find-loaded-data',
  mode: 'READ',
  params: z.object({}),
  row: z.object({ loaded: z.boolean() }),
});

/** People, phones and accounts each, read for the check. */
const SAMPLE = 100;

export interface KeyCheck {
  /** Sealed numbers read. */
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
      row.kind === 'pid'
        ? personKey(secrets.hmacKey, { idNumber: number })
        : row.kind === 'tel'
          ? phoneKey(secrets.hmacKey, number)
          : accountKey(secrets.hmacKey, row.channel as AccountChannel, number);
    if (key === row.key) matched++;
  }
  return { sampled: rows.length, opened, matched };
}

/**
 * A graph without sealed numbers fits any keys as far as they tell; one with them fits keys that key
 * at least one of those read as it is stored. Some that do not fit beside them mean part of the graph
 * was loaded under other keys: the caller is warned, not stopped, since no keys would fit it all.
 */
export function keysFit(check: KeyCheck): boolean {
  return check.sampled === 0 || check.matched > 0;
}

/** What an operator can do about keys that do not fit, given where they came from. */
function recovery(config: Config): string {
  const fromEnv = config.QUANLIAN_HMAC_KEY || config.QUANLIAN_ENC_KEY;
  return (
    (fromEnv
      ? `QUANLIAN_HMAC_KEY and QUANLIAN_ENC_KEY, when set, are used before ${keyFilePath(config)}: set them to this graph's keys, or unset them to use the file. `
      : `Restore ${keyFilePath(config)} from the backup kept with the database, or set QUANLIAN_HMAC_KEY and QUANLIAN_ENC_KEY to this graph's keys. `) +
    'A demo instance can instead start over with `quanlian reset --yes-delete-all-data`.'
  );
}

/**
 * Throws a ConfigError when the graph holds sealed numbers and the keys fit none of them. Returns the
 * check; `warn` hears of sealed numbers read that these keys do not fit beside those they do.
 */
export async function assertKeysFitGraph(
  db: Db,
  secrets: Secrets,
  config: Config,
  warn?: (message: string) => void,
): Promise<KeyCheck> {
  const check = await checkKeys(db, secrets);
  if (keysFit(check)) {
    if (check.matched < check.sampled)
      warn?.(
        `quanlian/keys: ${check.sampled - check.matched} of the ${check.sampled} sealed ID, phone and account numbers read do not fit the keys in ${secretsSource(config)}: part of this graph was loaded under other keys, and its records cannot be unmasked or matched here`,
      );
    return check;
  }
  const which =
    check.opened === 0
      ? `the encryption key opens none of the ${check.sampled} sealed ID, phone and account numbers read`
      : `the encryption key opens ${check.opened} of the ${check.sampled} sealed ID, phone and account numbers read, and the HMAC key gives none of them the key it is stored under`;
  throw new ConfigError(
    `quanlian/keys: the keys in ${secretsSource(config)} are not the keys this graph was loaded with: ${which}. ` +
      `Serving or loading under them would fail every unmask and give every person, phone and account loaded again a second node. ${recovery(config)}`,
  );
}

/**
 * The instance's keys for a command that serves or writes: those configured or stored, checked
 * against the graph; else new ones (generated into keys.json), but only for a graph nothing was ever
 * loaded into, since new keys could key again nothing a load keyed.
 */
export async function instanceKeys(db: Db, config: Config, warn?: (message: string) => void): Promise<Secrets> {
  const found = findSecrets(config);
  if (found) {
    await assertKeysFitGraph(db, found, config, warn);
    return found;
  }
  const [row] = await db.run(findLoadedData, {});
  if (row?.loaded) {
    const missing = [
      ...(config.QUANLIAN_HMAC_KEY ? [] : ['QUANLIAN_HMAC_KEY']),
      ...(config.QUANLIAN_ENC_KEY ? [] : ['QUANLIAN_ENC_KEY']),
    ];
    throw new ConfigError(
      `quanlian/keys: ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not set and ${keyFilePath(config)} does not exist, ` +
        `and this graph holds loaded data, keyed with keys that new ones would not reproduce. ${recovery(config)}`,
    );
  }
  return loadSecrets(config);
}
