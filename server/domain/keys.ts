/**
 * Identity keys (DESIGN.md §5): the unique key of every node, built the same way by seed (truth.json)
 * and ingest, so ground truth and the loaded graph can be compared key for key. Personal identifiers
 * only ever enter a key through a keyed HMAC; the key itself is the instance's `hmacKey`.
 * Company names and addresses are normalised here too, since their keys are their normal forms.
 */
import { createHmac } from 'node:crypto';
import {
  courierByName,
  isMasked,
  phoneDigits,
  toHalfWidth,
  USCC_PATTERN,
  validateMobile,
  validatePhone,
} from './identifiers.ts';
import { currentRegion, REGIONS, regionByCode, type Region } from './regions.ts';

/** HMAC-SHA256 over `${kind}:${value}`, hex, first 32 characters. */
export function hmacToken(hmacKey: Buffer, kind: string, value: string): string {
  return createHmac('sha256', hmacKey).update(`${kind}:${value}`, 'utf8').digest('hex').slice(0, 32);
}

/** Prefecture of a 6-digit region code: first 4 digits + '00'. */
export function prefectureOf(regionCode: string): string {
  return regionCode.slice(0, 4) + '00';
}

export interface CompanyKeyInput {
  uscc?: string | null;
  name: string;
  /** Best region of the company in this record: its address's region, else the reporting unit's. */
  regionCode: string;
}

/**
 * `uscc:<code>` when the row carries a syntactically valid USCC (even with a failing check
 * character, since some issued codes fail it), else `name:<normalised name>@<prefecture>`.
 * Returns null when neither is usable (blank or placeholder name).
 */
export function companyKey(input: CompanyKeyInput): string | null {
  const uscc = input.uscc ? toHalfWidth(input.uscc).replace(/\s+/g, '').toUpperCase() : '';
  if (USCC_PATTERN.test(uscc)) return `uscc:${uscc}`;
  const name = normaliseCompanyName(input.name);
  if (name === '' || isPlaceholder(input.name)) return null;
  return `name:${name}@${prefectureOf(input.regionCode)}`;
}

/**
 * Every key of a firm mention, strongest first: `uscc:`, the `name:` key (name + prefecture) and
 * `cname:` (the name alone, province-wide). The alternates let a name-only mention elsewhere — a
 * waybill sender, a bank counterparty written without an address — fold into the registered firm;
 * resolution does so only when exactly one firm claims the name.
 */
export function companyKeys(input: CompanyKeyInput): string[] {
  const strong = companyKey(input);
  if (!strong) return [];
  const core = normaliseCompanyName(input.name);
  const keys = [strong];
  if (strong.startsWith('uscc:')) {
    const weak = companyKey({ name: input.name, regionCode: input.regionCode });
    if (weak) keys.push(weak);
  }
  if (core !== '' && !isPlaceholder(input.name)) keys.push(`cname:${core}`);
  return keys;
}

/** A person's name as keys use it: half-width, no spaces. */
export function normalisePersonName(name: string): string {
  return toHalfWidth(name)
    .normalize('NFKC')
    .replace(/[\s·•.]/g, '');
}

export interface PersonKeyInput {
  idNumber?: string | null;
  name?: string | null;
  phone?: string | null;
}

/**
 * `pid:<HMAC(ID)>` from an 18-character ID (masked IDs don't count); without one, the weaker
 * `pnp:<HMAC(name|phone)>` from a name plus an unmasked, valid mobile. Never a key from a name alone.
 */
export function personKey(hmacKey: Buffer, input: PersonKeyInput): string | null {
  const id = input.idNumber ? toHalfWidth(input.idNumber).replace(/\s+/g, '').toUpperCase() : '';
  if (/^\d{17}[\dX]$/.test(id)) return `pid:${hmacToken(hmacKey, 'pid', id)}`;
  const name = input.name ? normalisePersonName(input.name) : '';
  if (name === '' || isMasked(name) || !input.phone || isMasked(input.phone)) return null;
  const phone = validateMobile(input.phone);
  if (!phone.ok || !phone.value) return null;
  return `pnp:${hmacToken(hmacKey, 'pnp', `${name}|${phone.value}`)}`;
}

/**
 * Every key a person mention supports, strongest first: `pid:` (ID number), `pnp:` (name + mobile),
 * `pac:` (name + an account the person holds, as a statement's counterparty line gives), `pmk:`
 * (surname + the first 3 and last 4 digits of the mobile — what a privacy-masked waybill still
 * shows, 刘** / 187****1477). The first is the node's key; the others are alternates that identity
 * resolution uses to fold weaker mentions seen elsewhere into this node, and only when exactly one
 * strong node claims them. Empty when nothing but a name is known.
 */
