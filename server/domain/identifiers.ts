/**
 * Identifier formats and check digits (../shared/DOMAIN.md §1, §2, §4, §5): USCC (GB 32100 with the
 * GB 11714 organization-code check), resident ID numbers (GB 11643, ISO 7064 MOD 11-2), mobile and
 * landline numbers, courier waybill numbers, bank cards (Luhn) and Alipay user ids. Pure functions;
 * the seed generator builds valid values with the check functions here and ingest validates with the
 * same registry (IDENTIFIER_VALIDATORS), so the two can never disagree.
 */
import { regionByCode } from './regions.ts';

/** Result of checking one identifier. `value` is the normalised form when the syntax was readable. */
export interface IdentifierCheck {
  ok: boolean;
  value?: string;
  /** Stable reason slug when !ok, e.g. `uscc-checksum`, `id-birth-date`, `phone-prefix`. */
  reason?: string;
}

/** Full-width ASCII (ＡＢＣ１２３, full-width space) to half-width; other characters untouched. */
export function toHalfWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

/** True for values that were masked on export (`138****1234`, `3601**********1234`). */
export function isMasked(value: string): boolean {
  return /[*＊]/.test(value);
}

// ── USCC (GB 32100-2015) ────────────────────────────────────────────────────────────────────────

export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];
export const USCC_PATTERN = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

/** Check character (position 18) of a 17-character USCC body. */
export function usccCheckChar(body17: string): string {
  if (body17.length !== 17)
    throw new RangeError(`quanlian/identifiers: USCC body must have 17 chars, got ${body17.length}`);
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = USCC_CHARSET.indexOf(body17[i] as string);
    if (v < 0) throw new RangeError(`quanlian/identifiers: '${body17[i]}' is not a USCC character`);
    sum += v * (USCC_WEIGHTS[i] as number);
  }
  const c = 31 - (sum % 31);
  return USCC_CHARSET[c === 31 ? 0 : c] as string;
}

/** GB 11714 letter values differ from the USCC table: A=10 … Z=35 (ASCII − 55). */
function orgCharValue(ch: string): number {
  if (ch >= '0' && ch <= '9') return ch.charCodeAt(0) - 48;
  if (ch >= 'A' && ch <= 'Z') return ch.charCodeAt(0) - 55;
  return -1;
}

/** Check character (9th) of an 8-character organization-code body. */
export function orgCodeCheckChar(body8: string): string {
  if (body8.length !== 8) throw new RangeError(`quanlian/identifiers: organization code body must have 8 chars`);
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const v = orgCharValue(body8[i] as string);
    if (v < 0) throw new RangeError(`quanlian/identifiers: '${body8[i]}' is not an organization-code character`);
    sum += v * (ORG_WEIGHTS[i] as number);
  }
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

export interface UsccCheck extends IdentifierCheck {
  /** Syntax (charset, length, digits at 3–8) holds, whatever the checksums say. */
  syntaxOk: boolean;
  /** Check character matches. Some issued codes fail it: flag, don't reject (DOMAIN §1). */
  checksumOk: boolean;
  orgCodeOk: boolean;
  /** GB/T 2260 code of the registering office (positions 3–8). */
  regionCode?: string;
}

export function validateUscc(raw: string): UsccCheck {
  const value = toHalfWidth(raw).replace(/\s+/g, '').toUpperCase();
  if (!USCC_PATTERN.test(value)) {
    return { ok: false, value, reason: 'uscc-format', syntaxOk: false, checksumOk: false, orgCodeOk: false };
  }
  const checksumOk = usccCheckChar(value.slice(0, 17)) === value[17];
  const orgCodeOk = orgCodeCheckChar(value.slice(8, 16)) === value[16];
  const regionCode = value.slice(2, 8);
  const reason = !checksumOk ? 'uscc-checksum' : !orgCodeOk ? 'uscc-org-code' : undefined;
  return {
    ok: reason === undefined,
    value,
    ...(reason ? { reason } : {}),
    syntaxOk: true,
    checksumOk,
    orgCodeOk,
    regionCode,
  };
}

