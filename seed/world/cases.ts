/**
 * Enforcement cases (DOMAIN.md §6): for each network a retail case where a seller was caught, and —
 * as the trail is followed upstream — wholesale, production and label cases big enough to be
 * transferred to the police (两法衔接). Background cases add ordinary violations and isolated
 * counterfeit sellers that belong to no network. Case numbers follow 洪红市监立〔2024〕12号 (the
 * abbreviations are inferred, DOMAIN.md §6).
 */
import { regionByCode } from '../../server/domain/regions.ts';
import { CATEGORIES, type Category, type Good } from '../catalog/goods.ts';
import { yearOf } from '../dates.ts';
import type { Rng } from '../prng.ts';
import type { Company, Person } from './model.ts';
import type { Network } from './networks.ts';
import type { World } from './world.ts';

export interface CaseRecord {
  unit: string;
  caseNo: string;
  cause: string;
  source: string;
  party: Company | Person;
  brand: string;
  goods: string;
  /** Yuan. */
  value: number;
  turnover: number;
  gains: number;
  day: number;
  status: string;
  decisionNo: string;
  fine: number;
  transfer?: { no: string; day: number; crime: string; accepted: string; acceptDay: number };
  network?: string;
  stage?: string;
  tid?: string;
}

const ABBR: Readonly<Record<string, string>> = {
  '360100': '洪',
  '360102': '洪东',
  '360103': '洪西',
  '360104': '洪青',
  '360111': '洪湖',
  '360112': '洪新',
  '360113': '洪红',
  '360121': '洪南',
  '360123': '洪安',
  '360124': '洪进',
  '360400': '浔',
  '360900': '宜',
  '361000': '抚',
  '361100': '饶',
  '360600': '鹰',
  '360500': '余',
  '360200': '景',
  '360800': '吉',
};

const ORDINARY = [
  '未按规定明码标价',
  '销售超过保质期的食品',
  '发布虚假广告',
  '未亮照经营',
  '销售不合格产品',
  '无证经营食品',
];

export class CaseBook {
  readonly cases: CaseRecord[] = [];
  private readonly counters = new Map<string, number>();

  constructor(private readonly rng: Rng) {}

  private number(unit: string, day: number, kind: '立' | '处罚' | '移'): string {
    const year = yearOf(day);
    const key = `${unit}:${year}:${kind}`;
    const n = (this.counters.get(key) ?? this.rng.int(20, 120)) + this.rng.int(1, 9);
    this.counters.set(key, n);
    const abbr = ABBR[unit] ?? regionByCode(unit)?.shortName.slice(0, 1) ?? '赣';
    return kind === '立'
      ? `${abbr}市监立〔${year}〕${n}号`
      : kind === '移'
        ? `${abbr}市监移〔${year}〕${n}号`
        : `${abbr}市监处罚〔${year}〕${n}号`;
  }

  add(
    c: Omit<CaseRecord, 'caseNo' | 'decisionNo' | 'status' | 'fine' | 'transfer'>,
    opts: { transfer?: string; windowEnd: number },
  ): CaseRecord {
    const r = this.rng;
    const caseNo = this.number(c.unit, c.day, '立');
    const closed = c.day + 90 < opts.windowEnd;
    const transferred = opts.transfer !== undefined;
    const record: CaseRecord = {
      ...c,
      caseNo,
      status: transferred ? '已移送' : closed ? '已结案' : r.pick(['调查中', '审核中', '已告知']),
      decisionNo: closed && !transferred ? this.number(c.unit, c.day + 60, '处罚') : '',
      fine: closed && !transferred ? Math.round(c.turnover * r.int(1, 3) + c.gains) : 0,
    };
    if (opts.transfer) {
      const day = Math.min(c.day + r.int(5, 30), opts.windowEnd);
      record.transfer = {
        no: this.number(c.unit, day, '移'),
        day,
        crime: opts.transfer,
        accepted: day + 3 < opts.windowEnd ? '已立案' : '审查中',
        acceptDay: day + r.int(1, 3),
      };
    }
    this.cases.push(record);
    return record;
  }
}

function qty(g: Good, n: number): string {
  return `${g.name}×${n}${g.unit}`;
}

function partyRegion(p: Company | Person): string {
  return p.kind === 'Person' ? p.home.regionCode : p.address.regionCode;
}