export function personKeys(
  hmacKey: Buffer,
  input: PersonKeyInput & { accountKey?: string | null; maskedPhone?: string | null },
): string[] {
  const keys: string[] = [];
  const strong = personKey(hmacKey, input);
  if (strong) keys.push(strong);
  if (strong?.startsWith('pid:') && input.phone) {
    const weak = personKey(hmacKey, { name: input.name ?? null, phone: input.phone });
    if (weak) keys.push(weak);
  }
  const name = input.name ? normalisePersonName(input.name) : '';
  if (name !== '' && !isMasked(name) && input.accountKey) {
    keys.push(`pac:${hmacToken(hmacKey, 'pac', `${name}|${input.accountKey}`)}`);
  }
  const masked = maskedMobileKey(hmacKey, name, input.phone ?? input.maskedPhone ?? null);
  if (masked) keys.push(masked);
  return keys;
}

/** `pmk:` from a surname and a (possibly masked) mobile's visible 3 + 4 digits; null if either is missing. */
function maskedMobileKey(hmacKey: Buffer, name: string, phone: string | null): string | null {
  const surname = name.charAt(0);
  if (!surname || surname === '*' || !phone) return null;
  const digits = toHalfWidth(phone)
    .replace(/[\s-]/g, '')
    .replace(/^\+?86/, '');
  const m = /^(1\d{2})(?:\d{4}|\*{4})(\d{4})$/.exec(digits);
  return m ? `pmk:${hmacToken(hmacKey, 'pmk', `${surname}|${m[1]}|${m[2]}`)}` : null;
}

/** `tel:<HMAC(digits)>` for a valid, unmasked mobile (11 digits) or landline (digits only). */
export function phoneKey(hmacKey: Buffer, raw: string): string | null {
  if (!raw || isMasked(raw)) return null;
  const check = validatePhone(raw);
  return check.ok && check.value ? `tel:${hmacToken(hmacKey, 'tel', check.value)}` : null;
}

export type AccountChannel = 'bank' | 'alipay' | 'wechat';

/** `acct:<HMAC(channel:number)>`; the number is stripped of spaces, dashes and width variants. */
export function accountKey(hmacKey: Buffer, channel: AccountChannel, number: string): string | null {
  const value = toHalfWidth(number).replace(/[\s-]/g, '');
  if (value === '' || isMasked(value)) return null;
  return `acct:${hmacToken(hmacKey, 'acct', `${channel}:${channel === 'wechat' ? value : value.toUpperCase()}`)}`;
}

/** E-commerce platforms as exports name them → the code used in Shop keys. */
export const PLATFORMS: Readonly<Record<string, string>> = {
  淘宝: 'taobao',
  天猫: 'tmall',
  拼多多: 'pinduoduo',
  抖音: 'douyin',
  抖店: 'douyin',
  京东: 'jd',
  快手: 'kuaishou',
  微店: 'weidian',
};

export function platformCode(platform: string): string {
  const p = toHalfWidth(platform).trim();
  return PLATFORMS[p] ?? p.toLowerCase();
}

export function shopKey(platform: string, shopId: string): string {
  return `shop:${platformCode(platform)}:${toHalfWidth(shopId).trim()}`;
}

/** `wb:<courier code>:<waybill no>`; the courier may be given by code or by its Chinese name. */
export function shipmentKey(courier: string, waybillNo: string): string {
  const code = courierByName(courier)?.code ?? toHalfWidth(courier).trim().toUpperCase();
  return `wb:${code}:${toHalfWidth(waybillNo).replace(/\s+/g, '').toUpperCase()}`;
}

export function paymentKey(channel: AccountChannel, txId: string): string {
  return `pay:${channel}:${toHalfWidth(txId).trim()}`;
}

/** Case numbers: brackets 〔〕[]【】() all become 〔〕, spaces go. */
export function normaliseCaseNo(caseNo: string): string {
  return toHalfWidth(caseNo)
    .replace(/\s+/g, '')
    .replace(/[[【(（]/g, '〔')
    .replace(/[\]】)）]/g, '〕');
}

export function caseKey(sourceSystem: string, caseNo: string): string {
  return `case:${sourceSystem}:${normaliseCaseNo(caseNo)}`;
}

export function addressKey(hmacKey: Buffer, text: string): string | null {
  if (isPlaceholder(text)) return null;
  const n = normaliseAddress(text);
  return n.text === '' ? null : addressKeyOf(hmacKey, n.text);
}

