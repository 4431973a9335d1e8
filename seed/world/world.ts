/**
 * The background population: ordinary people, legitimate firms (many in the same trades as the
 * planted networks), online shops, legitimate distributor → retailer chains, and the hub places
 * and accounts they share. Networks are planted into this world afterwards (./networks.ts).
 */
import { BACKGROUND_INDUSTRIES } from '../catalog/names.ts';
import { CATEGORIES, type Category } from '../catalog/goods.ts';
import { MARKETS, REGISTRATION_AGENTS, TOWERS, URBAN_WEIGHTS } from '../catalog/places.ts';
import { dayOf } from '../dates.ts';
import type { SizeProfile } from '../options.ts';
import type { Rng } from '../prng.ts';
import type { TruthRecorder } from '../truth.ts';
import { agentAddress, hubAddress, streetAddress } from './address.ts';
import { CompanyFactory } from './companies.ts';
import { IdFactory } from './ids.ts';
import type { Account, Channel, Company, Party, Person, Shop } from './model.ts';
import { makePerson } from './people.ts';

export const PLATFORMS: readonly (readonly [string, number])[] = [
  ['淘宝', 35],
  ['拼多多', 25],
  ['抖音', 20],
  ['京东', 8],
  ['快手', 7],
  ['微店', 5],
];
const SHOP_SUFFIX = ['专营店', '小店', '优选', '好物店', '直营店', '精品店'];

/** Area codes for company landlines by prefecture. */
const AREA_CODES: Readonly<Record<string, string>> = {
  '3601': '0791',
  '3604': '0792',
  '3611': '0793',
  '3610': '0794',
  '3609': '0795',
  '3608': '0796',
  '3602': '0798',
  '3605': '0790',
  '3606': '0701',
};

export interface LegitChain {
  supplier: Company;
  customers: (Company | Shop)[];
  category: Category;
}

export class World {
  readonly ids: IdFactory;
  readonly firms: CompanyFactory;
  readonly persons: Person[] = [];
  readonly companies: Company[] = [];
  readonly shops: Shop[] = [];
  readonly chains: LegitChain[] = [];
  /** Background accounts whose statements/bills are exported (the traffic generator starts from them). */
  readonly exported: Record<Channel, Account[]> = { bank: [], alipay: [], wechat: [] };
  private readonly accounts = new Map<Party, Partial<Record<Channel, Account>>>();

  constructor(
    readonly rng: Rng,
    readonly profile: SizeProfile,
    readonly truth: TruthRecorder,
    /** First day of the export window. */
    readonly startDay: number,
  ) {
    this.ids = new IdFactory(rng.fork('ids'));
    this.firms = new CompanyFactory(rng.fork('firms'), this.ids);
  }

  landline(regionCode: string): string {
    const area = AREA_CODES[regionCode.slice(0, 4)] ?? '0791';
    return `${area}-${this.rng.int(2, 8)}${this.ids.unique('landline', 7)}`;
  }

  /** Account of a party on a channel, created on first use. */
  account(party: Party, channel: Channel, exported = false): Account {
    // WeChat Pay accounts are personal: a firm's QR code pays into its owner's account.
    const holder = channel === 'wechat' && party.kind === 'Company' ? party.legalRep : party;
    let byChannel = this.accounts.get(holder);
    if (!byChannel) this.accounts.set(holder, (byChannel = {}));
    let a = byChannel[channel];
    if (!a) {
      const { number, bank } =
        channel === 'bank'
          ? holder.kind === 'Company' && !holder.sole
            ? this.ids.corporateAccount()
            : this.ids.bankCard()
          : { number: channel === 'alipay' ? this.ids.alipayUserId() : this.ids.wechatId(), bank: '' };
      a = {
        channel,
        number,
        holder,
        bank,
        exported,
        balance: this.rng.int(2_000, holder.kind === 'Company' ? 2_000_000 : 80_000) * 100,
      };
      byChannel[channel] = a;
    } else if (exported) a.exported = true;
    return a;
  }

  existingAccount(holder: Party, channel: Channel): Account | undefined {
    return this.accounts.get(holder)?.[channel];
  }

  private track(kind: 'Person' | 'Company' | 'Shop', entity: Person | Company | Shop, label: string): void {
    if (this.rng.chance(this.profile.identitySampleRate)) entity.tid = this.truth.register(kind, label);
  }

  private region(): string {
    return this.rng.weighted(URBAN_WEIGHTS);
  }

  build(): void {
    const r = this.rng;
    for (let i = 0; i < this.profile.bgPersons; i++) {
      const p = makePerson(r, this.ids, { regionCode: this.region() });
      this.track('Person', p, p.name);
      this.persons.push(p);
    }
    for (let i = 0; i < this.profile.bgCompanies; i++) this.companies.push(this.backgroundCompany());
    for (let i = 0; i < this.profile.bgShops; i++) this.shops.push(this.backgroundShop());
    this.buildChains();
    this.pickExported();
  }

