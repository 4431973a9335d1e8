import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { luhnCheckDigit } from '../../server/domain/identifiers.ts';
import { accountKey, paymentKey, personKey, phoneKey } from '../../server/domain/keys.ts';
import { ValidationError } from '../../server/errors.ts';
import { decodeCursor, encodeCursor, queryDigest } from '../../server/explore/cursor.ts';
import { caseNoVariants, hasLookups, identifierLookups, toLuceneQuery } from '../../server/explore/terms.ts';

describe('toLuceneQuery', () => {
  it('quotes and escapes every term, joining them with AND', () => {
    expect(toLuceneQuery('茅台')).toBe('"茅台"');
    expect(toLuceneQuery(' 假冒 茅台 ')).toBe('"假冒" AND "茅台"');
    expect(toLuceneQuery('AND OR "(*')).toBe('"AND" AND "OR"');
    expect(toLuceneQuery('title:茅台*')).toBe('"title\\:茅台\\*"');
    expect(toLuceneQuery('a"b\\c')).toBe('"a\\"b\\\\c"');
  });

  it('asks for a lone Chinese character at the start or end of a bigram, since the index holds no unigram inside a name', () => {
    expect(toLuceneQuery('李')).toBe('(李* OR ?李)');
    expect(toLuceneQuery('李 东湖')).toBe('(李* OR ?李) AND "东湖"');
    expect(toLuceneQuery('　酒　')).toBe('(酒* OR ?酒)');
    expect(toLuceneQuery('𠀋')).toBe('(𠀋* OR ?𠀋)'); // an extension-B character is one code point
    // Anything else of one character stays a quoted phrase: a letter, a digit, punctuation escaped.
    expect(toLuceneQuery('a')).toBe('"a"');
    expect(toLuceneQuery('7')).toBe('"7"');
    expect(toLuceneQuery('李A')).toBe('"李A"');
  });

  it('returns null when nothing searchable is left', () => {
    for (const q of ['', '   ', '"(*', '\\', '&& || !', '《》']) expect(toLuceneQuery(q)).toBeNull();
  });
});

describe('identifierLookups', () => {
  const hmacKey = randomBytes(32);

  it('turns a phone typed any way into its HMAC key, never the digits', () => {
    const key = phoneKey(hmacKey, '13912345678');
    for (const q of ['13912345678', '+86 139 1234 5678', '１３９１２３４５６７８']) {
      const ids = identifierLookups(q, hmacKey);
      expect(ids.phoneKeys, q).toEqual([key]);
      expect(JSON.stringify(ids.phoneKeys)).not.toContain('13912345678');
    }
  });

  it('turns a bank card, an Alipay user id and a WeChat id into account keys, and tries transaction numbers and shop ids', () => {
    const card = '6222020200112233445';
    const body = card.slice(0, -1);
    const valid = body + luhnCheckDigit(body);
    const ids = identifierLookups(valid, hmacKey);
    expect(ids.accountKeys).toContain(accountKey(hmacKey, 'bank', valid));
    expect(JSON.stringify(ids.accountKeys)).not.toContain(valid);
    expect(identifierLookups('2088102146271234', hmacKey).accountKeys).toContain(
      accountKey(hmacKey, 'alipay', '2088102146271234'),
    );
    expect(identifierLookups('wxid_abc123', hmacKey).accountKeys).toEqual([
      accountKey(hmacKey, 'wechat', 'wxid_abc123'),
    ]);
    // A phone is tried as the Alipay and WeChat login it often is.
    expect(identifierLookups('13912345678', hmacKey).accountKeys).toEqual([
      accountKey(hmacKey, 'alipay', '13912345678'),
      accountKey(hmacKey, 'wechat', '13912345678'),
    ]);
    const tx = identifierLookups('4200001234202403051234567890', hmacKey);
    expect(tx.paymentKeys).toEqual([
      paymentKey('bank', '4200001234202403051234567890'),
      paymentKey('alipay', '4200001234202403051234567890'),
      paymentKey('wechat', '4200001234202403051234567890'),
    ]);
    expect(identifierLookups('tb-88231', hmacKey).shopIds).toEqual(['tb-88231']);
    // Words are no identifiers.
    expect(hasLookups(identifierLookups('东湖 酒业', hmacKey))).toBe(false);
  });

  it('recognises a USCC, an ID number, a waybill and a case number', () => {
    // Syntax decides, not the check character: some issued codes fail it (DOMAIN §1).
    expect(identifierLookups('91360100ma35xxxx0x', hmacKey).usccs).toEqual(['91360100MA35XXXX0X']);
    expect(identifierLookups('91360100MA35XXXX0', hmacKey).usccs).toEqual([]);
    expect(identifierLookups('91360100MA35IIII0X', hmacKey).usccs).toEqual([]);
    const id = '11010519491231002X';
    expect(identifierLookups(id, hmacKey).personKeys).toEqual([personKey(hmacKey, { idNumber: id })]);
    expect(identifierLookups('sf1234567890123', hmacKey).waybills).toContain('SF1234567890123');
    expect(identifierLookups('洪市监立[2024]12号', hmacKey).caseNos).toContain('洪市监立〔2024〕12号');
    expect(hasLookups(identifierLookups('茅台酒', hmacKey))).toBe(false);
  });

  it('writes a case number in every bracket style', () => {
    expect(caseNoVariants('洪市监立(2024)12号')).toEqual([
      '洪市监立(2024)12号',
      '洪市监立〔2024〕12号',
      '洪市监立[2024]12号',
      '洪市监立【2024】12号',
      '洪市监立（2024）12号',
    ]);
  });
});

describe('search cursors', () => {
  it('continue their own query and refuse any other', () => {
    const digest = queryDigest('茅台', ['Case', 'Company']);
    expect(queryDigest(' 茅台 ', ['Company', 'Case'])).toBe(digest);
    const cursor = encodeCursor(40, digest);
    expect(decodeCursor(cursor, digest, 1000)).toBe(40);
    expect(() => decodeCursor(cursor, queryDigest('茅台', undefined), 1000)).toThrow(ValidationError);
    expect(() => decodeCursor(cursor, digest, 20)).toThrow(ValidationError);
    for (const bad of ['', '!!!', Buffer.from('{"v":1,"o":-1}').toString('base64url')])
      expect(() => decodeCursor(bad, digest, 1000)).toThrow(ValidationError);
  });
});