/**
 * A number of seven or more digits in a normal address text (which has no spaces, hyphens or other
 * marks left, and an ID number's x upper case): a phone, ID or card number typed into the address.
 */
const ADDRESS_NUMBER = /\d{7,}X?/g;
/** Where a token stands for such a number in a key: a mark normalisation removes from any text. */
const TOKEN_MARK = '~';
/** Hex digit → letter, so a token adds no digits to a key (the free-text masker counts digits). */
const TOKEN_LETTERS = 'abcdefghijklmnop';

/**
 * The key of a normal address text (normaliseAddress().text): `addr:` and the text, each phone,
 * ID or card number in it (ADDRESS_NUMBER) written as `~` and twelve letters of its keyed HMAC.
 * Keys travel as they are (URLs, the canvas and its exports, case packets, the audit log's
 * targets), so no personal number is in one; distinct numbers keep distinct keys, and instances
 * that share the HMAC key agree on them, as they do on `tel:` and `pid:` keys. The text keeps the
 * number (free text, starred wherever it is shown).
 */
export function addressKeyOf(hmacKey: Buffer, normalText: string): string {
  return `addr:${normalText.replace(ADDRESS_NUMBER, (n) => TOKEN_MARK + letterToken(hmacKey, n))}`;
}

/**
 * An `addr:` key as this version writes it, from one an earlier version wrote (migration 013 and a
 * packet from a partner instance not yet upgraded); any other key is returned as it is. Earlier
 * versions kept a number typed into an address in clear, and read a compact building-unit-room form
 * with a unit of three or more digits (a phone written 139-1234-5678 at the end of an address) as
 * 139栋1234单元5678室, where this version keeps the digits (and tokenises them): such an ending goes
 * back to its digits, then numbers become tokens as addressKeyOf makes them. A unit is never three
 * digits, so this reads an address written out that way (123栋456单元789室) as digits too, and
 * an ending 室 or 号 after the phone is lost; neither is an address people write. Idempotent.
 */
export function currentAddressKey(hmacKey: Buffer, key: string): string {
  return key.startsWith('addr:') ? addressKeyOf(hmacKey, formerAddressText(key)) : key;
}

/** The normal text of an `addr:` key an earlier version wrote, as this version reads it (above). */
export function formerAddressText(key: string): string {
  return key.slice('addr:'.length).replace(/(\d+)栋(\d{3,})单元(\d+)室$/, '$1$2$3');
}

function letterToken(hmacKey: Buffer, value: string): string {
  const hex = hmacToken(hmacKey, 'addr-number', value).slice(0, 12);
  let out = '';
  for (const c of hex) out += TOKEN_LETTERS[Number.parseInt(c, 16)];
  return out;
}

