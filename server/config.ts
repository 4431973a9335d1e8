/**
 * Every setting Quanlian reads, parsed once from the environment by one zod schema. A bad value
 * stops start-up with a message naming the variable, its value and what is expected. The README's
 * configuration table is written from SETTINGS below.
 */
import path from 'node:path';
import { z } from 'zod';
import { ConfigError } from './errors.ts';

const port = z.coerce.number().int().min(1).max(65535);
const size = z.string().regex(/^\d+[kmgKMG]?$/, 'a size such as 512m or 4g');
const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

const neo4jUri = z
  .string()
  .trim()
  .refine((v) => {
    try {
      const u = new URL(v);
      return /^(neo4j|bolt)(\+s|\+ssc)?:$/.test(u.protocol) && u.hostname !== '';
    } catch {
      return false;
    }
  }, 'a Bolt URI such as bolt://127.0.0.1:7687 or neo4j+s://<host> (schemes neo4j, neo4j+s, neo4j+ssc, bolt, bolt+s, bolt+ssc)');

/** name → [schema, default, description]; the single source for parsing and for the README table. */
export const SETTINGS = {
  NEO4J_URI: [
    neo4jUri.optional(),
    undefined,
    'Use this Neo4j instead of starting one (routing URIs work for clusters/Aura).',
  ],
  NEO4J_USER: [z.string().min(1), 'neo4j', 'Neo4j user when NEO4J_URI is set.'],
  NEO4J_PASSWORD: [z.string().optional(), undefined, 'Neo4j password when NEO4J_URI is set.'],
  NEO4J_DATABASE: [
    z.string().regex(/^[A-Za-z][A-Za-z0-9.-]{2,62}$/, 'a Neo4j database name'),
    'neo4j',
    'Database every query runs against.',
  ],
  QUANLIAN_NEO4J_RUNTIME: [
    z.enum(['auto', 'docker', 'local']),
    'auto',
    'Without NEO4J_URI: auto = Docker (Testcontainers) if an engine answers, else the local runtime.',
  ],
  QUANLIAN_NEO4J_DIR: [z.string().min(1), '.neo4j', 'Where the local runtime keeps its jars, data, logs and password.'],
  QUANLIAN_NEO4J_INSTANCE: [
    z.string().regex(/^[a-z0-9-]{1,32}$/, 'lowercase letters, digits and dashes'),
    'dev',
    'Name of the local instance (the test suite uses "test").',
  ],
  QUANLIAN_NEO4J_BOLT_PORT: [port, 7687, 'Bolt port of the local runtime (always bound to 127.0.0.1).'],
  QUANLIAN_NEO4J_HTTP_PORT: [
    port.optional(),
    undefined,
    'If set, the local runtime also serves Neo4j Browser/HTTP on 127.0.0.1:<port>; off by default.',
  ],
  QUANLIAN_NEO4J_HEAP: [size, '4g', 'JVM heap of the local runtime.'],
  QUANLIAN_NEO4J_PAGECACHE: [size, '4g', 'Page cache of the local runtime.'],
  QUANLIAN_NEO4J_START_TIMEOUT_S: [
    z.coerce.number().int().min(5).max(1800),
    180,
    'How long start waits for Bolt to answer.',
  ],
  QUANLIAN_DATA_DIR: [z.string().min(1), '.data', 'Archived source files, reports, keys of this instance.'],
  QUANLIAN_TX_TIMEOUT_MS: [
    z.coerce.number().int().min(100).max(600_000),
    15_000,
    'Server-side timeout of one API transaction.',
  ],
  QUANLIAN_HMAC_KEY: [
    z
      .string()
      .regex(/^[0-9a-f]{64,}$/i, 'at least 32 bytes as hex')
      .optional(),
    undefined,
    'Key of identity HMACs (hex); when unset, read from keys.json in the data dir, generated there for a graph nothing was loaded into.',
  ],
  QUANLIAN_ENC_KEY: [
    z
      .string()
      .regex(/^[0-9a-f]{64}$/i, 'exactly 32 bytes as hex')
      .optional(),
    undefined,
    'AES-256-GCM key for personal identifiers (hex); when unset, read from or generated into keys.json as the HMAC key is.',
  ],
  QUANLIAN_COOKIE_SECURE: [
    bool,
    'false',
    'Mark the session cookie Secure (set true when the API is served over HTTPS, e.g. behind a TLS proxy).',
  ],
  QUANLIAN_LOGIN_RATE: [
    z.coerce.number().int().min(1).max(100_000),
    10,
    'Sign-in attempts allowed per client address per minute (accounts also lock after 5 failures in a row).',
  ],
  QUANLIAN_REGION: [
    z.string().regex(/^\d{6}$/, 'a six-digit region code'),
    '360100',
    'The region this instance serves: the issuer named in the case packets it signs.',
  ],
  HOST: [z.string().min(1), '127.0.0.1', 'Address the HTTP server listens on.'],
  PORT: [port, 8080, 'Port the HTTP server listens on.'],
  LOG_LEVEL: [z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']), 'info', 'pino log level.'],
  QUANLIAN_LOG_PRETTY: [bool, 'false', 'Human-readable logs instead of JSON lines.'],
} as const;

type Settings = typeof SETTINGS;
type Parsed<K extends keyof Settings> = z.output<Settings[K][0]>;

export type Config = { [K in keyof Settings]: Parsed<K> } & {
  /** Absolute paths derived from the settings above. */
  paths: { root: string; neo4jDir: string; dataDir: string };
};

/** The project root: the folder holding package.json, cypher/ and neo4j/. */
export const PROJECT_ROOT = path.resolve(import.meta.dirname, '..');

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const out: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [name, [schema, fallback]] of Object.entries(SETTINGS)) {
    const raw = env[name];
    const value = raw === undefined || raw === '' ? fallback : raw;
    const result = (schema as z.ZodType).safeParse(value);
    if (result.success) out[name] = result.data;
    else problems.push(`${name}=${JSON.stringify(raw)}: expected ${describe(result.error)}`);
  }
  if (problems.length > 0) {
    throw new ConfigError(
      `quanlian/config: invalid setting${problems.length > 1 ? 's' : ''}:\n  ${problems.join('\n  ')}`,
    );
  }
  const config = out as Omit<Config, 'paths'>;
  if (config.NEO4J_URI && config.NEO4J_PASSWORD === undefined) {
    throw new ConfigError(
      'quanlian/config: NEO4J_URI is set but NEO4J_PASSWORD is not; set both (and NEO4J_USER if not "neo4j").',
    );
  }
  return {
    ...config,
    paths: {
      root: PROJECT_ROOT,
      neo4jDir: path.resolve(PROJECT_ROOT, config.QUANLIAN_NEO4J_DIR),
      dataDir: path.resolve(PROJECT_ROOT, config.QUANLIAN_DATA_DIR),
    },
  };
}

function describe(error: z.ZodError): string {
  return error.issues.map((i) => i.message).join('; ');
}