/** Plans the network's cases and ends its activity at the production raid. */
export function planNetworkCases(book: CaseBook, rng: Rng, net: Network, windowEnd: number): CaseRecord[] {
  const out: CaseRecord[] = [];
  const g = () => rng.pick(net.brand.goods);
  const base = { brand: net.brand.name, network: net.id };
  const seller = net.sellers[rng.skewedIndex(net.sellers.length, 1.5)];
  if (seller) {
    const party = seller.entity.kind === 'Shop' ? seller.operator : seller.entity;
    const value = rng.int(3, 40) * 1000;
    out.push(
      book.add(
        {
          ...base,
          unit: partyRegion(party),
          cause: net.category.caseCause,
          source: seller.kind === 'online' ? rng.pick(['平台监测', '投诉举报']) : rng.pick(['投诉举报', '监督检查']),
          party,
          goods: qty(g(), rng.int(6, 120)),
          value,
          turnover: value * 0.6,
          gains: value * 0.2,
          day: net.t.cases,
          stage: 'retail',
        },
        { windowEnd },
      ),
    );
  }
  let day = net.t.cases + rng.int(20, 60);
  if (rng.chance(0.6) && day < windowEnd - 10) {
    const w = rng.pick(net.wholesalers);
    const value = rng.int(60, 400) * 1000;
    out.push(
      book.add(
        {
          ...base,
          unit: partyRegion(w),
          cause: net.category.caseCause,
          source: '案件线索移交',
          party: w,
          goods: qty(g(), rng.int(200, 3000)),
          value,
          turnover: value * 0.7,
          gains: value * 0.25,
          day,
          stage: 'wholesale',
        },
        { transfer: net.category.crime, windowEnd },
      ),
    );
    day += rng.int(15, 40);
    if (rng.chance(0.55) && day < windowEnd - 10) {
      const p = net.producers[0] as Company | Person;
      const value2 = rng.int(200, 1500) * 1000;
      out.push(
        book.add(
          {
            ...base,
            unit: partyRegion(p),
            cause: net.category.id === 'agri' ? '生产不合格农药' : '生产侵犯注册商标专用权的商品',
            source: '案件线索移交',
            party: p,
            goods: qty(g(), rng.int(1000, 20000)),
            value: value2,
            turnover: value2 * 0.8,
            gains: value2 * 0.3,
            day,
            stage: 'production',
          },
          { transfer: net.category.id === 'agri' ? net.category.crime : '假冒注册商标罪', windowEnd },
        ),
      );
      net.t.end = Math.min(net.t.end, day);
      const s = net.suppliers[0];
      if (s && rng.chance(0.3)) {
        out.push(
          book.add(
            {
              ...base,
              unit: s.address.regionCode,
              cause: '制造侵犯注册商标专用权的商标标识',
              source: '案件线索移交',
              party: s,
              goods: `${rng.pick(net.category.materials)}×${rng.int(20, 90) * 1000}枚`,
              value: rng.int(30, 120) * 1000,
              turnover: 30000,
              gains: 10000,
              day: day + rng.int(3, 15),
              stage: 'materials',
            },
            { transfer: '非法制造、销售非法制造的注册商标标识罪', windowEnd },
          ),
        );
      }
    }
  }
  return out;
}

/** Ordinary violations and isolated counterfeit sellers: cases that belong to no network. */
export function planBackgroundCases(
  book: CaseBook,
  rng: Rng,
  world: World,
  count: number,
  window: { start: number; end: number },
): void {
  for (let i = 0; i < count; i++) {
    const c = rng.pick(world.companies);
    const decoy = rng.chance(0.35);
    const category: Category | undefined = decoy
      ? (CATEGORIES.find((k) => k.id === c.category) ?? rng.pick(CATEGORIES))
      : undefined;
    const brand = category ? rng.pick(category.brands) : undefined;
    const party: Company | Person = c.sole || rng.chance(0.7) ? c : c.legalRep;
    const value = rng.int(1, 30) * 1000;
    book.add(
      {
        unit: partyRegion(party),
        cause: category ? category.caseCause : rng.pick(ORDINARY),
        source: rng.pick(['投诉举报', '监督检查', '平台监测', '上级交办']),
        party,
        brand: brand?.name ?? '',
        goods: brand ? qty(rng.pick(brand.goods), rng.int(2, 60)) : '',
        value,
        turnover: value * 0.5,
        gains: value * 0.1,
        day: rng.int(window.start + 30, window.end - 5),
      },
      { windowEnd: window.end },
    );
  }
}
