/**
 * What a seed run can be asked for (size, seed, output, encoding, XLSX) and what each size means.
 * The numbers are tuned so demo reads well on screen, and large gives ≈1M records in under a minute.
 */
import { z } from 'zod';

export const SizeSchema = z.enum(['demo', 'medium', 'large']);
export type Size = z.infer<typeof SizeSchema>;

export const SeedOptionsSchema = z.object({
  size: SizeSchema.default('demo'),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .default(1),
  outDir: z.string().min(1),
  encoding: z.enum(['utf8', 'gbk']).default('utf8'),
  xlsx: z.boolean().default(false),
  /** HMAC key of the identity keys in truth.json; the CLI passes the instance key from loadSecrets. */
  hmacKey: z.instanceof(Buffer).refine((b) => b.length >= 16, 'at least 16 bytes'),
});
export type SeedOptions = z.infer<typeof SeedOptionsSchema>;
export type SeedOptionsInput = z.input<typeof SeedOptionsSchema>;

export interface SizeProfile {
  /** Data rows across all files, roughly (background traffic fills up to it). */
  targetRecords: number;
  networks: number;
  sellers: readonly [number, number];
  /** Consumer orders per online seller and QR sales per shop/stall. */
  orders: readonly [number, number];
  bgPersons: number;
  bgCompanies: number;
  bgShops: number;
  /** Legitimate distributor → retailer chains (they look like networks but have no counterfeit signals). */
  legitChains: number;
  /** Share of background parties whose rows are listed in the identity truth. */
  identitySampleRate: number;
  /** Days covered by the exports. */
  windowDays: number;
  /** Couriers whose exports appear (demo keeps to five so it stays small enough to read). */
  couriers: readonly string[];
}

const ALL_COURIERS = ['ZTO', 'YTO', 'YD', 'STO', 'JTSD', 'SF', 'JD', 'EMS', 'DBL'];

export const SIZES: Readonly<Record<Size, SizeProfile>> = {
  demo: {
    targetRecords: 5_000,
    networks: 6,
    sellers: [5, 12],
    orders: [2, 6],
    bgPersons: 1_200,
    bgCompanies: 260,
    bgShops: 90,
    legitChains: 10,
    identitySampleRate: 1,
    windowDays: 540,
    couriers: ['ZTO', 'YTO', 'YD', 'SF', 'JTSD'],
  },
  medium: {
    targetRecords: 100_000,
    networks: 30,
    sellers: [5, 40],
    orders: [4, 16],
    bgPersons: 30_000,
    bgCompanies: 5_000,
    bgShops: 1_800,
    legitChains: 150,
    identitySampleRate: 0.2,
    windowDays: 540,
    couriers: ALL_COURIERS,
  },
  large: {
    targetRecords: 1_000_000,
    networks: 100,
    sellers: [5, 40],
    orders: [5, 25],
    bgPersons: 120_000,
    bgCompanies: 30_000,
    bgShops: 12_000,
    legitChains: 1_200,
    identitySampleRate: 0.03,
    windowDays: 540,
    couriers: ALL_COURIERS,
  },
};

/** Shares of invalid and duplicated rows in every file. */
export const NOISE = { invalidRate: 0.006, duplicateRate: 0.004 } as const;
