/**
 * Field types of import specs: each turns one raw cell into a normalised value, or says why it
 * cannot (a reason code). Rules follow ../shared/DOMAIN.md: USCC checksum failures are flagged, not
 * rejected; masked identifiers are kept as masked display values without an identity key; dates
 * come in the shapes exports really use; amounts in ¥, 万元 and with thousands separators.
 */
import { z } from 'zod';
import {
  courierByName,
  isMasked,
  toHalfWidth,
  validateAlipayUserId,
  validateBankAccount,
  validatePhone,
  validateResidentId,
  validateUscc,
} from '../domain/identifiers.ts';
import { isPlaceholder, normaliseAddress } from '../domain/keys.ts';
import { isReasonCode, type ReasonCode } from './reasons.ts';

export const FIELD_TYPES = [
  'text',
  'name',
  'uscc',
  'residentId',
  'usccOrId',
  'phone',
  'courier',
  'waybill',
  'bankAccount',
  'alipayUserId',
  'wechatId',
  'date',
  'datetime',
  'amount',
  'number',
  'direction',
  'address',
] as const;
export const FieldTypeSchema = z.enum(FIELD_TYPES);
export type FieldType = z.infer<typeof FieldTypeSchema>;

export type FieldValue =
  | { type: 'text'; text: string }
  | { type: 'uscc'; uscc: string; valid: boolean }
  | { type: 'residentId'; id: string; gender?: 'M' | 'F'; birthYear?: number }
  | { type: 'masked'; masked: string }
  | { type: 'phone'; digits: string }
  | { type: 'courier'; code: string; name: string }
  | { type: 'account'; number: string }
  | { type: 'date'; iso: string }
  | { type: 'number'; value: number }
  | { type: 'direction'; direction: 'in' | 'out' }
  | { type: 'address'; text: string; regionCode: string | null };

export type Parsed = { ok: true; value: FieldValue | null } | { ok: false; reason: ReasonCode };

const ok = (value: FieldValue | null): Parsed => ({ ok: true, value });
const fail = (reason: string | undefined, fallback: ReasonCode): Parsed => ({
  ok: false,
  reason: reason && isReasonCode(reason) ? reason : fallback,
});

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

export function parseField(type: FieldType, raw: string, maxLength = 2000): Parsed {
  const cell = raw.trim();
  if (cell === '') return ok(null);
  if (cell.length > maxLength) return { ok: false, reason: 'field-too-long' };
  if (CONTROL.test(cell)) return { ok: false, reason: 'control-chars' };
  switch (type) {
    case 'text':
      return ok({ type: 'text', text: cell });
    case 'name':
      return isPlaceholder(cell) ? ok(null) : ok({ type: 'text', text: toHalfWidth(cell).replace(/\s+/g, ' ') });
    case 'uscc': {
      if (isMasked(cell)) return ok({ type: 'masked', masked: cell });
      const check = validateUscc(cell);
      return check.syntaxOk
        ? ok({ type: 'uscc', uscc: check.value ?? cell, valid: check.ok })
        : fail(check.reason, 'uscc-format');
    }
    case 'residentId':
      return parseResidentId(cell);
    case 'usccOrId': {
      if (isMasked(cell)) return ok({ type: 'masked', masked: cell });
      const id = validateResidentId(cell);
      // A readable ID (region prefix known) that fails a later check is a bad ID, not a USCC.
      if (id.ok || id.reason === 'id-checksum' || id.reason === 'id-birth-date') return parseResidentId(cell);
      const uscc = validateUscc(cell);
      if (uscc.syntaxOk) return ok({ type: 'uscc', uscc: uscc.value ?? cell, valid: uscc.ok });
      return fail(id.reason, 'id-format');
    }
    case 'phone': {
      if (isMasked(cell)) return ok({ type: 'masked', masked: cell });
      if (isPlaceholder(cell)) return ok(null);
      const check = validatePhone(cell);
      return check.ok && check.value ? ok({ type: 'phone', digits: check.value }) : fail(check.reason, 'phone-length');
    }
    case 'courier': {
      const courier = courierByName(cell);
      return courier
        ? ok({ type: 'courier', code: courier.code, name: courier.name })
        : { ok: false, reason: 'courier-unknown' };
    }
    case 'waybill':
      return ok({ type: 'text', text: toHalfWidth(cell).replace(/\s+/g, '').toUpperCase() });
    case 'bankAccount': {
      if (isMasked(cell)) return ok({ type: 'masked', masked: cell });
      const check = validateBankAccount(cell);
      return check.ok && check.value
        ? ok({ type: 'account', number: check.value })
        : fail(check.reason, 'account-format');
    }
    case 'alipayUserId': {
      if (isMasked(cell)) return ok({ type: 'masked', masked: cell });
      const check = validateAlipayUserId(cell);
      return check.ok && check.value
        ? ok({ type: 'account', number: check.value })
        : fail(check.reason, 'alipay-uid-format');
    }
    case 'wechatId': {
      if (isMasked(cell) || isPlaceholder(cell))
        return cell.includes('*') ? ok({ type: 'masked', masked: cell }) : ok(null);
      // WeChat ids: 6–20 letters, digits, _ or -, starting with a letter (wxid_… included).
      return /^[A-Za-z][A-Za-z0-9_-]{5,30}$/.test(cell)
        ? ok({ type: 'account', number: cell })
        : { ok: false, reason: 'account-format' };
    }
    case 'date':
    case 'datetime': {
      const iso = parseDate(cell, type === 'datetime');
      return iso ? ok({ type: 'date', iso }) : { ok: false, reason: 'date-invalid' };
    }
    case 'amount': {
      const value = parseAmount(cell);
      return value === null ? { ok: false, reason: 'amount-invalid' } : ok({ type: 'number', value });
    }
    case 'number': {
      const value = Number(toHalfWidth(cell).replace(/,/g, ''));
      return Number.isFinite(value) ? ok({ type: 'number', value }) : { ok: false, reason: 'number-invalid' };
    }
    case 'direction': {
      const direction = parseDirection(cell);
      return direction ? ok({ type: 'direction', direction }) : { ok: false, reason: 'direction-invalid' };
    }
    case 'address': {
      if (isPlaceholder(cell)) return ok(null);
      const a = normaliseAddress(cell);
      // Its key (keys.ts addressKeyOf) needs the instance's HMAC key: entities.ts builds it.
      return a.text === '' ? ok(null) : ok({ type: 'address', text: a.text, regionCode: a.regionCode });
    }
  }
}

