/**
 * Legitimate traffic, made day by day so nothing large is held in memory: online shops and traders
 * sending parcels to consumers, distributors supplying their retailers, people and firms paying each
 * other, platform top-ups and withdrawals. It shares couriers, markets, towers and payment platforms
 * with the planted networks, which is what makes those hubs dangerous to join on.
 */
import { CATEGORIES, EVERYDAY_GOODS } from '../catalog/goods.ts';
import { PAYMENT_PLATFORMS } from '../catalog/places.ts';
import { dayOf } from '../dates.ts';
import type { Rng } from '../prng.ts';
import { rowsOf, type Event } from './events.ts';
import type { Account, Company, Party, Person, Shop } from './model.ts';
import type { World } from './world.ts';

const COURIER_SHARE: readonly (readonly [string, number])[] = [
  ['ZTO', 22],
  ['YTO', 16],
  ['YD', 15],
  ['STO', 11],
  ['JTSD', 10],
  ['SF', 9],
  ['JD', 7],
  ['EMS', 6],
  ['DBL', 4],
];

export class BackgroundTraffic {
  private readonly platformAccounts: Account[];
  private readonly shopOf = new Map<Party, Shop>();
  private readonly courierShare: readonly (readonly [string, number])[];

  constructor(
    private readonly world: World,
    private readonly rng: Rng,
  ) {
    // Payment platforms as bank counterparties: hub accounts shared by everyone topping up or withdrawing.
    const anyone = world.persons[0] as Person;
    this.platformAccounts = PAYMENT_PLATFORMS.map((p) => {
      const holder: Company = {
        kind: 'Company',
        name: p.name,
        normalName: p.name,
        core: p.name,
        industry: '',
        sole: false,
        uscc: world.ids.uscc(false, '330100', dayOf(2004, 12, 8)),
        regCode: '330100',
        address: anyone.home,
        legalRep: anyone,
        phone: '95188',
        founded: dayOf(2004, 12, 8),
        scope: '',
        capital: 0,
      };
      return { channel: 'bank', number: p.account, holder, bank: p.bank, exported: false, balance: 0 };
    });
    this.courierShare = COURIER_SHARE.filter(([c]) => world.profile.couriers.includes(c));
    for (const s of world.shops) if (!this.shopOf.has(s.operator)) this.shopOf.set(s.operator, s);
  }

  private person(): Person {
    return this.world.persons[this.rng.skewedIndex(this.world.persons.length, 1.5)] as Person;
  }

  private sender(): Party | Shop {
    const { shops, companies } = this.world;
    if (shops.length > 0 && this.rng.chance(0.7)) return shops[this.rng.skewedIndex(shops.length, 2.2)] as Shop;
    return companies[this.rng.skewedIndex(companies.length, 1.8)] as Company;
  }

  /**
   * Events of one hour of a day whose rows add up to about `targetRows`. Made an hour at a time so
   * they are written and dropped while young (cheap for the garbage collector).
   */
  hour(day: number, hour: number, targetRows: number): Event[] {
    const out: Event[] = [];
    const r = this.rng;
    let rows = 0;
    while (rows < targetRows) {
      const e = this.event(day, hour * 3600 + Math.floor(r.next() * 3600), r.next());
      if (!e) continue;
      rows += rowsOf(e);
      out.push(e);
    }
    return out;
  }

  private event(day: number, sec: number, u: number): Event | null {
    const r = this.rng;
    const w = this.world;
    if (u < 0.58) {
      const chain = w.chains.length > 0 && r.chance(0.12) ? r.pick(w.chains) : undefined;
      const [good, kg] = chain ? [r.pick(r.pick(chain.category.brands).goods).name, r.int(5, 60)] : this.everyday();
      const from = chain ? chain.supplier : this.sender();
      const to = chain ? r.pick(chain.customers) : this.person();
      return {
        kind: 'ship',
        day,
        sec,
        from,
        to,
        courier: r.weighted(this.courierShare),
        goods: good,
        pieces: chain ? r.int(1, 10) : 1,
        kg,
        echo: r.chance(0.03),
      };
    }
    if (u < 0.74) {
      const a = w.exported.bank[r.skewedIndex(w.exported.bank.length, 1.6)];
      if (!a) return null;
      const v = r.next();
      let other: Account;
      if (v < 0.3) other = r.pick(this.platformAccounts);
      else if (v < 0.65) other = w.account(w.companies[r.skewedIndex(w.companies.length, 1.4)] as Company, 'bank');
      else other = w.account(this.person(), 'bank');
      const out = r.chance(0.5);
      const memo =
        other.holder.name.includes('支付') || other.holder.name.includes('财付通')
          ? r.pick(['支付宝提现', '财付通快捷支付', '余额宝转入', '微信零钱提现'])
          : r.pick(['货款', '工资', '转账', '报销', '租金', '往来款', '服务费']);
      return {
        kind: 'pay',
        day,
        sec,
        from: out ? a : other,
        to: out ? other : a,
        amount: r.int(50, 50_000) * 100,
        memo,
        goods: '',
        via: 'transfer',
      };
    }
    if (u < 0.88) {
      const a = w.exported.alipay[r.skewedIndex(w.exported.alipay.length, 1.6)];
      if (!a) return null;
      const shop = this.shopOf.get(a.holder);
      const [good] = this.everyday();
      const buyer = w.account(this.person(), 'alipay');
      return {
        kind: 'pay',
        day,
        sec,
        from: buyer,
        to: a,
        amount: r.int(9, 800) * 100 + r.int(0, 99),
        memo: '',
        goods: good,
        via: 'order',
        ...(shop ? { shop } : {}),
      };
    }
    const a = w.exported.wechat[r.skewedIndex(w.exported.wechat.length, 1.6)];
    if (!a) return null;
    const other = w.account(this.person(), 'wechat');
    const incoming = r.chance(0.6);
    return {
      kind: 'pay',
      day,
      sec,
      from: incoming ? other : a,
      to: incoming ? a : other,
      amount: r.int(5, 3000) * 100,
      memo: '',
      goods: '',
      via: incoming && r.chance(0.6) ? 'qr' : 'transfer',
    };
  }

  private everyday(): [string, number] {
    const r = this.rng;
    if (r.chance(0.15)) {
      const c = r.pick(CATEGORIES);
      return [r.pick(r.pick(c.brands).goods).name, r.int(1, 5)];
    }
    const [name, kg] = r.weighted(EVERYDAY_GOODS.map((g) => [[g[0], g[1]] as const, g[2]] as const));
    return [name, Math.round(kg * (0.5 + r.next()) * 10) / 10];
  }
}
