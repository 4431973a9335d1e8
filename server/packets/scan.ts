/**
 * Looks for clear personal identifiers in text: 18-digit resident ID numbers (checksum valid),
 * mainland mobile numbers, and bank-card numbers (16–19 digits, Luhn valid). A `strict` packet is
 * scanned before it is signed and refused if anything is found. A number counts when it stands on
 * its own; digits inside a typed key (`shop:weidian:16001755832`, a platform's shop id) or a longer
 * token are not a person's identifier, nor are the digits after a decimal point (a score of
 * 1.1761904761904762 has a Luhn-valid 16-digit fraction). An 18-digit run that carries a USCC's
 * check character is a firm's public registry code, not a card (one in ten all-digit codes also
 * passes Luhn), as one that carries an ID number's is counted as the ID number.
 */
import { validateBankCard, validateResidentId, validateUscc } from '../domain/identifiers.ts';

export interface Finding {
  kind: 'id-number' | 'phone' | 'bank-card';
  at: number;
}

/** Not inside a longer token, a typed key, or the fraction of a decimal number. */
const ALONE = String.raw`(?<![0-9A-Za-z:_]|\d\.)`;

export function findClearIdentifiers(text: string): Finding[] {
  const out: Finding[] = [];
  for (const m of text.matchAll(new RegExp(String.raw`${ALONE}\d{17}[\dXx](?![0-9A-Za-z])`, 'g')))
    if (validateResidentId(m[0]).ok) out.push({ kind: 'id-number', at: m.index });
  for (const m of text.matchAll(new RegExp(String.raw`${ALONE}(?:\+?86[- ]?)?1[3-9]\d{9}(?![0-9A-Za-z])`, 'g')))
    out.push({ kind: 'phone', at: m.index });
  for (const m of text.matchAll(new RegExp(String.raw`${ALONE}\d{16,19}(?![0-9A-Za-z])`, 'g')))
    if (validateBankCard(m[0]).ok && !validateResidentId(m[0]).ok && !validateUscc(m[0]).checksumOk)
      out.push({ kind: 'bank-card', at: m.index });
  return out;
}
