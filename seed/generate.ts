/**
 * The seed run: build the background world, plant the networks and plan their events and cases,
 * write the static exports (registry, shop lists, cases, transfers), then stream the day-by-day
 * traffic (waybills and payments) into the per-unit files, and finally write manifests and truth.json.
 * Everything random comes from one seed, so the same options give byte-identical files.
 */
import fs from 'node:fs';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { accountKey, addressKey } from '../server/domain/keys.ts';
import { ValidationError } from '../server/errors.ts';
import { COURIERS } from '../server/domain/identifiers.ts';
import { CATEGORIES } from './catalog/goods.ts';
import { MARKETS, PAYMENT_PLATFORMS, REGISTRATION_AGENTS, TOWERS } from './catalog/places.ts';
import { dayOf, isoDate } from './dates.ts';
import { emitCase, emitTransfer } from './emit/cases.ts';
import type { EmitContext } from './emit/context.ts';
import { emitPayment } from './emit/payments.ts';
import { emitCompany, emitShop } from './emit/registry.ts';
import { emitShipment } from './emit/waybill.ts';
import { networkTruth, registerMembers } from './network-truth.ts';
import { FileSet } from './out/files.ts';
import { NOISE, SeedOptionsSchema, SIZES, type SeedOptionsInput } from './options.ts';
import { Rng } from './prng.ts';
import { TruthRecorder } from './truth.ts';
import { BackgroundTraffic } from './world/background-events.ts';
import { CaseBook, planBackgroundCases, planNetworkCases, type CaseRecord } from './world/cases.ts';
import { BUSINESS_HOURS, hourShare, rowsOf, type Event } from './world/events.ts';
import type { Company, Shop } from './world/model.ts';
import { networkEvents } from './world/network-events.ts';
import { plantNetwork, type Network } from './world/networks.ts';
import { World } from './world/world.ts';
import { agentAddress, hubAddress } from './world/address.ts';

export interface SeedSummary {
  outDir: string;
  size: string;
  seed: number;
  format: 'csv' | 'xlsx';
  encoding: string;
  window: { from: string; to: string };
  files: number;
  records: number;
  networks: number;
  invalidRows: number;
  duplicateRows: number;
  identities: number;
  truthFile: string;
}

