/**
 * The instance's keys: the HMAC key behind every identity key (pid:, tel:, acct:) and the AES-256-GCM
 * key that encrypts personal identifiers. Taken from QUANLIAN_HMAC_KEY / QUANLIAN_ENC_KEY when set;
 * otherwise generated once into <data dir>/keys.json (mode 0600) and reused, so a demo instance keeps
 * its own keys across restarts. Losing the file makes stored ciphertext unreadable and identity keys
 * unmatchable: back it up with the database.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Config } from './config.ts';
import { ConfigError } from './errors.ts';

export interface Secrets {
  hmacKey: Buffer;
  encKey: Buffer;
}

const KeyFileSchema = z.object({
  hmacKey: z.string().regex(/^[0-9a-f]{64,}$/),
  encKey: z.string().regex(/^[0-9a-f]{64}$/),
});

export function keyFilePath(config: Config): string {
  return path.join(config.paths.dataDir, 'keys.json');
}

export function loadSecrets(config: Config): Secrets {
  let hmac = config.QUANLIAN_HMAC_KEY;
  let enc = config.QUANLIAN_ENC_KEY;
  if (!hmac || !enc) {
    const stored = readOrCreateKeyFile(keyFilePath(config));
    hmac ??= stored.hmacKey;
    enc ??= stored.encKey;
  }
  return { hmacKey: Buffer.from(hmac, 'hex'), encKey: Buffer.from(enc, 'hex') };
}

/** Where `loadSecrets` takes the keys from, as an operator would look for them. */
export function secretsSource(config: Config): string {
  const file = keyFilePath(config);
  if (config.QUANLIAN_HMAC_KEY && config.QUANLIAN_ENC_KEY) return 'QUANLIAN_HMAC_KEY and QUANLIAN_ENC_KEY';
  if (config.QUANLIAN_HMAC_KEY) return `QUANLIAN_HMAC_KEY and ${file}`;
  if (config.QUANLIAN_ENC_KEY) return `${file} and QUANLIAN_ENC_KEY`;
  return file;
}

/**
 * The instance's keys where they are configured or stored already, else null: for a command that
 * must not make new ones (`migrate` rewrites keys only with the keys the graph was loaded with).
 */
export function findSecrets(config: Config): Secrets | null {
  if (config.QUANLIAN_HMAC_KEY && config.QUANLIAN_ENC_KEY) return loadSecrets(config);
  return fs.existsSync(keyFilePath(config)) ? loadSecrets(config) : null;
}

function readOrCreateKeyFile(file: string): z.infer<typeof KeyFileSchema> {
  if (fs.existsSync(file)) {
    const parsed = KeyFileSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
    if (!parsed.success)
      throw new ConfigError(`quanlian/secrets: ${file} is not a valid key file; restore it from backup.`);
    return parsed.data;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const keys = { hmacKey: randomBytes(32).toString('hex'), encKey: randomBytes(32).toString('hex') };
  // 'wx' fails if another process created it meanwhile; then read theirs.
  try {
    fs.writeFileSync(file, JSON.stringify(keys, null, 2) + '\n', { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return readOrCreateKeyFile(file);
    throw error;
  }
  return keys;
}
