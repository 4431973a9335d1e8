/**
 * Invalid-row corruption: turns one valid cell into a definitely invalid one of the same column type
 * (bad check character, impossible date, malformed phone, waybill off-pattern), or breaks the column
 * count. Every corruption is verified against the shared validators, so truth.json's invalid list and
 * the validators can never disagree.
 */
import {
  isMasked,
  luhnCheckDigit,
  residentIdCheckChar,
  USCC_CHARSET,
  usccCheckChar,
} from '../../server/domain/identifiers.ts';
import type { Rng } from '../prng.ts';
import type { Column } from '../sources.ts';
import { cellIsValid, looksLikeResidentId } from './validate.ts';

export interface Corruption {
  cells: string[];
  field: string | null;
  reason: string;
}

function corruptId(rng: Rng, v: string): [string, string] | null {
  if (!/^\d{17}[\dX]$/.test(v)) return null;
  if (rng.chance(0.5)) {
    const good = residentIdCheckChar(v.slice(0, 17));
    return [v.slice(0, 17) + rng.pick([...'0123456789X'].filter((c) => c !== good)), 'id-checksum'];
  }
  const body = v.slice(0, 10) + rng.pick(['0230', '0231', '1332', '0431']) + v.slice(14, 17);
  return [body + residentIdCheckChar(body), 'id-birth-date'];
}

function corruptUscc(rng: Rng, v: string): [string, string] | null {
  if (v.length !== 18 || !/^[0-9A-Z]{2}\d{6}/.test(v) || looksLikeResidentId(v)) return null;
  const good = usccCheckChar(v.slice(0, 17));
  return [v.slice(0, 17) + rng.pick([...USCC_CHARSET].filter((c) => c !== good)), 'uscc-checksum'];
}

function corruptValue(rng: Rng, type: Column['type'], v: string): [string, string] | null {
  switch (type) {
    case 'uscc':
      return corruptUscc(rng, v);
    case 'usccOrId':
      return corruptUscc(rng, v) ?? corruptId(rng, v);
    case 'residentId':
      return corruptId(rng, v);
    case 'phone': {
      const digits = v.replace(/\D/g, '');
      if (digits.length !== 11 || !digits.startsWith('1')) return null;
      return rng.chance(0.5) ? [digits.slice(0, 10), 'phone-length'] : ['154' + digits.slice(3), 'phone-prefix'];
    }
    case 'waybill':
      return [v.slice(0, -2), 'waybill-pattern'];
    case 'bankAccount': {
      if (/^(62|4|5)\d{14,17}$/.test(v)) {
        const good = luhnCheckDigit(v.slice(0, -1));
        return [v.slice(0, -1) + String((Number(good) + rng.int(1, 9)) % 10), 'card-luhn'];
      }
      return [v.slice(0, 8), 'account-format'];
    }
    case 'alipayUserId':
      return ['2089' + v.slice(4), 'alipay-uid-format'];
    case 'date':
      return /^\d{4}-\d{2}-\d{2}$/.test(v) ? [`${v.slice(0, 5)}02-30`, 'impossible-date'] : null;
    case 'datetime':
      return /^\d{4}-\d{2}-\d{2} /.test(v) ? [`${v.slice(0, 5)}13-${v.slice(8)}`, 'impossible-date'] : null;
    default:
      return null;
  }
}

export function corrupt(rng: Rng, columns: readonly Column[], cells: readonly string[]): Corruption | null {
  if (rng.chance(0.15)) {
    // Wrong column count: an unquoted comma split a text cell, or a trailing cell went missing.
    const out = cells.slice();
    const texts = columns
      .map((c, i) => (c.type === 'text' && (cells[i] ?? '').length > 3 ? i : -1))
      .filter((i) => i >= 0);
    if (texts.length > 0 && rng.chance(0.6)) {
      const i = rng.pick(texts);
      const v = out[i] as string;
      const cut = rng.int(1, v.length - 1);
      out.splice(i, 1, v.slice(0, cut), v.slice(cut));
    } else out.pop();
    return { cells: out, field: null, reason: 'column-count' };
  }
  const candidates = columns
    .map((c, i) => i)
    .filter((i) => {
      const v = cells[i] ?? '';
      return (
        v !== '' &&
        !isMasked(v) &&
        columns[i]?.type !== 'text' &&
        columns[i]?.type !== 'amount' &&
        columns[i]?.type !== 'number' &&
        columns[i]?.type !== 'courier'
      );
    });
  for (const i of rng.sample(candidates, candidates.length)) {
    const column = columns[i] as Column;
    const hit = corruptValue(rng, column.type, cells[i] as string);
    if (!hit) continue;
    const out = cells.slice();
    out[i] = hit[0];
    if (cellIsValid(column.type, hit[0], out, columns) !== false) continue;
    return { cells: out, field: column.name, reason: hit[1] };
  }
  return null;
}
