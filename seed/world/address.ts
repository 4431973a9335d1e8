/**
 * Addresses: made once per place with their canonical text, then rendered differently each time a
 * row shows them: with or without province and city, short or informal district names, duplicated
 * prefixes, full-width digits, compact 12-3-1001, 号楼/幢, Chinese-numeral units, spaces, dash noise.
 * normaliseAddress (server/domain/keys.ts) maps every rendering back to the canonical text.
 */
import { regionByCode, type Region } from '../../server/domain/regions.ts';
import { ESTATE_HEADS, ESTATE_TAILS, PLACES, VILLAGE_HEADS, type HubPlace } from '../catalog/places.ts';
import type { Rng } from '../prng.ts';
import type { Address } from './model.ts';

const CN = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

function region(code: string): Region {
  const r = regionByCode(code);
  if (!r) throw new RangeError(`quanlian/seed: unknown region ${code}`);
  return r;
}

const chains = new Map<string, [Region, Region, Region | undefined]>();

/** [province, city, district|undefined] of a place's region. */
function chain(code: string): [Region, Region, Region | undefined] {
  let c = chains.get(code);
  if (!c) chains.set(code, (c = resolveChain(code)));
  return c;
}

function resolveChain(code: string): [Region, Region, Region | undefined] {
  const r = region(code);
  if (r.level === 'city') return [region(r.parentCode as string), r, undefined];
  const city = region(r.parentCode as string);
  return [region(city.parentCode as string), city, r];
}

function unitText(unit: readonly [number, number, number]): string {
  return `${unit[0]}栋${unit[1]}单元${unit[2]}室`;
}

function finish(a: Omit<Address, 'canonical'>): Address {
  const [p, c, d] = chain(a.regionCode);
  const canonical = p.name + c.name + (d?.name ?? '') + a.road + a.poi + (a.unit ? unitText(a.unit) : '') + a.tail;
  return { ...a, canonical };
}

/** Informal names people still write for a district (湾里区 for the old 湾里 towns, 红谷滩新区…). */
function altNameFor(rng: Rng, code: string, road: string): string | undefined {
  if (code === '360112' && /招贤|梅岭|太平/.test(road)) return '湾里区';
  const aliases = region(code).aliases.filter((a) => a.length >= 3 && a.endsWith('区') && !a.startsWith('南昌'));
  return aliases.length > 0 && rng.chance(0.3) ? rng.pick(aliases) : undefined;
}

function estateName(rng: Rng): string {
  return rng.pick(ESTATE_HEADS) + rng.pick(ESTATE_TAILS);
}

export function homeAddress(rng: Rng, code: string): Address {
  const places = PLACES[code];
  if (!places) throw new RangeError(`quanlian/seed: no places for ${code}`);
  if (places.towns && rng.chance(0.35)) return ruralAddress(rng, code);
  const road = `${rng.pick(places.roads)}${rng.int(1, 1500)}号`;
  const unit = [rng.int(1, 32), rng.int(1, 6), rng.int(1, 33) * 100 + rng.int(1, 4)] as const;
  const altName = altNameFor(rng, code, road);
  return finish({ regionCode: code, road, poi: estateName(rng), unit, tail: '', ...(altName ? { altName } : {}) });
}

export function ruralAddress(rng: Rng, code: string): Address {
  const places = PLACES[code];
  const town = places?.towns ? rng.pick(places.towns) : `${rng.pick(places?.roads ?? ['新村路'])}`;
  const road = `${town}${rng.pick(VILLAGE_HEADS)}村`;
  const altName = altNameFor(rng, code, road);
  return finish({
    regionCode: code,
    road,
    poi: '',
    tail: `${rng.int(1, 12)}组${rng.int(1, 80)}号`,
    ...(altName ? { altName } : {}),
  });
}

