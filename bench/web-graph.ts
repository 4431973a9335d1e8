/**
 * The graph `npm run bench:web` renders: deterministic (seeded), clustered like the networks the
 * workbench shows. Communities of 20–400 entities (sizes skewed small) each have a few local hubs
 * that most of their edges touch; a few global hubs (a wholesale-market address, a logistics account,
 * a counterfeited brand …) tie many communities together; the rest of the cross-community edges join
 * neighbouring communities. Layout is precomputed here, not in the page: communities sit on a
 * sunflower spiral with a disc each in proportion to their size, members on a jittered sunflower
 * inside it, local hubs at its centre.
 */
import { REL_TYPES, type EntityLabel, type RelType } from '../server/domain/model.ts';
import { CATEGORIES } from '../seed/catalog/goods.ts';
import { BACKGROUND_INDUSTRIES, CORE_CHARS, GIVEN_FEMALE, GIVEN_MALE, SURNAMES } from '../seed/catalog/names.ts';
import { PLACES } from '../seed/catalog/places.ts';
import { Rng } from '../seed/prng.ts';
import { REGIONS } from '../server/domain/regions.ts';
import type { BenchEdge, BenchGraph, BenchNode } from '../web/bench/protocol.ts';

export const DEFAULTS = { nodes: 20_000, edges: 60_000, seed: 7, minCommunity: 20, maxCommunity: 400, globalHubs: 30 };
export type WebGraphOptions = typeof DEFAULTS;

/** Entity mix inside a community (a network's parties and the traces they leave). */
const LABEL_MIX: readonly (readonly [EntityLabel, number])[] = [
  ['Company', 22],
  ['Person', 28],
  ['Shop', 10],
  ['Address', 10],
  ['Phone', 8],
  ['Account', 7],
  ['Shipment', 9],
  ['Payment', 5],
  ['Case', 0.6],
  ['Brand', 0.4],
];
const HUB_LABELS: readonly EntityLabel[] = ['Address', 'Account', 'Brand', 'Company', 'Phone'];
const GOLDEN = Math.PI * (3 - Math.sqrt(5));

const CITIES = REGIONS.filter((r) => r.level === 'city').map((r) => r.name);
const ROADS = Object.values(PLACES).flatMap((p) => p.roads);
const BRANDS = CATEGORIES.flatMap((c) => c.brands.map((b) => b.name));

function entityName(rng: Rng, label: EntityLabel): string {
  const core = () => rng.pick(CORE_CHARS) + rng.pick(CORE_CHARS);
  switch (label) {
    case 'Company':
      return `${rng.pick(CITIES)}${core()}${rng.pick(BACKGROUND_INDUSTRIES)[0]}有限公司`;
    case 'Person':
      return rng.weighted(SURNAMES) + rng.pick(rng.chance(0.55) ? GIVEN_MALE : GIVEN_FEMALE) + rng.pick(GIVEN_MALE);
    case 'Shop':
      return `${core()}${rng.pick(['旗舰店', '专营店', '批发部', '商行'])}`;
    case 'Address':
      return `${rng.pick(CITIES)}${rng.pick(ROADS)}${rng.int(1, 999)}号`;
    case 'Phone':
      return `1${rng.pick(['35', '38', '39', '58', '59', '87', '88'])}${rng.digits(8)}`;
    case 'Account':
      return `6222 **** ${rng.digits(4)}`;
    case 'Shipment':
      return `SF${rng.digits(12)}`;
    case 'Payment':
      return `交易 ${rng.digits(10)}`;
    case 'Case':
      return `赣市监处罚〔${rng.int(2019, 2025)}〕${rng.int(1, 400)}号`;
    case 'Brand':
      return rng.pick(BRANDS);
  }
}

/** For each ordered pair of labels, the relationship types that may join them (either direction). */
const RELS = new Map<string, { type: RelType; reversed: boolean }[]>();
for (const [type, spec] of Object.entries(REL_TYPES) as [RelType, (typeof REL_TYPES)[RelType]][]) {
  for (const from of spec.from as readonly EntityLabel[]) {
    for (const to of spec.to as readonly EntityLabel[]) {
      for (const [key, reversed] of [[`${from}>${to}`, false] as const, [`${to}>${from}`, true] as const]) {
        RELS.set(key, [...(RELS.get(key) ?? []), { type, reversed }]);
      }
    }
  }
}