export async function generateSeed(input: SeedOptionsInput): Promise<SeedSummary> {
  const parsed = SeedOptionsSchema.safeParse(input);
  if (!parsed.success)
    throw new ValidationError(
      `quanlian/seed: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  const opts = parsed.data;
  const profile = SIZES[opts.size];
  const root = new Rng(`quanlian-seed:v1:${opts.size}:${opts.seed}`);
  // The export window moves with the seed, so different seeds also differ in their dates.
  const end = dayOf(2024, 6, 30) + (opts.seed % 180);
  const start = end - profile.windowDays + 1;
  const window = { start, end };

  const truth = new TruthRecorder();
  const world = new World(root.fork('world'), profile, truth, start);
  world.build();
  recordHubs(truth, opts.hmacKey);

  collectGarbage();
  const book = new CaseBook(root.fork('cases'));
  const networks: Network[] = [];
  const netEvents = new Map<string, Event[]>();
  const netCases = new Map<string, CaseRecord[]>();
  // Every category appears before any repeats, so even demo shows liquor, batteries, cosmetics, farm inputs…
  const firstCategories = root.fork('categories').sample(CATEGORIES, CATEGORIES.length);
  for (let i = 1; i <= profile.networks; i++) {
    const rng = root.fork(`network:${i}`);
    const net = plantNetwork(world, rng, `N${String(i).padStart(3, '0')}`, window, firstCategories[i - 1]);
    registerMembers(truth, net);
    netCases.set(net.id, planNetworkCases(book, rng, net, end));
    netEvents.set(net.id, networkEvents(world, rng, net));
    networks.push(net);
  }
  planBackgroundCases(book, root.fork('bg-cases'), world, Math.round(profile.bgCompanies * 0.03) + 4, window);

  const caseRng = root.fork('case-ids');
  for (const k of book.cases)
    if (k.network || caseRng.chance(profile.identitySampleRate)) k.tid = truth.register('Case', k.caseNo, k.network);

  fs.mkdirSync(opts.outDir, { recursive: true });
  const files = new FileSet({
    outDir: opts.outDir,
    format: opts.xlsx ? 'xlsx' : 'csv',
    encoding: opts.encoding,
    truth,
    rng: root.fork('files'),
    exportBaseDay: end,
  });
  const ctx: EmitContext = { files, hmacKey: opts.hmacKey, rng: root.fork('render'), world, truth };

  writeStatic(ctx, world, networks, book.cases, end);

  // Day-by-day traffic: the networks' planned events plus background filling up to the record target.
  const planned = [...netEvents.values()].flat().sort((a, b) => a.day - b.day || a.sec - b.sec);
  const networkRows = planned.reduce((n, e) => n + rowsOf(e), 0);
  const budget = Math.max(0, (profile.targetRecords - files.recordCount - networkRows) / (1 + NOISE.duplicateRate));
  const traffic = new BackgroundTraffic(world, root.fork('traffic'));
  let next = 0;
  let carried = 0;
  for (let day = start; day <= end; day++) {
    const planToday: Event[] = [];
    while (next < planned.length && (planned[next] as Event).day <= day) planToday.push(planned[next++] as Event);
    for (let k = 0; k < BUSINESS_HOURS.count; k++) {
      const hour = BUSINESS_HOURS.first + k;
      carried += (budget / profile.windowDays) * hourShare(k);
      const rows = Math.floor(carried);
      carried -= rows;
      const batch = traffic.hour(day, hour, rows);
      for (const e of planToday) if (Math.floor(e.sec / 3600) === hour) batch.push(e);
      batch.sort((a, b) => a.sec - b.sec);
      for (const e of batch) (e.kind === 'ship' ? emitShipment : emitPayment)(ctx, e as never);
    }
    // Let XLSX streams drain between days.
    if (opts.xlsx) await new Promise((resolve) => setImmediate(resolve));
    if ((day - start) % 135 === 134) collectGarbage();
  }
  const manifests = await files.close();

  for (const net of networks)
    truth.networks.push(
      networkTruth(truth, world, net, netEvents.get(net.id) ?? [], netCases.get(net.id) ?? [], opts.hmacKey),
    );
  const truthFile = path.join(opts.outDir, 'truth.json');
  truth.write(truthFile, {
    generator: 'quanlian-seed',
    size: opts.size,
    seed: opts.seed,
    format: opts.xlsx ? 'xlsx' : 'csv',
    encoding: opts.xlsx ? 'xlsx' : opts.encoding,
    window: { from: isoDate(start), to: isoDate(end) },
    hmacKeyFingerprint: createHash('sha256').update(opts.hmacKey).digest('hex').slice(0, 16),
    identitySampleRate: profile.identitySampleRate,
    records: files.recordCount,
  });
  return {
    outDir: opts.outDir,
    size: opts.size,
    seed: opts.seed,
    format: opts.xlsx ? 'xlsx' : 'csv',
    encoding: opts.xlsx ? 'xlsx' : opts.encoding,
    window: { from: isoDate(start), to: isoDate(end) },
    files: manifests.length,
    records: files.recordCount,
    networks: networks.length,
    invalidRows: truth.invalid.length,
    duplicateRows: truth.duplicates.length,
    identities: truth.entityCount,
    truthFile,
  };
}

let gc: (() => void) | null | undefined;

/**
 * A full collection now and then keeps the large run's resident memory near its live set (≈ 400 MB):
 * left alone, V8 lets a batch job's old generation grow to 2–3× that before collecting. Node exposes
 * gc() only behind --expose-gc, which this turns on for a fresh context instead of the command line.
 */
function collectGarbage(): void {
  if (gc === undefined) {
    try {
      v8.setFlagsFromString('--expose-gc');
      gc = runInNewContext('gc') as () => void;
    } catch {
      gc = null;
    }
  }
  gc?.();
}

/** Registry extracts, shop lists, case registers and transfers: written before the traffic. */
function writeStatic(
  ctx: EmitContext,
  world: World,
  networks: readonly Network[],
  cases: readonly CaseRecord[],
  end: number,
): void {
  const firms = new Set<Company>(world.companies);
  const shops = new Set<Shop>(world.shops);
  const closed = new Map<Shop, number>();
  for (const net of networks) {
    for (const m of net.members) {
      if (m.entity.kind === 'Company') firms.add(m.entity);
      if (m.entity.kind === 'Shop') shops.add(m.entity);
    }
  }
  // Platforms close the online shops of sellers caught in a network case.
  const caught = new Map(cases.filter((k) => k.network && k.party.kind === 'Person').map((k) => [k.party, k.day]));
  for (const s of shops) {
    const day = caught.get(s.operator);
    if (day !== undefined) closed.set(s, day);
  }
  for (const c of [...firms].sort((a, b) => a.founded - b.founded)) emitCompany(ctx, c, end);
  for (const s of [...shops].sort((a, b) => a.opened - b.opened)) emitShop(ctx, s, closed.get(s));
  for (const k of [...cases].sort((a, b) => a.day - b.day)) emitCase(ctx, k);
  for (const k of cases.filter((c) => c.transfer).sort((a, b) => (a.transfer?.day ?? 0) - (b.transfer?.day ?? 0)))
    emitTransfer(ctx, k);
}

/** Hubs a detector must damp: markets, towers, registration agents, payment platforms, couriers. */
function recordHubs(truth: TruthRecorder, hmacKey: Buffer): void {
  const rng = new Rng('hubs');
  for (const m of MARKETS)
    truth.hubs.push({
      kind: 'Address',
      label: m.name,
      key: addressKey(hmacKey, hubAddress(rng, m, 'market', false).canonical),
      type: 'wholesale-market',
    });
  for (const t of TOWERS)
    truth.hubs.push({
      kind: 'Address',
      label: t.name,
      key: addressKey(hmacKey, hubAddress(rng, t, 'tower', false).canonical),
      type: 'office-tower',
    });
  for (const a of REGISTRATION_AGENTS)
    truth.hubs.push({
      kind: 'Address',
      label: `${a.name}${a.room}`,
      key: addressKey(hmacKey, agentAddress(a).canonical),
      type: 'registration-agent',
    });
  for (const p of PAYMENT_PLATFORMS)
    truth.hubs.push({
      kind: 'Account',
      label: p.name,
      key: accountKey(hmacKey, 'bank', p.account),
      type: 'payment-platform',
    });
  for (const c of COURIERS) truth.hubs.push({ kind: 'Courier', label: c.name, key: null, type: 'courier' });
}