// ── Resident ID number (GB 11643-1999) ──────────────────────────────────────────────────────────

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';
/** GB/T 2260 province-level codes (incl. 71 Taiwan, 81/82 Hong Kong/Macao). */
const PROVINCES = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
]);

export function residentIdCheckChar(body17: string): string {
  if (!/^\d{17}$/.test(body17)) throw new RangeError('quanlian/identifiers: ID body must be 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (body17.charCodeAt(i) - 48) * (ID_WEIGHTS[i] as number);
  return ID_CHECK[sum % 11] as string;
}

/** True when YYYYMMDD is a real calendar date between 1800-01-01 (GB 11643's own example is 1880) and `latest`. */
export function isRealDate(yyyymmdd: string, latest = '20991231'): boolean {
  if (!/^\d{8}$/.test(yyyymmdd) || yyyymmdd < '18000101' || yyyymmdd > latest) return false;
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

export interface ResidentIdCheck extends IdentifierCheck {
  regionCode?: string;
  /** The prefix is in our region table (Nanchang, neighbours, retired codes such as 360105). */
  regionKnown?: boolean;
  birthDate?: string;
  gender?: 'M' | 'F';
}

export function validateResidentId(raw: string): ResidentIdCheck {
  const value = toHalfWidth(raw).replace(/\s+/g, '').toUpperCase();
  if (!/^\d{17}[\dX]$/.test(value)) return { ok: false, value, reason: 'id-format' };
  const regionCode = value.slice(0, 6);
  const birthDate = value.slice(6, 14);
  const gender = (value.charCodeAt(16) - 48) % 2 === 1 ? 'M' : 'F';
  const base = { value, regionCode, regionKnown: regionByCode(regionCode) !== undefined, birthDate, gender } as const;
  if (!PROVINCES.has(regionCode.slice(0, 2)) || regionCode.slice(2) === '0000')
    return { ...base, ok: false, reason: 'id-region' };
  if (!isRealDate(birthDate)) return { ...base, ok: false, reason: 'id-birth-date' };
  if (residentIdCheckChar(value.slice(0, 17)) !== value[17]) return { ...base, ok: false, reason: 'id-checksum' };
  return { ...base, ok: true };
}

// ── Phones (DOMAIN §4) ──────────────────────────────────────────────────────────────────────────

const MOBILE =
  /^1(?:3\d{3}|4[57]\d{2}|5[^4\D]\d{2}|8\d{3}|7(?:[0-35-9]\d{2}|4(?:0\d|1[0-2]|9\d))|9[0-35-9]\d{2}|6[2567]\d{2}|4[579]\d{2})\d{6}$/;

export type Carrier = 'mobile' | 'unicom' | 'telecom' | 'broadnet' | 'mvno' | 'data';

/** Longest prefix wins (1349 is Telecom inside Mobile's 134). */
const CARRIER_PREFIXES: readonly (readonly [string, Carrier])[] = [
  ...[
    '1340',
    '1341',
    '1342',
    '1343',
    '1344',
    '1345',
    '1346',
    '1347',
    '1348',
    '135',
    '136',
    '137',
    '138',
    '139',
    '150',
    '151',
    '152',
    '157',
    '158',
    '159',
    '172',
    '178',
    '182',
    '183',
    '184',
    '187',
    '188',
    '195',
    '197',
    '198',
  ].map((p) => [p, 'mobile'] as const),
  ...['130', '131', '132', '155', '156', '166', '175', '176', '185', '186', '196'].map((p) => [p, 'unicom'] as const),
  ...[
    '133',
    '1349',
    '153',
    '173',
    '17400',
    '17401',
    '17402',
    '17403',
    '17404',
    '17405',
    '177',
    '180',
    '181',
    '189',
    '190',
    '191',
    '193',
    '199',
  ].map((p) => [p, 'telecom'] as const),
  ['192', 'broadnet'],
  ...['162', '165', '167', '170', '171'].map((p) => [p, 'mvno'] as const),
  ...['145', '147', '149'].map((p) => [p, 'data'] as const),
];

/** Mobile prefixes the seed draws from: common voice prefixes of the three big carriers. */
export const COMMON_MOBILE_PREFIXES: readonly string[] = [
  '130',
  '131',
  '132',
  '133',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '152',
  '153',
  '155',
  '156',
  '157',
  '158',
  '159',
  '166',
  '173',
  '175',
  '176',
  '177',
  '178',
  '180',
  '181',
  '182',
  '183',
  '185',
  '186',
  '187',
  '188',
  '189',
  '191',
  '193',
  '195',
  '198',
  '199',
];

export function mobileCarrier(digits11: string): Carrier | undefined {
  let best: readonly [string, Carrier] | undefined;
  for (const entry of CARRIER_PREFIXES) {
    if (digits11.startsWith(entry[0]) && (!best || entry[0].length > best[0].length)) best = entry;
  }
  return best?.[1];
}

/** Strips +86/0086, spaces, dashes and full-width digits; returns the bare digits (not validated). */
export function phoneDigits(raw: string): string {
  let v = toHalfWidth(raw).replace(/[\s\-()（）]/g, '');
  if (v.startsWith('+86')) v = v.slice(3);
  else if (v.startsWith('0086')) v = v.slice(4);
  else if (v.startsWith('86') && v.length === 13) v = v.slice(2);
  return v;
}

/** A mobile number (11 digits, real prefix). `value` is the bare 11 digits. */
export function validateMobile(raw: string): IdentifierCheck & { carrier?: Carrier } {
  const value = phoneDigits(raw);
  if (!/^\d+$/.test(value) || value.length !== 11) return { ok: false, value, reason: 'phone-length' };
  if (!MOBILE.test(value)) return { ok: false, value, reason: 'phone-prefix' };
  const carrier = mobileCarrier(value);
  return { ok: true, value, ...(carrier ? { carrier } : {}) };
}

/** A mobile or a landline (area code 0xx/0xxx + 7–8 digits, e.g. 0791-86123456). `value` is digits only. */
export function validatePhone(raw: string): IdentifierCheck {
  const value = phoneDigits(raw);
  if (value.startsWith('0')) {
    return /^0\d{2,3}[2-9]\d{6,7}$/.test(value) && value.length >= 10 && value.length <= 12
      ? { ok: true, value }
      : { ok: false, value, reason: 'landline-format' };
  }
  return validateMobile(raw);
}

// ── Courier waybills (DOMAIN §5; heuristic patterns that overlap) ───────────────────────────────

export interface Courier {
  /** Kdniao code, used in Shipment keys (`wb:<code>:<no>`). */
  code: string;
  name: string;
  /** Names seen in exports' 快递公司 column, plus the kuaidi100 pinyin code. */
  aliases: readonly string[];
  pattern: RegExp;
}

export const COURIERS: readonly Courier[] = [
  { code: 'SF', name: '顺丰速运', aliases: ['顺丰', '顺丰快递', 'shunfeng'], pattern: /^SF[A-Z0-9]\d{12}$/i },
  { code: 'ZTO', name: '中通快递', aliases: ['中通', 'zhongtong'], pattern: /^7[3-68]\d{12}$/ },
  { code: 'YTO', name: '圆通速递', aliases: ['圆通', '圆通快递', 'yuantong'], pattern: /^YT\d{13}$/i },
  { code: 'STO', name: '申通快递', aliases: ['申通', 'shentong'], pattern: /^(77|43)\d{12,15}$/ },
  { code: 'YD', name: '韵达快递', aliases: ['韵达', 'yunda'], pattern: /^[34]\d{14}$|^5\d{12}$/ },
  { code: 'JD', name: '京东物流', aliases: ['京东', '京东快递', 'jingdong'], pattern: /^JD[A-Z0-9]{2}\d{11}$/i },
  { code: 'EMS', name: '中国邮政EMS', aliases: ['EMS', '邮政EMS', 'ems'], pattern: /^[981]\d{12}$|^P[A-Z]\d{11}$/i },
  { code: 'JTSD', name: '极兔速递', aliases: ['极兔', 'jtexpress'], pattern: /^JT\d{13}$/i },
  { code: 'DBL', name: '德邦快递', aliases: ['德邦', 'debang'], pattern: /^DPK\d{12}$/i },
];

const COURIER_BY_NAME = new Map<string, Courier>();
for (const c of COURIERS) for (const n of [c.code, c.name, ...c.aliases]) COURIER_BY_NAME.set(n.toUpperCase(), c);

/** Resolves a 快递公司 cell (`中通快递`, `ZTO`, `zhongtong`) to the courier. */
export function courierByName(name: string): Courier | undefined {
  return COURIER_BY_NAME.get(toHalfWidth(name).trim().toUpperCase());
}

export function validateWaybill(courierCode: string, raw: string): IdentifierCheck {
  const courier = courierByName(courierCode);
  const value = toHalfWidth(raw).replace(/\s+/g, '').toUpperCase();
  if (!courier) return { ok: false, value, reason: 'waybill-courier' };
  return courier.pattern.test(value) ? { ok: true, value } : { ok: false, value, reason: 'waybill-pattern' };
}

/** Couriers whose pattern a number matches (patterns overlap, so there may be several). */
export function couriersMatching(raw: string): Courier[] {
  const value = toHalfWidth(raw).replace(/\s+/g, '').toUpperCase();
  return COURIERS.filter((c) => c.pattern.test(value));
}

// ── Bank cards and accounts, Alipay ─────────────────────────────────────────────────────────────

/** Luhn check digit for a card number without its last digit. */
export function luhnCheckDigit(body: string): string {
  let sum = 0;
  for (let i = body.length - 1, double = true; i >= 0; i--, double = !double) {
    let d = body.charCodeAt(i) - 48;
    if (double) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

/** A payment card: 16–19 digits passing Luhn. `unionPay` when it starts with 62. */
export function validateBankCard(raw: string): IdentifierCheck & { unionPay?: boolean } {
  const value = toHalfWidth(raw).replace(/[\s-]/g, '');
  if (!/^\d{16,19}$/.test(value)) return { ok: false, value, reason: 'card-format' };
  if (luhnCheckDigit(value.slice(0, -1)) !== value.slice(-1)) return { ok: false, value, reason: 'card-luhn' };
  return { ok: true, value, unionPay: value.startsWith('62') };
}

/**
 * A bank account as statements print it: either a card (16–19 digits starting 62/4/5, Luhn) or a
 * corporate settlement account (12–22 digits, no public check digit).
 */
export function validateBankAccount(raw: string): IdentifierCheck {
  const value = toHalfWidth(raw).replace(/[\s-]/g, '');
  if (!/^\d{12,22}$/.test(value)) return { ok: false, value, reason: 'account-format' };
  if (looksLikeCard(value)) return validateBankCard(value);
  return { ok: true, value };
}

export function looksLikeCard(digits: string): boolean {
  return digits.length >= 16 && digits.length <= 19 && /^(62|4|5)/.test(digits);
}

export function validateAlipayUserId(raw: string): IdentifierCheck {
  const value = toHalfWidth(raw).trim();
  return /^2088\d{12}$/.test(value) ? { ok: true, value } : { ok: false, value, reason: 'alipay-uid-format' };
}

// ── Registry ────────────────────────────────────────────────────────────────────────────────────

export type IdentifierKind = 'uscc' | 'residentId' | 'mobile' | 'phone' | 'bankCard' | 'bankAccount' | 'alipayUserId';

/**
 * One validator per identifier kind, shared by seed, ingest and tests. Waybills are validated with
 * `validateWaybill(courier, no)` because their pattern depends on the courier column.
 */
export const IDENTIFIER_VALIDATORS: Readonly<Record<IdentifierKind, (raw: string) => IdentifierCheck>> = {
  uscc: validateUscc,
  residentId: validateResidentId,
  mobile: validateMobile,
  phone: validatePhone,
  bankCard: validateBankCard,
  bankAccount: validateBankAccount,
  alipayUserId: validateAlipayUserId,
};
