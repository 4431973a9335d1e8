/**
 * Plants counterfeit networks (DOMAIN.md §7): production sites in rural counties or a neighbouring
 * county, label/packaging suppliers, warehouses, market-stall wholesalers, front companies that share
 * an elderly nominee legal rep or one phone, 5–40 sellers (shops, stalls, online shops) with a
 * power-law fan-out from the wholesalers, and one relative's personal account collecting for several
 * sellers. Members are registered in the truth; their events are made by ./network-events.ts.
 */
import { CATEGORIES, type Brand, type Category } from '../catalog/goods.ts';
import {
  MARKETS,
  REGISTRATION_AGENTS,
  RETAIL_DISTRICTS,
  RURAL_COUNTIES,
  TOWERS,
  WAREHOUSE_DISTRICTS,
} from '../catalog/places.ts';
import { dayOf } from '../dates.ts';
import type { Rng } from '../prng.ts';
import { agentAddress, hubAddress, ruralAddress, streetAddress } from './address.ts';
import type { Company, Party, Person, Shop } from './model.ts';
import { makePerson } from './people.ts';
import { PLATFORMS, type World } from './world.ts';

export type Stage = 'materials' | 'production' | 'storage' | 'wholesale' | 'retail' | 'finance';

export interface Member {
  entity: Person | Company | Shop;
  stage: Stage;
  role: string;
}

export interface Seller {
  kind: 'online' | 'store' | 'stall';
  /** The Shop (online) or the sole-trader firm (store, stall). */
  entity: Shop | Company;
  operator: Person;
  supplier: Party;
  /** Relative size: how many wholesale deliveries and sales it gets. */
  weight: number;
}

export interface Network {
  id: string;
  category: Category;
  brand: Brand;
  members: Member[];
  boss: Person;
  producers: Party[];
  suppliers: Company[];
  warehouses: Party[];
  wholesalers: Company[];
  fronts: Company[];
  sellers: Seller[];
  collector: Person;
  collectFor: Set<Seller>;
  couriers: string[];
  /** Stage start days: materials, production, storage, wholesale, retail, first case; and the last active day. */
  t: {
    materials: number;
    production: number;
    storage: number;
    wholesale: number;
    retail: number;
    cases: number;
    end: number;
  };
  sharing: 'legal-rep' | 'phone';
}

const NETWORK_COURIERS: readonly (readonly [string, number])[] = [
  ['ZTO', 5],
  ['YTO', 4],
  ['STO', 3],
  ['YD', 4],
  ['JTSD', 3],
  ['SF', 1],
  ['DBL', 2],
  ['EMS', 1],
];

