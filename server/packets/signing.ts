/**
 * The instance's packet-signing key (Ed25519, node:crypto) and its trust list of partner keys.
 * The key pair is generated once into <data dir>/packet-key.json (mode 0600) and read once per
 * process (replacing the file takes a restart); the public half is
 * what partners add to their trust list (`quanlian packet key` prints it). The trust list,
 * <data dir>/trust.json, names each partner key by id with its region; the instance's own key is
 * always trusted. Signing and verification cover the canonical JSON of the packet body.
 */
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Config } from '../config.ts';
import { ConfigError, PacketRejectedError, ValidationError } from '../errors.ts';
import { canonicalJson, PacketSchema, type Packet, type PacketBody } from './format.ts';

export interface SigningKey {
  keyId: string;
  privateKey: KeyObject;
  publicKeyPem: string;
}

export const TrustedKeySchema = z.strictObject({
  keyId: z.string().regex(/^[0-9a-f]{16}$/),
  region: z.string().regex(/^\d{6}$/),
  name: z.string().min(1).max(100),
  publicKey: z.string().startsWith('-----BEGIN PUBLIC KEY-----'),
});
export type TrustedKey = z.infer<typeof TrustedKeySchema>;
const TrustFileSchema = z.strictObject({ partners: z.array(TrustedKeySchema) });

/** A public key's id: the first 16 hex digits of the SHA-256 of its DER encoding. */
export function keyIdOf(publicKeyPem: string): string {
  const der = createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('hex').slice(0, 16);
}

/** Keys already read, by key file: a server signs and verifies without reading the file per request. */
const loaded = new Map<string, SigningKey>();

export function loadSigningKey(config: Config): SigningKey {
  const file = path.join(config.paths.dataDir, 'packet-key.json');
  const cached = loaded.get(file);
  if (cached) return cached;
  if (!fs.existsSync(file)) {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const stored = {
      privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    };
    fs.mkdirSync(path.dirname(file), { recursive: true });
    try {
      fs.writeFileSync(file, JSON.stringify(stored, null, 2) + '\n', { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  const parsed = z
    .object({ privateKey: z.string(), publicKey: z.string() })
    .safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.success)
    throw new ConfigError(`quanlian/packets: ${file} is not a valid key file; restore it from backup.`);
  const key = {
    keyId: keyIdOf(parsed.data.publicKey),
    privateKey: createPrivateKey(parsed.data.privateKey),
    publicKeyPem: parsed.data.publicKey,
  };
  loaded.set(file, key);
  return key;
}

export function trustFilePath(config: Config): string {
  return path.join(config.paths.dataDir, 'trust.json');
}

export function loadTrustList(config: Config): TrustedKey[] {
  const file = trustFilePath(config);
  if (!fs.existsSync(file)) return [];
  const parsed = TrustFileSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.success)
    throw new ConfigError(`quanlian/packets: ${file} is not a valid trust list: ${parsed.error.issues[0]?.message}`);
  return parsed.data.partners;
}

/** Adds (or replaces, by key id) a partner key; returns the entry written. The instance's own key is no partner's. */
export function trustKey(config: Config, entry: Omit<TrustedKey, 'keyId'>): TrustedKey {
  const full = TrustedKeySchema.parse({ ...entry, keyId: keyIdOf(entry.publicKey) });
  if (full.keyId === loadSigningKey(config).keyId)
    throw new ValidationError(
      `quanlian/packets: key ${full.keyId} is this instance's own signing key, not a partner's; its packets are checked without a trust entry`,
    );
  const partners = loadTrustList(config).filter((p) => p.keyId !== full.keyId);
  fs.mkdirSync(config.paths.dataDir, { recursive: true });
  fs.writeFileSync(trustFilePath(config), JSON.stringify({ partners: [...partners, full] }, null, 2) + '\n');
  return full;
}

export function signPacket(body: PacketBody, key: SigningKey): Packet {
  const value = sign(null, Buffer.from(canonicalJson(body)), key.privateKey).toString('base64');
  return { ...body, signature: { alg: 'Ed25519', keyId: key.keyId, value } };
}

export interface Verified {
  packet: Packet;
  signer: { keyId: string; region: string; name: string; own: boolean };
}

/**
 * Checks a packet's shape, then its signature against the trust list (and the instance's own key).
 * Every refusal is a PacketRejectedError that says which check failed.
 */
export function verifyPacket(
  text: string,
  trust: readonly TrustedKey[],
  own: SigningKey | null,
  file = 'packet',
): Verified {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new PacketRejectedError(`${file}: not JSON — not a Quanlian packet`, 'invalid');
  }
  const parsed = PacketSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new PacketRejectedError(
      `${file}: not a valid packet: ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`,
      'invalid',
    );
  }
  const packet = parsed.data;
  const { signature, ...body } = packet;
  // The instance's own key is looked at first: on a trust list too (a group's shared list, an old
  // copy), it is still this instance's, and a packet it signed is its own.
  const ownKey = own && own.keyId === signature.keyId ? own : null;
  const partner = ownKey ? undefined : trust.find((t) => t.keyId === signature.keyId);
  if (!partner && !ownKey)
    throw new PacketRejectedError(
      `${file}: signed by key ${signature.keyId}, which is not on this instance's trust list (quanlian packet trust add)`,
      'untrusted-signer',
    );
  const publicKey = createPublicKey(partner ? partner.publicKey : (ownKey as SigningKey).publicKeyPem);
  // The packet's own (validated) fields are re-serialised canonically: a changed byte in any of them,
  // or in the signature, fails here.
  const ok = verify(null, Buffer.from(canonicalJson(body)), publicKey, Buffer.from(signature.value, 'base64'));
  if (!ok)
    throw new PacketRejectedError(
      `${file}: the signature does not match its content — altered after signing`,
      'bad-signature',
    );
  if (partner && partner.region !== packet.issuer.region)
    throw new PacketRejectedError(
      `${file}: claims to be issued by ${packet.issuer.region}, but key ${partner.keyId} belongs to ${partner.region}`,
      'bad-signature',
    );
  return {
    packet,
    signer: partner
      ? { keyId: partner.keyId, region: partner.region, name: partner.name, own: false }
      : { keyId: signature.keyId, region: packet.issuer.region, name: packet.issuer.name, own: true },
  };
}