function communitySizes(rng: Rng, o: WebGraphOptions): number[] {
  const sizes: number[] = [];
  let left = o.nodes - o.globalHubs;
  while (left > 0) {
    // Log-uniform with a squared draw: most communities small, a few near the maximum.
    const size = Math.round(o.minCommunity * (o.maxCommunity / o.minCommunity) ** (rng.next() ** 2));
    const take = left - size < o.minCommunity ? left : size;
    sizes.push(take);
    left -= take;
  }
  return sizes;
}

export function webGraph(options: Partial<WebGraphOptions> = {}): BenchGraph {
  const o = { ...DEFAULTS, ...options };
  const rng = new Rng(`bench:web/${o.seed}`);
  const nodes: BenchNode[] = [];
  const community: number[] = [];
  const starts: number[] = [];
  const sizes = communitySizes(rng.fork('sizes'), o);
  const names = rng.fork('names');
  const place = rng.fork('layout');
  let area = 0;
  for (const [c, size] of sizes.entries()) {
    const radius = 6 * Math.sqrt(size);
    area += (radius + 25) ** 2;
    const spiral = Math.sqrt(area) * 1.4;
    const cx = spiral * Math.cos(c * GOLDEN);
    const cy = spiral * Math.sin(c * GOLDEN);
    starts.push(nodes.length);
    for (let i = 0; i < size; i++) {
      const label = rng.weighted(LABEL_MIX);
      const r = radius * Math.sqrt((i + 0.5) / size) + (place.next() - 0.5) * 6;
      const a = i * GOLDEN + (place.next() - 0.5) * 0.6;
      nodes.push([label, entityName(names, label), round(cx + r * Math.cos(a)), round(cy + r * Math.sin(a)), 0]);
      community.push(c);
    }
  }
  // Global hubs sit at the centre of a community, one every few communities.
  const hubs: number[] = [];
  for (let h = 0; h < o.globalHubs; h++) {
    const home = Math.floor((h * sizes.length) / o.globalHubs);
    const [, , x, y] = nodes[starts[home] as number] as BenchNode;
    const label = rng.pick(HUB_LABELS);
    hubs.push(nodes.length);
    nodes.push([label, entityName(names, label), x + 3, y - 3, 1]);
    community.push(home);
  }

  const edges: BenchEdge[] = [];
  const seen = new Set<number>();
  const link = (a: number, b: number): boolean => {
    if (a === b) return false;
    const key = Math.min(a, b) * o.nodes + Math.max(a, b);
    if (seen.has(key)) return false;
    seen.add(key);
    const [la] = nodes[a] as BenchNode;
    const [lb] = nodes[b] as BenchNode;
    const rels = RELS.get(`${la}>${lb}`);
    const rel = rels ? rng.pick(rels) : undefined;
    edges.push(rel?.reversed ? [b, a, rel.type] : [a, b, rel?.type ?? null]);
    return true;
  };
  const member = (c: number) => (starts[c] as number) + rng.skewedIndex(sizes[c] as number, 2.2);
  const hubEdges = Math.round(o.edges * 0.1);
  const crossEdges = Math.round(o.edges * 0.05);
  const target = (n: number) => edges.length < n;
  while (target(hubEdges)) {
    const hub = hubs[rng.skewedIndex(hubs.length, 1.5)] as number;
    const c = (community[hub] as number) + Math.round((rng.next() - 0.5) * 0.3 * sizes.length);
    link(hub, member(Math.max(0, Math.min(sizes.length - 1, c))));
  }
  while (target(hubEdges + crossEdges)) {
    const c = rng.int(0, sizes.length - 1);
    const d = Math.max(0, Math.min(sizes.length - 1, c + rng.int(-8, 8)));
    if (c !== d) link(member(c), member(d));
  }
  // Intra-community edges, in proportion to size (a uniform member, then one of its community
  // skewed towards the local hubs).
  const members = nodes.length - hubs.length;
  while (target(o.edges)) {
    const a = rng.int(0, members - 1);
    link(a, member(community[a] as number));
  }
  return { nodes, edges };
}

const round = (x: number) => Math.round(x * 100) / 100;
