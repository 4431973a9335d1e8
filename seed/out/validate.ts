/**
 * Checks one cell by its column type with the shared validators of server/domain/identifiers.ts.
 * Used by the noise step (to prove a corruption really is invalid) and by the tests (to prove every
 * cell not listed invalid is valid).
 */
import {
  isMasked,
  isRealDate,
  validateAlipayUserId,
  validateBankAccount,
  validatePhone,
  validateResidentId,
  validateUscc,
  validateWaybill,
} from '../../server/domain/identifiers.ts';
import type { Column } from '../sources.ts';

/**
 * In a column holding either, an 18-digit value starting with a province code (11–82) is an ID number;
 * firm codes start with their registration authority (9 for market regulation), so 91…/92… are USCCs.
 */
export function looksLikeResidentId(value: string): boolean {
  return /^[1-8]\d{16}[\dXx]$/.test(value);
}

/** true = valid, false = invalid, null = nothing to check (empty, masked, free text). */
export function cellIsValid(
  type: Column['type'],
  value: string,
  row: readonly string[],
  columns: readonly Column[],
): boolean | null {
  if (value === '' || isMasked(value)) return null;
  switch (type) {
    case 'uscc':
      return validateUscc(value).ok;
    case 'residentId':
      return validateResidentId(value).ok;
    case 'usccOrId':
      return looksLikeResidentId(value) ? validateResidentId(value).ok : validateUscc(value).ok;
    case 'phone':
      return validatePhone(value).ok;
    case 'waybill': {
      const courier = row[columns.findIndex((c) => c.type === 'courier')] ?? '';
      return validateWaybill(courier, value).ok;
    }
    case 'bankAccount':
      return validateBankAccount(value).ok;
    case 'alipayUserId':
      return validateAlipayUserId(value).ok;
    case 'date':
      return /^\d{4}-\d{2}-\d{2}$/.test(value) && isRealDate(value.replace(/-/g, ''));
    case 'datetime': {
      const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(value);
      return (
        m !== null && isRealDate(`${m[1]}${m[2]}${m[3]}`) && Number(m[4]) < 24 && Number(m[5]) < 60 && Number(m[6]) < 60
      );
    }
    default:
      return null;
  }
}
