/**
 * People: a name, an 18-digit ID whose prefix is their household registration (sometimes a retired
 * code, or a migrant's home county), a unique mobile and a home address.
 */
import { GIVEN_ELDER, GIVEN_FEMALE, GIVEN_MALE, SURNAMES } from '../catalog/names.ts';
import { compactDate, dayOf } from '../dates.ts';
import type { Rng } from '../prng.ts';
import { homeAddress, ruralAddress } from './address.ts';
import type { IdFactory } from './ids.ts';
import type { Address, Person } from './model.ts';

/** Migrant traders' home counties (Yiwu, Jinjiang): real GB/T 2260 codes outside Jiangxi. */
const MIGRANT_PREFIXES = ['330782', '350582'];

export interface PersonOptions {
  regionCode: string;
  elderly?: boolean;
  surname?: string;
  home?: Address;
  rural?: boolean;
}

export function personName(rng: Rng, gender: 'M' | 'F', elderly: boolean, surname?: string): string {
  const sn = surname ?? rng.weighted(SURNAMES);
  const pool = elderly && rng.chance(0.6) ? GIVEN_ELDER : gender === 'M' ? GIVEN_MALE : GIVEN_FEMALE;
  return sn + rng.pick(pool) + (rng.chance(0.75) ? rng.pick(pool) : '');
}

/** The ID prefix: usually the home county; old residents of 新建/湾里 keep the retired codes. */
function hukou(rng: Rng, regionCode: string, birthYear: number): string {
  if (rng.chance(0.03)) return rng.pick(MIGRANT_PREFIXES);
  if (regionCode === '360112' && birthYear < 1990 && rng.chance(0.4)) return rng.pick(['360122', '360105']);
  if (regionCode === '360113' && rng.chance(0.5)) return rng.pick(['360102', '360111', '360122']);
  // City-level places (九江市…) issue IDs under their districts; use the city's first district code.
  return regionCode.endsWith('00') ? regionCode.slice(0, 4) + '02' : regionCode;
}

export function makePerson(rng: Rng, ids: IdFactory, opts: PersonOptions): Person {
  const elderly = opts.elderly ?? false;
  const gender = rng.chance(elderly ? 0.6 : 0.55) ? 'M' : 'F';
  const birthDay = elderly
    ? rng.int(dayOf(1938, 1, 1), dayOf(1956, 12, 31))
    : rng.int(dayOf(1960, 1, 1), dayOf(2003, 12, 31));
  const birth = compactDate(birthDay);
  const home = opts.home ?? (opts.rural ? ruralAddress(rng, opts.regionCode) : homeAddress(rng, opts.regionCode));
  return {
    kind: 'Person',
    name: personName(rng, gender, elderly, opts.surname),
    gender,
    birth,
    idNo: ids.residentId(hukou(rng, opts.regionCode, Number(birth.slice(0, 4))), birth, gender),
    phone: ids.mobile(),
    home,
  };
}
