/** The strict-packet scan: what counts as a clear personal identifier, and what does not. */
import { describe, expect, it } from 'vitest';
import { usccCheckChar, validateBankCard, validateUscc } from '../../server/domain/identifiers.ts';
import { canonicalJson } from '../../server/packets/format.ts';
import { findClearIdentifiers } from '../../server/packets/scan.ts';

// 11010519491231002X is GB 11643's own example; 6222021234567890128 passes Luhn.
const kinds = (text: string) => findClearIdentifiers(text).map((f) => f.kind);

describe('clear identifier scan', () => {
  it('finds ID numbers, mobiles and card numbers standing on their own', () => {
    expect(kinds('身份证 11010519491231002X 电话 13912345678 卡 6222021234567890128')).toEqual([
      'id-number',
      'phone',
      'bank-card',
    ]);
    expect(kinds('{"memo":"+86 13912345678"}')).toEqual(['phone']);
  });

  it('passes masked forms, failed checksums, typed keys and longer tokens', () => {
    expect(kinds('110105********002X 139****5678 6222********0128')).toEqual([]);
    expect(kinds('110105194912310021 6222021234567890127')).toEqual([]);
    expect(kinds('"shop:weidian:16001755832" "tel:9f86d081884c7d65" "SF13912345678001"')).toEqual([]);
    expect(kinds('4200001234202405061234567890')).toEqual([]);
    // A float's fraction is not a card number, though 1761904761904762 passes Luhn.
    expect(kinds('{"score":1.1761904761904762,"amount":0.13912345678}')).toEqual([]);
    expect(kinds('卡号 1761904761904762')).toEqual(['bank-card']);
  });

  it("passes a firm's all-digit USCC that also passes Luhn, and still finds an 18-digit card", () => {
    let uscc = '';
    for (let i = 0; !uscc; i++) {
      const body = `91360102${String(i).padStart(9, '0')}`;
      const code = body + usccCheckChar(body);
      if (/^\d{18}$/.test(code) && validateBankCard(code).ok) uscc = code;
    }
    expect(kinds(`{"uscc":"${uscc}"}`)).toEqual([]);
    let card = '';
    for (let i = 0; !card; i++) {
      const number = `62220212345${String(i).padStart(7, '0')}`;
      if (validateBankCard(number).ok && !validateUscc(number).checksumOk) card = number;
    }
    expect(kinds(`{"account":"${card}"}`)).toEqual(['bank-card']);
  });

  it('signs a canonical form: key order does not change the bytes', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[2,{"e":0,"f":1}]},"b":1}',
    );
  });
});