function parseResidentId(cell: string): Parsed {
  if (isMasked(cell)) return ok({ type: 'masked', masked: cell });
  const check = validateResidentId(cell);
  if (!check.ok || !check.value) return fail(check.reason, 'id-format');
  const birthYear = check.birthDate ? Number(check.birthDate.slice(0, 4)) : undefined;
  return ok({
    type: 'residentId',
    id: check.value,
    ...(check.gender ? { gender: check.gender } : {}),
    ...(birthYear ? { birthYear } : {}),
  });
}

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/**
 * Dates as exports write them: 2023-05-06, 2023/5/6, 2023.5.6, 2023年5月6日, 20230506, an Excel
 * serial (45052), each optionally with a time (14:22 or 14:22:05, after a space or T). Returns
 * `YYYY-MM-DD` (or `YYYY-MM-DDTHH:mm:ss` with `withTime`), or null for anything impossible.
 */
export function parseDate(raw: string, withTime: boolean): string | null {
  const text = toHalfWidth(raw).trim();
  let y: number, mo: number, d: number, h: number, mi: number, s: number;
  let m: RegExpExecArray | null;
  if (
    (m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T]+(\d{1,2})[:：时](\d{1,2})(?:[:：分](\d{1,2})秒?)?)?$/.exec(
      text,
    ))
  ) {
    [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    [h, mi, s] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  } else if ((m = /^(\d{4})(\d{2})(\d{2})(?:[ T]?(\d{2})(\d{2})(\d{2})?)?$/.exec(text))) {
    [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    [h, mi, s] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  } else if (/^\d{5}(\.\d+)?$/.test(text)) {
    const serial = Number(text);
    if (serial < 18264 || serial > 58440) return null; // 1950 … 2059
    const date = new Date(EXCEL_EPOCH + Math.round(serial * 86_400_000));
    [y, mo, d] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
    [h, mi, s] = [date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds()];
  } else {
    return null;
  }
  if (y < 1900 || y > 2099 || h > 23 || mi > 59 || s > 59) return null;
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  const pad = (n: number) => String(n).padStart(2, '0');
  const day = `${y}-${pad(mo)}-${pad(d)}`;
  return withTime ? `${day}T${pad(h)}:${pad(mi)}:${pad(s)}` : day;
}

/** ¥1,234.50 · 1.2万元 · (300.00) · -15 · 12,000元 → yuan; null if unreadable. */
export function parseAmount(raw: string): number | null {
  let text = toHalfWidth(raw)
    .replace(/[\s,，¥￥]/g, '')
    .replace(/人民币|RMB|CNY/gi, '');
  let sign = 1;
  if (/^\(.*\)$/.test(text)) {
    sign = -1;
    text = text.slice(1, -1);
  }
  let factor = 1;
  if (/万元?$/.test(text)) {
    factor = 10_000;
    text = text.replace(/万元?$/, '');
  } else if (/亿元?$/.test(text)) {
    factor = 100_000_000;
    text = text.replace(/亿元?$/, '');
  }
  text = text.replace(/元$/, '');
  if (!/^[+-]?\d+(\.\d+)?$/.test(text)) return null;
  return Math.round(sign * Number(text) * factor * 100) / 100;
}

const OUT = new Set(['借', '支', '支出', '出', '转出', '付款', 'D', 'DR', 'DEBIT', 'OUT', '-']);
const IN = new Set(['贷', '收', '收入', '入', '转入', '收款', 'C', 'CR', 'CREDIT', 'IN', '+']);

function parseDirection(raw: string): 'in' | 'out' | null {
  const text = toHalfWidth(raw).trim().toUpperCase();
  if (OUT.has(text)) return 'out';
  if (IN.has(text)) return 'in';
  return null;
}