export function plantNetwork(
  world: World,
  rng: Rng,
  id: string,
  window: { start: number; end: number },
  /** Forced category (the first networks of a run cover every category); weighted pick otherwise. */
  forced?: Category,
): Network {
  const { ids, firms } = world;
  const category = forced ?? rng.weighted(CATEGORIES.map((c) => [c, c.weight] as const));
  const brand = rng.pick(category.brands);
  const prodRegion = rng.pick(RURAL_COUNTIES);
  const boss = makePerson(rng, ids, { regionCode: rng.chance(0.5) ? prodRegion : rng.pick(WAREHOUSE_DISTRICTS) });
  const surname = boss.name.startsWith('欧阳') ? '欧阳' : boss.name.slice(0, 1);
  const relative = (code: string, rural = false) => makePerson(rng, ids, { regionCode: code, surname, rural });
  const nominee = makePerson(rng, ids, { regionCode: rng.pick(RURAL_COUNTIES), elderly: true, rural: true });
  const members: Member[] = [{ entity: boss, stage: 'production', role: 'organiser' }];
  const add = (entity: Person | Company | Shop, stage: Stage, role: string) => members.push({ entity, stage, role });
  const founded = () => rng.int(dayOf(2016, 1, 1), window.start - 20);

  const start = window.start + rng.int(0, Math.max(1, window.end - window.start - 330));
  const t = {
    materials: start,
    production: start + rng.int(8, 15),
    storage: start + rng.int(20, 28),
    wholesale: start + rng.int(30, 36),
    retail: start + rng.int(38, 45),
    cases: 0,
    end: window.end,
  };
  t.cases = Math.min(t.retail + rng.int(90, 200), window.end - 20);

  const producers: Party[] = [];
  for (
    let i = 0,
      n = rng.weighted([
        [1, 5],
        [2, 3],
        [3, 2],
      ] as const);
    i < n;
    i++
  ) {
    const code = i === 0 ? prodRegion : rng.pick(RURAL_COUNTIES);
    if (rng.chance(0.55)) {
      const rep = rng.chance(0.5) ? nominee : relative(code, true);
      const c = firms.make({
        address: ruralAddress(rng, code),
        legalRep: rep,
        industry: rng.pick(category.industries),
        scope: category.scope,
        sole: false,
        founded: founded(),
        category: category.id,
      });
      producers.push(c);
      add(c, 'production', 'manufacturer');
      if (rep !== nominee) add(rep, 'production', 'legal-rep');
    } else {
      const p = i === 0 ? boss : relative(code, true);
      p.home = ruralAddress(rng, code);
      producers.push(p);
      if (p !== boss) add(p, 'production', 'manufacturer');
    }
  }
  if (producers.includes(boss)) (members[0] as Member).role = 'manufacturer';

  const suppliers: Company[] = [];
  for (
    let i = 0,
      n = rng.weighted([
        [0, 3],
        [1, 5],
        [2, 2],
      ] as const);
    i < n;
    i++
  ) {
    const code = rng.pick(['360104', '361002', '360600', '360981', '360111']);
    const c = firms.make({
      address: streetAddress(rng, code),
      legalRep: makePerson(rng, ids, { regionCode: code }),
      industry: rng.pick(['印务', '包装', '彩印', '包装材料']),
      scope: '包装装潢印刷品印刷；包装材料销售',
      sole: false,
      founded: rng.int(dayOf(2010, 1, 1), window.start - 60),
    });
    suppliers.push(c);
    add(c, 'materials', 'label-supplier');
  }

  const warehouses: Party[] = [];
  for (
    let i = 0,
      n = rng.weighted([
        [1, 5],
        [2, 3],
        [3, 1],
      ] as const);
    i < n;
    i++
  ) {
    const code = rng.pick(WAREHOUSE_DISTRICTS);
    if (rng.chance(0.5)) {
      const p = relative(code, rng.chance(0.5));
      warehouses.push(p);
      add(p, 'storage', 'warehouse-keeper');
    } else {
      const c = firms.make({
        address: streetAddress(rng, code),
        legalRep: rng.chance(0.6) ? nominee : relative(code),
        industry: rng.pick(['仓储', '物流', '仓储服务']),
        scope: '仓储服务（不含危险品）；普通货物道路运输',
        sole: false,
        founded: founded(),
      });
      warehouses.push(c);
      add(c, 'storage', 'warehouse');
    }
  }

  const market = MARKETS.find((m) => m.id === category.market) ?? (MARKETS[0] as (typeof MARKETS)[number]);
  const wholesalers: Company[] = [];
  for (let i = 0, n = rng.int(1, 4); i < n; i++) {
    const op =
      i === 0 && rng.chance(0.5)
        ? relative(market.regionCode)
        : makePerson(rng, ids, { regionCode: market.regionCode });
    const c = firms.make({
      address: hubAddress(rng, market, 'market', rng.chance(0.7)),
      legalRep: op,
      industry: rng.pick(category.industries),
      scope: category.scope,
      sole: true,
      founded: founded(),
      category: category.id,
    });
    wholesalers.push(c);
    add(c, 'wholesale', 'wholesaler');
    add(op, 'wholesale', 'stall-operator');
  }

  const collector = relative(boss.home.regionCode);
  collector.home = boss.home;
  add(collector, 'finance', 'collector');

  const sharing = rng.chance(0.5) ? 'legal-rep' : 'phone';
  const sharedPhone = rng.chance(0.5) ? boss.phone : collector.phone;
  const fronts: Company[] = [];
  const frontCount = rng.int(2, Math.min(7, 2 + Math.floor(world.profile.sellers[1] / 8)));
  for (let i = 0; i < frontCount; i++) {
    const address = rng.chance(0.6)
      ? agentAddress(rng.pick(REGISTRATION_AGENTS))
      : hubAddress(rng, rng.pick(TOWERS), 'tower', true);
    const rep =
      sharing === 'legal-rep'
        ? nominee
        : makePerson(rng, ids, { regionCode: address.regionCode, elderly: rng.chance(0.5) });
    const c = firms.make({
      address,
      legalRep: rep,
      industry: rng.pick(['贸易', '商贸', '电子商务', '供应链管理']),
      scope: '日用百货、预包装食品、化妆品销售；互联网销售',
      sole: false,
      founded: founded(),
      phone: sharing === 'phone' ? sharedPhone : rep.phone,
      cityLevel: rng.chance(0.2),
    });
    fronts.push(c);
    add(c, 'wholesale', 'front-company');
    if (rep !== nominee) add(rep, 'wholesale', 'legal-rep');
  }
  if (members.some((m) => m.entity.kind === 'Company' && (m.entity as Company).legalRep === nominee))
    add(nominee, 'finance', 'nominee-legal-rep');

  const sellers: Seller[] = [];
  const wholesaleWeights = wholesalers.map((w, i) => [w, 1 / (i + 1) ** 1.2] as const);
  const n = rng.int(world.profile.sellers[0], world.profile.sellers[1]);
  for (let i = 0; i < n; i++) {
    const code = rng.weighted(RETAIL_DISTRICTS);
    const operator = makePerson(rng, ids, { regionCode: code });
    const kind = rng.weighted([
      ['online', 45],
      ['store', 35],
      ['stall', 20],
    ] as const);
    const supplier: Party = rng.chance(0.15) ? rng.pick(warehouses) : rng.weighted(wholesaleWeights);
    const weight = 1 / (i + 1) ** 0.8;
    let entity: Shop | Company;
    if (kind === 'online') {
      const platform = rng.weighted(PLATFORMS);
      entity = {
        kind: 'Shop',
        platform,
        shopId: ids.shopId(platform),
        name: world.shopName(operator.name.slice(-1) + rng.pick(['记', '家', '小铺', '优品']), category),
        operator,
        opened: founded(),
        category: category.id,
      };
      add(entity, 'retail', 'online-shop');
    } else {
      const address = kind === 'stall' ? hubAddress(rng, market, 'market', true) : streetAddress(rng, code);
      entity = firms.make({
        address,
        legalRep: operator,
        industry: rng.pick(category.industries),
        scope: category.scope,
        sole: true,
        founded: founded(),
        category: category.id,
      });
      add(entity, 'retail', kind === 'stall' ? 'market-stall' : 'shop');
    }
    add(operator, 'retail', 'operator');
    sellers.push({ kind, entity, operator, supplier, weight });
  }
  const collectFor = new Set(rng.sample(sellers, rng.int(3, Math.min(8, sellers.length))));
  const usable = NETWORK_COURIERS.filter(([c]) => world.profile.couriers.includes(c));
  const couriers = [rng.weighted(usable), rng.weighted(usable)];
  return {
    id,
    category,
    brand,
    members,
    boss,
    producers,
    suppliers,
    warehouses,
    wholesalers,
    fronts,
    sellers,
    collector,
    collectFor,
    couriers,
    t,
    sharing,
  };
}
