/**
 * Turns a planted network, its events and the rows written for it into its truth.json entry:
 * members with stage, role and resolved keys, manufacturers, stage timeline and chain order, the
 * regions it touches, the identifiers its members share, and the goods/money flows between members.
 */
import { accountKey, addressKey, brandKey, personKey, phoneKey } from '../server/domain/keys.ts';
import { isoDate } from './dates.ts';
import type { NetworkTruth, TruthRecorder } from './truth.ts';
import type { Event } from './world/events.ts';
import { regionOfParty, type Company, type Party, type Person, type Shop } from './world/model.ts';
import type { CaseRecord } from './world/cases.ts';
import type { Network, Stage } from './world/networks.ts';
import type { World } from './world/world.ts';

const CHAIN: readonly Stage[] = ['materials', 'production', 'storage', 'wholesale', 'retail'];
const KEY_RANK = ['uscc:', 'pid:', 'shop:', 'case:', 'wb:', 'name:', 'pnp:'];

function rank(key: string): number {
  const i = KEY_RANK.findIndex((p) => key.startsWith(p));
  return i < 0 ? KEY_RANK.length : i;
}

/** Registers every member in the truth (so its rows get listed) and marks it as a network member. */
export function registerMembers(truth: TruthRecorder, net: Network): void {
  for (const m of net.members) {
    if (m.entity.tid) continue;
    m.entity.network = net.id;
    m.entity.tid = truth.register(m.entity.kind, m.entity.name, net.id);
  }
}

export function networkTruth(
  truth: TruthRecorder,
  world: World,
  net: Network,
  events: readonly Event[],
  cases: readonly CaseRecord[],
  hmacKey: Buffer,
): NetworkTruth {
  const stageOf = new Map<Party | Shop, Stage>();
  const seen = new Set<string>();
  const members = [];
  for (const m of net.members) {
    const tid = m.entity.tid as string;
    if (!stageOf.has(m.entity)) stageOf.set(m.entity, m.stage);
    if (seen.has(tid)) continue;
    seen.add(tid);
    members.push({
      entity: tid,
      kind: m.entity.kind,
      name: m.entity.name,
      stage: m.stage,
      role: m.role,
      regionCode: regionOfParty(m.entity),
      keys: truth.keysOf(tid).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b)),
    });
  }
  const timeline: Record<string, [string, string]> = {};
  const span = (stage: string, day: number) => {
    const cur = timeline[stage];
    const d = isoDate(day);
    timeline[stage] = cur ? [cur[0] < d ? cur[0] : d, cur[1] > d ? cur[1] : d] : [d, d];
  };
  const flows = new Map<string, NetworkTruth['flows'][number]>();
  const flow = (from: Party | Shop, to: Party | Shop, type: 'goods' | 'money', day: number) => {
    if (from.network !== net.id || to.network !== net.id || !from.tid || !to.tid) return;
    const id = `${from.tid}>${to.tid}>${type}`;
    const f = flows.get(id);
    const d = isoDate(day);
    if (f) {
      f.count++;
      if (d > f.last) f.last = d;
    } else flows.set(id, { from: from.tid, to: to.tid, type, count: 1, first: d, last: d });
  };
  for (const e of events) {
    if (e.kind === 'ship') {
      const stage = stageOf.get(e.from);
      if (stage && stage !== 'finance') span(stage, e.day);
      flow(e.from, e.to, 'goods', e.day);
    } else {
      // Sales to consumers are retail activity even when no parcel is sent (shop and stall QR sales).
      if (e.via !== 'transfer') span('retail', e.day);
      flow(e.from.holder, e.to.holder, 'money', e.day);
    }
  }
  for (const k of cases) span('cases', k.day);
  const reporting = new Set<string>();
  for (const m of members) for (const f of truth.filesOf(m.entity)) reporting.add(truth.files[f]?.regionCode ?? '');
  return {
    id: net.id,
    category: net.category.id,
    brand: net.brand.name,
    brandKey: brandKey(net.brand.name),
    chainOrder: CHAIN.filter((s) => timeline[s] !== undefined),
    manufacturers: net.producers.map((p) => p.tid as string),
    regions: [...new Set(members.map((m) => m.regionCode))].sort(),
    reportingRegions: [...reporting].filter(Boolean).sort(),
    timeline,
    members,
    sharedIdentifiers: shared(world, net, hmacKey),
    flows: [...flows.values()],
    cases: cases.map((k) => k.tid as string),
  };
}

function shared(world: World, net: Network, hmacKey: Buffer): NetworkTruth['sharedIdentifiers'] {
  const out: NetworkTruth['sharedIdentifiers'] = [];
  const tids = (xs: readonly (Party | Shop)[]) => xs.map((x) => x.tid as string);
  if (net.sharing === 'phone') {
    const phone = (net.fronts[0] as Company).phone;
    out.push({
      kind: 'Phone',
      key: phoneKey(hmacKey, phone) ?? '',
      holders: tids(net.fronts),
      note: 'front companies registered with one phone',
    });
  }
  const byRep = new Map<Person, Company[]>();
  for (const m of net.members) {
    if (m.entity.kind !== 'Company') continue;
    const list = byRep.get(m.entity.legalRep) ?? [];
    if (!list.includes(m.entity)) list.push(m.entity);
    byRep.set(m.entity.legalRep, list);
  }
  for (const [rep, firms] of byRep) {
    if (firms.length < 2) continue;
    out.push({
      kind: 'Person',
      key: personKey(hmacKey, { idNumber: rep.idNo }) ?? '',
      holders: [rep.tid as string, ...tids(firms)],
      note: `one legal representative (born ${rep.birth.slice(0, 4)}) for ${firms.length} firms`,
    });
  }
  for (const channel of ['bank', 'alipay', 'wechat'] as const) {
    const a = world.existingAccount(net.collector, channel);
    if (a)
      out.push({
        kind: 'Account',
        key: accountKey(hmacKey, channel, a.number) ?? '',
        holders: [net.collector.tid as string, ...tids([...net.collectFor].map((s) => s.entity))],
        note: `collector's personal ${channel} account receiving for several sellers`,
      });
  }
  out.push({
    kind: 'Address',
    key: addressKey(hmacKey, net.boss.home.canonical) ?? '',
    holders: tids([net.boss, net.collector]),
    note: 'organiser and collector share a household address',
  });
  return out;
}