/** A shop front or office on a road: 八一大道188号 + optional 1-2层 style tail. */
export function streetAddress(rng: Rng, code: string): Address {
  const places = PLACES[code];
  if (!places) throw new RangeError(`quanlian/seed: no places for ${code}`);
  const road = `${rng.pick(places.roads)}${rng.int(1, 1500)}号`;
  const tail = rng.chance(0.3) ? `${rng.int(1, 3)}号门面` : '';
  return finish({ regionCode: code, road, poi: '', tail });
}

/** A place inside a hub (market stall, tower office). `booth` false = the bare hub address. */
export function hubAddress(rng: Rng, hub: HubPlace, kind: 'market' | 'tower', booth: boolean): Address {
  let tail = '';
  if (booth)
    tail =
      kind === 'market'
        ? `${rng.pick(['A', 'B', 'C', 'D'])}区${rng.int(1, 260)}号`
        : `${rng.int(3, 32)}${String(rng.int(1, 20)).padStart(2, '0')}室`;
  return finish({ regionCode: hub.regionCode, road: hub.road, poi: hub.name, tail, ...(booth ? {} : { hub: hub.id }) });
}

export function agentAddress(hub: HubPlace & { room: string }): Address {
  return finish({ regionCode: hub.regionCode, road: hub.road, poi: hub.name, tail: hub.room, hub: hub.id });
}

const pickups = new Map<string, Address>();

/** Pickup station at an estate: many consumers receive parcels at the same address (cached: a hub). */
export function pickupAddress(home: Address, station: string): Address {
  const id = `${home.regionCode}|${home.road}${home.poi}|${station}`;
  let a = pickups.get(id);
  if (!a) {
    if (pickups.size > 20_000) pickups.clear();
    a = finish({
      regionCode: home.regionCode,
      road: home.road,
      poi: home.poi + station,
      tail: '',
      hub: `pickup:${home.road}${home.poi}`,
    });
    pickups.set(id, a);
  }
  return a;
}

function fullWidth(text: string): string {
  return text.replace(/[0-9A-Za-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
}

function renderUnit(rng: Rng, unit: readonly [number, number, number]): string {
  const [b, u, r] = unit;
  switch (rng.int(0, 6)) {
    case 0:
      return `${b}-${u}-${r}`;
    case 1:
      return `${b}号楼${u}单元${r}室`;
    case 2:
      return `${b}幢${u}单元${r}`;
    case 3:
      return `${b}栋${CN[u] ?? u}单元${r}室`;
    default:
      return unitText(unit);
  }
}

/** One written form of the address. `plain` keeps the canonical text (registry extracts). */
export function renderAddress(rng: Rng, a: Address, plain = false): string {
  if (plain) return a.canonical;
  const [p, c, d] = chain(a.regionCode);
  const dName = a.altName && rng.chance(0.5) ? a.altName : (d?.name ?? '');
  let prefix: string;
  switch (rng.int(0, 9)) {
    case 0:
    case 1:
      prefix = c.name + dName;
      break;
    case 2:
      prefix = d ? dName : c.name;
      break;
    case 3:
      prefix = c.shortName + (d ? (d.shortName.length >= 2 ? d.shortName : d.name) : '');
      break;
    case 4:
      prefix = p.shortName + c.shortName + dName;
      break;
    case 5:
      prefix = p.name + c.name + p.name + c.name + dName;
      break;
    default:
      prefix = p.name + c.name + dName;
  }
  let rest = a.road + a.poi + (a.unit ? renderUnit(rng, a.unit) : '') + a.tail;
  if (rng.chance(0.08)) rest = fullWidth(rest);
  let text = rng.chance(0.1) ? `${prefix} ${rest}` : prefix + rest;
  if (rng.chance(0.02)) text += '----';
  return text;
}

/** What privacy waybills print: the address without building, unit and room. */
export function maskedAddress(a: Address): string {
  const [, c, d] = chain(a.regionCode);
  return `${c.name}${d?.name ?? ''}${a.road}${a.poi}${a.unit ? '**' : ''}`;
}
