/**
 * Personal identifiers for display and storage (DOMAIN.md §2, DESIGN.md §5): masked forms that keep
 * what a cross-region reader needs (the city of an ID, a phone's prefix and tail, a card's BIN and
 * tail) and AES-256-GCM ciphertext that only an authorised, audited unmask may decrypt.
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { ValidationError } from '../errors.ts';
import { phoneDigits, toHalfWidth } from './identifiers.ts';

function stars(n: number): string {
  return '*'.repeat(Math.max(0, n));
}

/** ID numbers: 4 + stars + 4 (`3601**********1234`), keeping the city and hiding district and birth date. */
export function maskIdNumber(id: string): string {
  const v = toHalfWidth(id).replace(/\s+/g, '').toUpperCase();
  if (v.length <= 8) return stars(v.length);
  return v.slice(0, 4) + stars(v.length - 8) + v.slice(-4);
}

/** Mobiles: `138****1234`; landlines keep the area code and the last 2 digits. */
export function maskPhone(phone: string): string {
  const v = phoneDigits(phone);
  if (v.length === 11 && v.startsWith('1')) return v.slice(0, 3) + '****' + v.slice(7);
  if (v.length <= 6) return stars(v.length);
  const area = v.startsWith('0') ? (v.startsWith('01') || v.startsWith('02') ? 3 : 4) : 3;
  return v.slice(0, area) + stars(v.length - area - 2) + v.slice(-2);
}

/** Bank cards and accounts: first 6 (BIN) + stars + last 4. */
export function maskBankCard(card: string): string {
  const v = toHalfWidth(card).replace(/[\s-]/g, '');
  if (v.length <= 10) return stars(v.length);
  return v.slice(0, 6) + stars(v.length - 10) + v.slice(-4);
}

/**
 * A digit as people type it: half- or full-width, or a Chinese numeral read digit by digit (一三九…,
 * 壹叁玖…, 幺 for one and 〇 or 零 for nought, as phone numbers are read out), the way a seller writes
 * a contact number in a listing or a chat so that a platform's filter does not catch it.
 */
const DIGIT = '[0-9\\uFF10-\\uFF19〇零幺一二三四五六七八九壹贰叁肆伍陆柒捌玖]';
/**
 * A number in free text: seven or more digits in a row, or groups of three or more joined by single
 * spaces or hyphens as phones, ID numbers and cards are written (139 1234 5678, 139-1234-5678,
 * 360102 19850505 1234, a card in fours), with the X that ends an ID number. Groups of one or two
 * digits (a date 2024-05-06, a room 12-3-1001) do not join, so dates and house numbers stay.
 */
const NUMBER_RUN = new RegExp(`(?:${DIGIT}{3,}(?:[ \\-]${DIGIT}{3,})+|${DIGIT}{7,})[XxＸｘ]?`, 'g');
/** What a number's length counts and its stars replace: its digits and an ID number's X. */
const NUMBER_CHAR = new RegExp(`${DIGIT}|[XxＸｘ]`, 'g');
/** Arabic digits only: a Chinese numeral alone is as often a word (一路, 八一大道). */
const EVERY_DIGIT = /[0-9\uFF10-\uFF19]/g;

/**
 * Numbers of seven or more digits in free text (an ID or phone number typed into a search, a remark
 * in an export, a memo), starred but for their first 3 and last 2 digits, spaces and hyphens kept:
 * what every answer, the audit log, the access log and source rows show of free text.
 */
export function maskDigitRuns(text: string): string {
  return text.replace(NUMBER_RUN, (run) => {
    const length = run.match(NUMBER_CHAR)?.length ?? 0;
    if (length < 7) return run;
    let at = 0;
    return run.replace(NUMBER_CHAR, (c) => (at++ < 3 || at > length - 2 ? c : '*'));
  });
}