export function normaliseBrandName(name: string): string {
  return toHalfWidth(name)
    .normalize('NFKC')
    .replace(/[\s®™()（）·.\-"'“”]/g, '')
    .toLowerCase();
}

export function brandKey(name: string): string {
  return `brand:${normaliseBrandName(name)}`;
}

const PLACEHOLDERS = new Set(['', '不详', '无', '未知', '暂无', '-', '--', '/', 'null', 'NULL', 'N/A', '空']);

/** Values that mean "unknown" and must never become a node (they would join unrelated records). */
export function isPlaceholder(value: string | null | undefined): boolean {
  return value === null || value === undefined || PLACEHOLDERS.has(toHalfWidth(value).trim());
}

/** Re-exported for callers that key phones without validating first. */
export { phoneDigits };

// ── Company names ───────────────────────────────────────────────────────────────────────────────

/** Region words that prefix firm names (江西/南昌市/红谷滩…); single-character aliases (洪, 赣) excluded. */
const REGION_TOKENS: readonly [string, Region][] = REGIONS.flatMap((r) =>
  [r.name, r.shortName, ...r.aliases].filter((t) => t.length >= 2).map((t) => [t, r] as [string, Region]),
).sort((a, b) => b[0].length - a[0].length);
const NAME_PREFIXES = ['中国', ...new Set(REGION_TOKENS.map(([t]) => t))];
const LEGAL_FORMS = [
  '股份有限公司',
  '有限责任公司',
  '有限公司',
  '分公司',
  '公司',
  '商行',
  '经营部',
  '门市部',
  '批发部',
  '商店',
  '工作室',
  '合作社',
  '厂',
];
/** Generic industry words: 南昌XX贸易有限公司, XX贸易 and 江西XX商贸有限公司 are one firm to a reader. */
const GENERIC_INDUSTRY = ['电子商务', '供应链管理', '供应链', '贸易', '商贸', '经贸', '实业', '商务'];

function stripOnce(s: string, words: readonly string[], atEnd: boolean): string {
  for (const w of words) {
    if (atEnd ? s.endsWith(w) : s.startsWith(w)) return atEnd ? s.slice(0, -w.length) : s.slice(w.length);
  }
  return s;
}

/**
 * A firm's name reduced to its distinctive core: half-width, no spaces or punctuation, without region
 * prefixes, legal-form suffixes or generic industry words. Falls back to the last non-empty stage,
 * so a name made only of generic words still has a key.
 */
export function normaliseCompanyName(name: string): string {
  let s = name.normalize('NFKC').replace(/\s+/g, '');
  // (南昌)/(江西) inside a name is a region marker, not part of it.
  s = s.replace(/\(([^()]*)\)/g, (_m, inner: string) => (NAME_PREFIXES.includes(inner) ? '' : inner));
  s = s.replace(/[^\p{L}\p{N}]/gu, '').toUpperCase();
  for (let prev = ''; prev !== s;) {
    prev = s;
    const next = stripOnce(s, NAME_PREFIXES, false);
    if (next !== '') s = next;
  }
  for (let prev = ''; prev !== s;) {
    prev = s;
    for (const words of [LEGAL_FORMS, GENERIC_INDUSTRY]) {
      const next = stripOnce(s, words, true);
      if (next === '') return s;
      s = next;
    }
  }
  return s;
}

// ── Addresses ───────────────────────────────────────────────────────────────────────────────────

export interface NormalisedAddress {
  /** Canonical text: 江西省南昌市红谷滩区…12栋3单元1001室. Unresolved prefixes are kept as written. */
  text: string;
  /** Current GB/T 2260 code of the most specific division recognised, or null. */
  regionCode: string | null;
}

const CN_DIGITS: Readonly<Record<string, number>> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 1–99 in Chinese numerals (三, 十二, 二十, 二十三) to a number. */
function chineseNumber(cn: string): number {
  const ten = cn.indexOf('十');
  if (ten < 0) return CN_DIGITS[cn] ?? 0;
  const tens = ten === 0 ? 1 : (CN_DIGITS[cn.slice(0, ten)] ?? 0);
  return tens * 10 + (CN_DIGITS[cn.slice(ten + 1)] ?? 0);
}

function canonicalRest(rest: string): string {
  return (
    rest
      .replace(/[-—_~=]{2,}/g, '')
      .toUpperCase()
      .replace(
        /([一二三四五六七八九十]{1,3})(栋|幢|号楼|单元|层|楼|组)/g,
        (_m, n: string, unit: string) => `${chineseNumber(n)}${unit}`,
      )
      .replace(/(\d+)(?:号楼|幢|#楼|#)/g, '$1栋')
      // Building, unit and room as people write them short. A unit is one or two digits, so a phone
      // written 139-1234-5678 at the end of an address is not taken for one (currentAddressKey).
      .replace(/(\d+)-(\d{1,2})-(\d+)(?:室|号)?$/, '$1栋$2单元$3室')
      .replace(/(\d+)栋(\d+)单元(\d+)(?:号)?$/, '$1栋$2单元$3室')
      .replace(/[^\p{L}\p{N}]/gu, '')
  );
}

/**
 * Canonical address text and region: full/half width, spaces and dash noise removed, duplicated
 * 江西省南昌市 prefixes collapsed, retired and informal district names (湾里区, 新建县, 红谷滩新区,
 * 经开区…) mapped to today's district via regions.ts, compact 12-3-1001 written 12栋3单元1001室.
 */
export function normaliseAddress(raw: string): NormalisedAddress {
  const s = raw.normalize('NFKC').replace(/\s+/g, '');
  let province: Region | undefined;
  let city: Region | undefined;
  let district: Region | undefined;
  let pos = 0;
  while (pos < s.length && !district) {
    const hit = REGION_TOKENS.find(([t]) => s.startsWith(t, pos));
    if (!hit) break;
    const r = hit[1];
    if (r.level === 'province') province = r;
    else if (r.level === 'city') city = r;
    else district = currentRegion(r.code) ?? r;
    pos += hit[0].length;
  }
  const rest = canonicalRest(s.slice(pos));
  if (district?.parentCode) city = regionByCode(district.parentCode);
  if (city?.parentCode) province = regionByCode(city.parentCode);
  const prefix = [province, city, district].map((r) => r?.name ?? '').join('');
  return { text: prefix + rest, regionCode: (district ?? city ?? province)?.code ?? null };
}
