/**
 * Firms: companies (USCC 91…) and sole traders (个体工商户, 92…) with unique distinctive names, and the
 * many ways other records write those names (南昌XX贸易有限公司 / XX贸易 / 江西XX商贸有限公司).
 * Every non-typo rendering normalises to the same `normalName`, which the generator checks.
 */
import { normaliseCompanyName } from '../../server/domain/keys.ts';
import { regionByCode } from '../../server/domain/regions.ts';
import { CORE_CHARS } from '../catalog/names.ts';
import type { CategoryId } from '../catalog/goods.ts';
import { dayOf } from '../dates.ts';
import type { Rng } from '../prng.ts';
import type { IdFactory } from './ids.ts';
import type { Address, Company, Person } from './model.ts';

export interface CompanyOptions {
  address: Address;
  legalRep: Person;
  industry: string;
  scope: string;
  sole: boolean;
  founded: number;
  phone?: string;
  category?: CategoryId;
  /** Register at the city bureau (360100…) instead of the district. */
  cityLevel?: boolean;
}

const GENERIC_SWAP: Readonly<Record<string, string>> = { 贸易: '商贸', 商贸: '贸易', 经贸: '贸易' };
/** Homophones and look-alikes for the occasional typo. */
const TYPOS: Readonly<Record<string, string>> = {
  鑫: '新',
  盛: '胜',
  恒: '衡',
  达: '大',
  华: '化',
  兴: '星',
  隆: '龙',
  源: '园',
  瑞: '睿',
  祥: '翔',
  宏: '洪',
  远: '源',
  信: '鑫',
  诚: '成',
  嘉: '佳',
  金: '今',
  辉: '晖',
  荣: '容',
  锦: '金',
  旺: '望',
  利: '力',
};

/** Registering office: usually the district; the city bureau for some; retired codes for old firms. */
function registeringRegion(rng: Rng, code: string, founded: number, cityLevel: boolean): string {
  const r = regionByCode(code);
  if (!r) throw new RangeError(`quanlian/seed: unknown region ${code}`);
  if (cityLevel && r.level !== 'city' && r.parentCode) return r.parentCode;
  if (code === '360112' && founded < dayOf(2019, 11, 6) && rng.chance(0.25))
    return founded < dayOf(2015, 10, 1) ? '360122' : '360105';
  return code;
}

function regionPrefix(code: string): string {
  const r = regionByCode(code);
  const city = r?.level === 'city' ? r : regionByCode(r?.parentCode ?? '');
  return city?.shortName ?? '';
}

export class CompanyFactory {
  private readonly usedNames = new Set<string>();

  constructor(
    private readonly rng: Rng,
    private readonly ids: IdFactory,
  ) {}

  /** A distinctive core whose full name normalises to core+industry and is not taken yet. */
  private core(name: (core: string) => string, expected: (core: string) => string): string {
    for (let attempt = 0; ; attempt++) {
      if (attempt > 10_000) throw new RangeError(`quanlian/seed: cannot find a free firm name like ${name('XX')}`);
      const len = attempt > 40 || this.rng.chance(0.45) ? 3 : 2;
      let core = '';
      for (let i = 0; i < len; i++) core += this.rng.pick(CORE_CHARS);
      const normal = normaliseCompanyName(name(core));
      if (normal === expected(core) && !this.usedNames.has(normal)) {
        this.usedNames.add(normal);
        return core;
      }
    }
  }

  make(opts: CompanyOptions): Company {
    const { address, sole, industry } = opts;
    const district = regionByCode(address.regionCode);
    // What the short forms (XX贸易, XX酒业) normalise to; the full name must normalise to the same.
    const expected = (core: string) => normaliseCompanyName(core + industry);
    let fullName: (core: string) => string;
    if (sole) {
      const word = this.rng.pick(['商行', '经营部', '批发部']);
      const place = district?.level === 'city' ? district.name : (district?.name ?? '');
      fullName = (core) => `${place}${core}${industry}${word}`;
    } else {
      const prefix = this.rng.chance(0.15) ? '江西' : regionPrefix(address.regionCode);
      const form = this.rng.chance(0.2) ? '有限责任公司' : '有限公司';
      fullName = (core) => `${prefix}${core}${industry}${form}`;
    }
    const core = this.core(fullName, expected);
    const regCode = registeringRegion(this.rng, address.regionCode, opts.founded, opts.cityLevel ?? false);
    return {
      kind: 'Company',
      name: fullName(core),
      normalName: expected(core),
      core,
      industry,
      sole,
      uscc: this.ids.uscc(sole, regCode, opts.founded),
      regCode,
      address,
      legalRep: opts.legalRep,
      phone: opts.phone ?? opts.legalRep.phone,
      founded: opts.founded,
      scope: opts.scope,
      capital: sole ? this.rng.int(1, 30) : this.rng.pick([10, 30, 50, 100, 200, 500, 1000]),
      ...(opts.category ? { category: opts.category } : {}),
    };
  }
}

/** One way another record writes the firm's name. `typo` = a look-alike character (breaks joining). */
export function companyNameVariant(rng: Rng, c: Company, typo = false): string {
  let name: string;
  const r = rng.int(0, 9);
  if (c.sole) {
    name = r < 5 ? c.name : r < 8 ? c.name.slice(c.name.indexOf(c.core)) : c.core + c.industry;
  } else {
    const swapped = GENERIC_SWAP[c.industry] ?? c.industry;
    const pfx = regionPrefix(c.address.regionCode);
    const body = c.core + c.industry;
    // A third of the time the registered name; otherwise one of the ways other records write it.
    if (r < 3) name = c.name;
    else if (r === 3) name = `${body}有限公司`;
    else if (r === 4) name = body;
    else if (r === 5) name = `江西${c.core}${swapped}有限公司`;
    else if (r === 6) name = `${pfx}市${body}有限公司`;
    else if (r === 7) name = `${body}（${pfx}）有限公司`;
    else if (r === 8) name = `${pfx} ${body}有限公司`;
    else name = `江西省${pfx}市${body}有限公司`;
  }
  if (typo) {
    const chars = [...c.core];
    const i = chars.findIndex((ch) => TYPOS[ch]);
    if (i >= 0) name = name.replace(c.core, chars.map((ch, j) => (j === i ? TYPOS[ch] : ch)).join(''));
  }
  return name;
}
