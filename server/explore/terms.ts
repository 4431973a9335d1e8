/**
 * From the text a user typed to what search asks the database: a Lucene query that cannot fail to
 * parse (every term escaped and quoted, so `AND`, `(`, `*` or a stray quote are plain text), and the
 * exact identifiers the text may be — a USCC, a phone number (as its HMAC key), a resident ID number
 * (as its HMAC key), a bank card or account, an Alipay user id or a WeChat id (as account HMAC keys),
 * a payment's transaction number, a shop's platform id, a waybill number, a case number — checked
 * with the domain's own validators.
 */
import {
  toHalfWidth,
  validateAlipayUserId,
  validateBankAccount,
  validatePhone,
  validateResidentId,
  validateUscc,
} from '../domain/identifiers.ts';
import { accountKey, normaliseCaseNo, paymentKey, personKey, phoneKey } from '../domain/keys.ts';

const LUCENE_SPECIAL = /[+\-&|!(){}[\]^"~*?:\\/]/g;
const MAX_TERMS = 8;
/** One Chinese character (CJK ideographs, extensions included), and nothing else. */
const HAN_CHARACTER = /^\p{Script=Han}$/u;

/**
 * The user's terms as a conjunction of quoted phrases (the cjk analyzer turns a Chinese phrase into
 * consecutive bigrams, so `"茅台"` matches inside 关于销售假冒茅台酒案). Terms without a letter or digit
 * are dropped; null when nothing searchable remains.
 *
 * A term of one Chinese character (a surname, 李; a word, 酒) is not a phrase the index holds: inside
 * a name the character is only part of bigrams (李明 → 李明; 红家酒业直营店 → …, 营店), so `"李"` would
 * find only names where it stands alone. Such a term asks for the terms that start with it (`李*`: its
 * bigrams, and the character alone) or end with it (`?李`). Those matches all score alike (Lucene gives
 * wildcard matches a constant score), so they come in key order.
 */
export function toLuceneQuery(text: string): string | null {
  const terms = toHalfWidth(text)
    .split(/\s+/)
    .filter((t) => /[\p{L}\p{N}]/u.test(t))
    .slice(0, MAX_TERMS);
  if (terms.length === 0) return null;
  return terms
    .map((t) => (HAN_CHARACTER.test(t) ? `(${t}* OR ?${t})` : `"${t.replace(LUCENE_SPECIAL, (c) => `\\${c}`)}"`))
    .join(' AND ');
}

export interface IdentifierLookups {
  usccs: string[];
  phoneKeys: string[];
  personKeys: string[];
  accountKeys: string[];
  paymentKeys: string[];
  shopIds: string[];
  waybills: string[];
  caseNos: string[];
}

/** A WeChat id as WeChat allows it: a letter, then 5–19 letters, digits, `_` or `-`. */
const WECHAT_ID = /^[a-zA-Z][-_a-zA-Z0-9]{5,19}$/;
/** A shop's id on its platform, a payment's transaction number: plain tokens with a digit. */
const PLAIN_ID = /^[A-Za-z0-9_-]{4,64}$/;

export function hasLookups(ids: IdentifierLookups): boolean {
  return Object.values(ids).some((list: string[]) => list.length > 0);
}

/**
 * The exact identifiers a query may be. Each whitespace-separated term is tried, and the whole text
 * without spaces (phones are often typed `138 0013 8000`). Clear phone, ID and account numbers only
 * ever leave here as HMAC keys. A phone is tried as an Alipay or WeChat login too, which accounts
 * are often known by.
 */
export function identifierLookups(text: string, hmacKey: Buffer): IdentifierLookups {
  const half = toHalfWidth(text).trim();
  const candidates = [...new Set([half.replace(/\s+/g, ''), ...half.split(/\s+/)])]
    .filter((c) => c.length >= 5 && c.length <= 60)
    .slice(0, MAX_TERMS + 1);
  const out: IdentifierLookups = {
    usccs: [],
    phoneKeys: [],
    personKeys: [],
    accountKeys: [],
    paymentKeys: [],
    shopIds: [],
    waybills: [],
    caseNos: [],
  };
  const add = (list: string[], value: string | null | undefined) => {
    if (value && !list.includes(value)) list.push(value);
  };
  for (const c of candidates) {
    const uscc = validateUscc(c);
    if (uscc.syntaxOk) add(out.usccs, uscc.value);
    const phone = validatePhone(c).ok;
    if (phone) add(out.phoneKeys, phoneKey(hmacKey, c));
    if (validateResidentId(c).ok) add(out.personKeys, personKey(hmacKey, { idNumber: c }));
    if (validateBankAccount(c).ok) add(out.accountKeys, accountKey(hmacKey, 'bank', c));
    if (validateAlipayUserId(c).ok || phone) add(out.accountKeys, accountKey(hmacKey, 'alipay', c));
    if (WECHAT_ID.test(c) || phone) add(out.accountKeys, accountKey(hmacKey, 'wechat', c));
    if (PLAIN_ID.test(c) && /\d/.test(c)) {
      add(out.shopIds, c);
      if (c.length >= 10)
        for (const channel of ['bank', 'alipay', 'wechat'] as const) add(out.paymentKeys, paymentKey(channel, c));
    }
    const compact = c.toUpperCase();
    if (/^[A-Z0-9]{8,24}$/.test(compact) && /\d{6}/.test(compact)) add(out.waybills, compact);
    if (/\d/.test(c)) for (const v of caseNoVariants(c)) add(out.caseNos, v);
  }
  return out;
}

/** A case number as typed and in each bracket style exports use (〔〕, [], 【】, (), （）). */
export function caseNoVariants(raw: string): string[] {
  const typed = raw.replace(/\s+/g, '');
  const canonical = normaliseCaseNo(typed);
  const styles: [string, string][] = [
    ['〔', '〕'],
    ['[', ']'],
    ['【', '】'],
    ['(', ')'],
    ['（', '）'],
  ];
  const variants = canonical.includes('〔')
    ? styles.map(([open, close]) => canonical.replaceAll('〔', open).replaceAll('〕', close))
    : [canonical];
  return [...new Set([typed, ...variants])];
}