/** Every digit starred (half- or full-width): a value that may hold a number cut or unparsed. */
export function starEveryDigit(text: string): string {
  return text.replace(EVERY_DIGIT, '*');
}

/**
 * Properties whose long digit runs are registry, transaction, parcel or document numbers, not a
 * person's identifier: shown as they are. Every other text a record carries (a payment's memo, a
 * parcel's contents, an address, a business scope, a title, a name) is free text, which can hold a
 * phone, card or ID number that ingest never parsed, sealed or masked: its runs of seven or more
 * digits are starred wherever it leaves the server, as the original-row view stars them.
 */
const NUMBER_FIELDS: ReadonlySet<string> = new Set([
  'uscc',
  'txId',
  'orderNo',
  'waybillNo',
  'shopId',
  'url',
  'caseNo',
  'decisionNo',
  'transferNo',
]);

/** Free text in a response schema (names, titles, memos, evidence notes): starred as it is answered. */
export const ShownText = z.string().overwrite(maskDigitRuns);

/** A property's value as it may leave the server: free text with its long digit runs starred. */
export function shownProperty<V>(field: string, value: V): V {
  return typeof value === 'string' && !NUMBER_FIELDS.has(field) ? (maskDigitRuns(value) as V) : value;
}

/** Names on waybills: the first character and the rest starred (张*, 欧阳**), per GB/T 41833-2022. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return '*';
  return (chars[0] as string) + stars(chars.length - 1);
}

const VERSION = 'v1';

/** A key of its own for deriving deterministic IVs (HKDF from the encryption key), cached per key. */
const ivKeys = new WeakMap<Buffer, Buffer>();
function ivKey(encKey: Buffer): Buffer {
  let key = ivKeys.get(encKey);
  if (!key) {
    key = Buffer.from(hkdfSync('sha256', encKey, Buffer.alloc(0), 'quanlian/pii/deterministic-iv', 32));
    ivKeys.set(encKey, key);
  }
  return key;
}

/**
 * AES-256-GCM: `v1:<iv b64>:<tag b64>:<ciphertext b64>`. With `deterministic`, the IV is derived
 * from the plaintext (HMAC-SHA256 under the same key, as in SIV constructions): equal identifiers
 * give equal ciphertext, so re-loading a source reproduces the graph byte for byte. An IV then
 * repeats only for an identical plaintext, which GCM tolerates; equality is revealed, which the
 * HMAC identity keys reveal anyway.
 */
export function encryptPii(encKey: Buffer, plaintext: string, options: { deterministic?: boolean } = {}): string {
  checkKey(encKey);
  const iv = options.deterministic
    ? createHmac('sha256', ivKey(encKey)).update(plaintext, 'utf8').digest().subarray(0, 12)
    : randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', encKey, iv);
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [VERSION, iv.toString('base64'), cipher.getAuthTag().toString('base64'), ct.toString('base64')].join(':');
}

/** Decrypts `encryptPii` output; a wrong key or altered ciphertext throws ValidationError. */
export function decryptPii(encKey: Buffer, sealed: string): string {
  checkKey(encKey);
  const parts = sealed.split(':');
  if (parts.length !== 4 || parts[0] !== VERSION) {
    throw new ValidationError(`quanlian/pii: not a ${VERSION} ciphertext (expected v1:<iv>:<tag>:<ct>)`);
  }
  const [, iv, tag, ct] = parts as [string, string, string, string];
  try {
    const decipher = createDecipheriv('aes-256-gcm', encKey, Buffer.from(iv, 'base64'));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(ct, 'base64')), decipher.final()]).toString('utf8');
  } catch (error) {
    throw new ValidationError('quanlian/pii: ciphertext does not authenticate (wrong key or altered data)', {
      cause: error,
    });
  }
}

function checkKey(encKey: Buffer): void {
  if (encKey.length !== 32)
    throw new ValidationError(`quanlian/pii: AES-256-GCM needs a 32-byte key, got ${encKey.length}`);
}
