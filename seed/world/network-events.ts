/**
 * A planted network's activity in time order (materials → production → storage → wholesale →
 * retail, then cases): parcels between stages, payments flowing back up (often through the collector's
 * personal account), consumer sales, and the collector passing money on to the organiser.
 */
import type { Good } from '../catalog/goods.ts';
import type { Rng } from '../prng.ts';
import { businessSecond, type Event, type PayEvent, type ShipEvent } from './events.ts';
import type { Account, Channel, Party, Person, Shop } from './model.ts';
import type { Network, Seller } from './networks.ts';
import type { World } from './world.ts';

export function networkEvents(world: World, rng: Rng, net: Network): Event[] {
  const events: Event[] = [];
  const { t } = net;
  const goods = net.brand.goods;
  const sec = () => businessSecond(rng.next(), rng.next());
  const between = (from: number, to: number) => rng.int(from, Math.max(from, to));
  const investigated = new Map<Party, boolean>();
  const acct = (p: Party | Shop, channel: Channel): Account => {
    const holder = p.kind === 'Shop' ? p.operator : p;
    // Investigators pull the statements of most suspects (decided once per suspect); the collector's always.
    let pulled = investigated.get(holder);
    if (pulled === undefined) investigated.set(holder, (pulled = holder === net.collector || rng.chance(0.75)));
    return world.account(holder, channel, pulled);
  };
  const courier = () => (rng.chance(0.8) ? (net.couriers[0] as string) : (net.couriers[1] as string));
  const declared = (g: Good) => (rng.chance(0.3) ? rng.pick(['日用品', '礼品', '百货', '样品']) : g.name);
  const ship = (
    from: Party | Shop,
    to: Party | Shop,
    day: number,
    what: string,
    pieces: number,
    kg: number,
    extra: Partial<ShipEvent> = {},
  ) =>
    events.push({
      kind: 'ship',
      day,
      sec: sec(),
      from,
      to,
      courier: courier(),
      goods: what,
      pieces,
      kg: Math.round(kg * 10) / 10,
      echo: rng.chance(0.3),
      network: net.id,
      ...extra,
    });
  const pay = (
    from: Account,
    to: Account,
    day: number,
    yuan: number,
    memo: string,
    goodsName: string,
    via: PayEvent['via'],
    shop?: Shop,
  ) =>
    events.push({
      kind: 'pay',
      day,
      sec: sec(),
      from,
      to,
      amount: Math.round(yuan * 100),
      memo,
      goods: goodsName,
      via,
      network: net.id,
      ...(shop ? { shop } : {}),
    });
  const owner = (p: Party): Party => (p.kind === 'Company' && p.sole ? p.legalRep : p);

  // Each stage's first parcel leaves on the stage's start day, so stages begin in chain order.
  let first = true;
  const stageDay = (from: number, to: number) => {
    const day = first ? from : between(from, to);
    first = false;
    return day;
  };
  // Materials: labels and packaging, paid by the organiser or a front company.
  for (const s of net.suppliers) {
    for (let k = rng.int(2, 5); k > 0; k--) {
      const day = stageDay(t.materials, t.storage - 1);
      const material = rng.pick(net.category.materials);
      ship(s, rng.pick(net.producers), day, material, rng.int(1, 6), rng.int(5, 40));
      const payer = rng.chance(0.6) ? net.boss : rng.pick(net.fronts);
      pay(
        acct(payer, 'bank'),
        acct(s, 'bank'),
        day + rng.int(0, 5),
        rng.int(20, 300) * 100,
        rng.pick(['货款', '材料款', '印刷费']),
        material,
        'transfer',
      );
    }
  }
  // Production → storage: cartons of finished fakes.
  first = true;
  for (const p of net.producers) {
    for (let k = rng.int(3, 8); k > 0; k--) {
      const g = rng.pick(goods);
      const units = rng.int(10, 60) * 6;
      ship(p, rng.pick(net.warehouses), stageDay(t.storage, t.end), declared(g), Math.ceil(units / 6), units * g.kg);
    }
  }
  // Storage → wholesale, paid to a front company or the collector.
  first = true;
  for (const [i, w] of net.wholesalers.entries()) {
    for (let k = Math.round(rng.int(4, 12) / (i + 1) ** 0.5); k > 0; k--) {
      const g = rng.pick(goods);
      const units = rng.int(4, 30) * 6;
      const day = stageDay(t.wholesale, t.end);
      const sendAs = rng.chance(0.3) ? rng.pick(net.fronts) : undefined;
      ship(rng.pick(net.warehouses), w, day, declared(g), Math.ceil(units / 6), units * g.kg, sendAs ? { sendAs } : {});
      const payee = rng.chance(0.5) ? rng.pick(net.fronts) : net.collector;
      pay(
        acct(owner(w), 'bank'),
        acct(payee, 'bank'),
        day + rng.int(0, 3),
        units * rng.int(g.price[0], g.price[1]) * 0.3,
        rng.pick(['货款', '往来款', '转账']),
        g.name,
        'transfer',
      );
    }
  }
  // Wholesale → retail, with power-law fan-out.
  first = true;
  for (const s of net.sellers) sellerSupply(s);
  // Retail sales to consumers.
  first = true;
  for (const s of net.sellers) sellerSales(s);
  // The collector passes money on each month; fronts pay the producers.
  for (let day = t.wholesale + rng.int(20, 35); day < t.end; day += rng.int(25, 35)) {
    pay(acct(net.collector, 'bank'), acct(net.boss, 'bank'), day, rng.int(200, 2000) * 100, '转账', '', 'transfer');
    const producer = rng.pick(net.producers);
    if (producer !== net.boss)
      pay(
        acct(rng.pick(net.fronts), 'bank'),
        acct(owner(producer), 'bank'),
        day + rng.int(1, 5),
        rng.int(100, 1500) * 100,
        '货款',
        '',
        'transfer',
      );
  }
  return events.sort((a, b) => a.day - b.day || a.sec - b.sec);

  function sellerSupply(s: Seller): void {
    const n = 1 + Math.round(s.weight * 8) + rng.int(0, 2);
    for (let k = 0; k < n; k++) {
      const g = rng.pick(goods);
      const units = rng.int(1, 8) * 6;
      const pickup = s.kind === 'stall' && s.supplier.kind === 'Company' && s.supplier.sole && rng.chance(0.7);
      // Only a parcel from a wholesaler marks the wholesale stage (pick-ups leave no waybill).
      const fromWholesaler = !pickup && net.wholesalers.includes(s.supplier as never);
      const day = fromWholesaler ? stageDay(t.wholesale + 1, t.end) : between(t.wholesale + 1, t.end);
      if (!pickup) ship(s.supplier, s.entity, day, declared(g), Math.ceil(units / 6), units * g.kg);
      const channel: Channel = rng.weighted([
        ['wechat', 4],
        ['alipay', 3],
        ['bank', 3],
      ] as const);
      const payee: Party = net.collectFor.has(s) ? net.collector : owner(s.supplier);
      pay(
        acct(s.operator, channel),
        acct(payee, channel),
        day + rng.int(0, 2),
        units * rng.int(g.price[0], g.price[1]) * 0.4,
        rng.pick(['货款', '拿货', '转账', '']),
        g.name,
        'transfer',
      );
    }
  }

  function sellerSales(s: Seller): void {
    const [lo, hi] = world.profile.orders;
    const n = Math.round(rng.int(lo, hi) * (1 + s.weight * 2));
    const receiver = net.collectFor.has(s) ? net.collector : s.operator;
    const shop = s.entity.kind === 'Shop' ? s.entity : undefined;
    for (let k = 0; k < n; k++) {
      const g = rng.pick(goods);
      const qty = rng.int(1, 6);
      const day = stageDay(t.retail, t.end);
      const consumer = world.persons[rng.skewedIndex(world.persons.length, 1.5)] as Person;
      const yuan = qty * rng.int(g.price[0], g.price[1]) * (0.5 + rng.next() * 0.3);
      if (shop) {
        ship(shop, consumer, day, declared(g), 1, qty * g.kg + 0.3, { echo: rng.chance(0.15) });
        const channel: Channel = shop.platform === '淘宝' || rng.chance(0.4) ? 'alipay' : 'wechat';
        pay(
          world.account(consumer, channel),
          acct(receiver, channel),
          day,
          yuan,
          '',
          `${g.name}*${qty}`,
          'order',
          shop,
        );
      } else {
        const channel: Channel = rng.chance(0.6) ? 'wechat' : 'alipay';
        pay(world.account(consumer, channel), acct(receiver, channel), day, yuan, '', g.name, 'qr');
      }
    }
  }
}
