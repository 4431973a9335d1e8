/**
 * The synthetic world's entities. They hold the *true* values; what a file shows (name variants,
 * masked phones, address variants) is derived from them when a row is written.
 */
import type { CategoryId } from '../catalog/goods.ts';

export interface Address {
  /** Current GB/T 2260 code of the district/county (or city for city-level places). */
  regionCode: string;
  /** A retired or informal name some writers still use (湾里区, 红谷滩新区, 高新区). */
  altName?: string;
  /** Road + number, or town + village for rural places. */
  road: string;
  /** Estate, tower or market name. */
  poi: string;
  /** Building, unit, room of a residential estate (12栋3单元1001室). */
  unit?: readonly [number, number, number];
  /** Room, booth or group/house number after the POI. */
  tail: string;
  /** Set when many unrelated parties share this exact place. */
  hub?: string;
  /** Canonical text 江西省南昌市红谷滩区…; normaliseAddress of any rendering gives this back. */
  canonical: string;
}

interface Tracked {
  /** Id in truth.json when the entity's rows are listed in the identity truth. */
  tid?: string;
  /** Network id when the entity is a planted member. */
  network?: string;
}

export interface Person extends Tracked {
  kind: 'Person';
  name: string;
  gender: 'M' | 'F';
  birth: string;
  idNo: string;
  phone: string;
  home: Address;
}

export interface Company extends Tracked {
  kind: 'Company';
  name: string;
  /** What normaliseCompanyName gives for every non-typo rendering. */
  normalName: string;
  /** Distinctive core and industry word the variants are built from. */
  core: string;
  industry: string;
  /** 个体工商户 (USCC category 92) rather than a company. */
  sole: boolean;
  uscc: string;
  /** Registering office's region (USCC positions 3–8), possibly retired. */
  regCode: string;
  address: Address;
  legalRep: Person;
  phone: string;
  founded: number;
  scope: string;
  capital: number;
  category?: CategoryId;
}

export interface Shop extends Tracked {
  kind: 'Shop';
  platform: string;
  shopId: string;
  name: string;
  operator: Person | Company;
  opened: number;
  category?: CategoryId;
}

export type Party = Person | Company;
export type Channel = 'bank' | 'alipay' | 'wechat';

export interface Account extends Tracked {
  channel: Channel;
  number: string;
  holder: Party;
  /** Issuing bank (bank accounts) or '' */
  bank: string;
  /** Its statement/bill is among the exports (an investigated or sampled account). */
  exported: boolean;
  /** Running balance in cents, for bank statements. */
  balance: number;
}

export function regionOfParty(p: Party | Shop): string {
  if (p.kind === 'Shop') return regionOfParty(p.operator);
  return p.kind === 'Person' ? p.home.regionCode : p.address.regionCode;
}

export function addressOf(p: Party | Shop): Address {
  if (p.kind === 'Shop') return addressOf(p.operator);
  return p.kind === 'Person' ? p.home : p.address;
}