  /** A legal rep from the pool; skewed so some people represent several firms (legitimately). */
  private rep(): Person {
    return this.persons[this.rng.skewedIndex(this.persons.length, 1.3)] as Person;
  }

  private backgroundCompany(): Company {
    const r = this.rng;
    const trade = r.chance(0.45) ? r.weighted(CATEGORIES.map((c) => [c, c.weight] as const)) : undefined;
    const sole = r.chance(0.35);
    const [industry, scope] = trade ? [r.pick(trade.industries), trade.scope] : r.pick(BACKGROUND_INDUSTRIES);
    const code = this.region();
    let address = streetAddress(r, code);
    if (sole && trade && r.chance(0.5)) {
      const market = MARKETS.find((m) => m.id === trade.market) ?? (MARKETS[0] as (typeof MARKETS)[number]);
      address = hubAddress(r, market, 'market', r.chance(0.6));
    } else if (!sole && r.chance(0.12)) address = agentAddress(r.pick(REGISTRATION_AGENTS));
    else if (!sole && r.chance(0.15)) address = hubAddress(r, r.pick(TOWERS), 'tower', true);
    const legalRep = this.rep();
    const c = this.firms.make({
      address,
      legalRep,
      industry,
      scope,
      sole,
      founded: r.int(dayOf(2006, 1, 1), this.startDay - 30),
      cityLevel: !sole && r.chance(0.1),
      ...(trade ? { category: trade.id } : {}),
      ...(!sole && r.chance(0.5) ? { phone: this.landline(address.regionCode) } : {}),
    });
    this.track('Company', c, c.name);
    return c;
  }

  shopName(core: string, category?: Category): string {
    const word = category
      ? this.rng.pick(category.industries)
      : this.rng.pick(['百货', '家居', '数码', '服饰', '食品', '母婴']);
    return `${core}${word}${this.rng.pick(SHOP_SUFFIX)}`;
  }

  private backgroundShop(): Shop {
    const r = this.rng;
    const category = r.chance(0.4) ? r.pick(CATEGORIES) : undefined;
    const operator: Person | Company = r.chance(0.75) ? this.rep() : (r.pick(this.companies) as Company);
    const platform = r.weighted(PLATFORMS);
    const core =
      operator.kind === 'Company' ? operator.core : operator.name.slice(-1) + r.pick(['记', '家', '氏', '小铺']);
    const s: Shop = {
      kind: 'Shop',
      platform,
      shopId: this.ids.shopId(platform),
      name: this.shopName(core, category),
      operator,
      // Nobody opens a shop before turning 18.
      opened: r.int(
        Math.max(
          dayOf(2014, 1, 1),
          operator.kind === 'Person' ? dayOf(Number(operator.birth.slice(0, 4)) + 18, 6, 1) : 0,
        ),
        this.startDay - 10,
      ),
      ...(category ? { category: category.id } : {}),
    };
    this.track('Shop', s, s.name);
    return s;
  }

  private buildChains(): void {
    const r = this.rng;
    const suppliers = this.companies.filter((c) => c.category && !c.sole);
    const retail = [...this.companies.filter((c) => c.category && c.sole), ...this.shops.filter((s) => s.category)];
    for (let i = 0; i < this.profile.legitChains && suppliers.length > 0; i++) {
      const supplier = r.pick(suppliers);
      const category = CATEGORIES.find((c) => c.id === supplier.category) as Category;
      const same = retail.filter((x) => x.category === category.id);
      if (same.length < 3) continue;
      this.chains.push({ supplier, customers: r.sample(same, r.int(3, 15)), category });
    }
  }

  /** Which background accounts have their statements among the exports. */
  private pickExported(): void {
    const r = this.rng;
    for (const c of this.companies)
      if (r.chance(c.sole ? 0.1 : 0.2)) this.exported.bank.push(this.account(c, 'bank', true));
    for (const s of this.shops) {
      const op = s.operator;
      if (r.chance(0.4)) this.exported.alipay.push(this.account(op, 'alipay', true));
      if (op.kind === 'Person' && r.chance(0.15)) this.exported.wechat.push(this.account(op, 'wechat', true));
    }
    for (const p of this.persons) {
      if (r.chance(0.02)) this.exported.bank.push(this.account(p, 'bank', true));
      if (r.chance(0.01)) this.exported.wechat.push(this.account(p, 'wechat', true));
    }
    for (const c of this.companies)
      if (c.sole && r.chance(0.3)) this.exported.wechat.push(this.account(c.legalRep, 'wechat', true));
  }
}
