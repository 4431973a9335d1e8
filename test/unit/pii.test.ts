import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  decryptPii,
  encryptPii,
  maskBankCard,
  maskDigitRuns,
  maskIdNumber,
  maskName,
  maskPhone,
  starEveryDigit,
} from '../../server/domain/pii.ts';

describe('masking', () => {
  it('stars numbers in free text however they are written, and leaves dates and house numbers', () => {
    const shown: [string, string][] = [
      ['货款 联系13912345678 卡6222021234567890128', '货款 联系139******78 卡622**************28'],
      ['电话 139 1234 5678，或 139-1234-5678', '电话 139 **** **78，或 139-****-**78'],
      ['+86 139 1234 5678', '+86 139 **** **78'],
      ['１３９１２３４５６７８', '１３９******７８'],
      ['卡号 6222 0212 3456 7890 123', '卡号 622* **** **** **** *23'],
      ['身份证 360102 19851332 123X', '身份证 360*** ******** **3X'],
      ['36010219851332123x', '360*************3x'],
      ['1234567', '123**67'],
      ['123 4567', '123 **67'],
      // Written out in Chinese numerals, as a seller gets a contact number past a platform's filter.
      ['加微信 一三九一二三四五六七八', '加微信 一三九******七八'],
      ['V：幺三九 零一二三 四五六七', 'V：幺三九 **** **六七'],
      ['壹叁玖壹贰叁肆伍陆柒捌', '壹叁玖******柒捌'],
      ['电话139一二三四5678', '电话139******78'],
      // Chinese numerals that are words, a year or a short number: left as they are.
      ['八一大道一号，二〇二四年五月六日，三五九一二六', '八一大道一号，二〇二四年五月六日，三五九一二六'],
      // Not seven digits, or joined by groups of one or two: left as they are.
      [
        '2024-05-06 12:30 八一大道12-3-1001室，邮编330006，123 456',
        '2024-05-06 12:30 八一大道12-3-1001室，邮编330006，123 456',
      ],
    ];
    for (const [text, expected] of shown) expect(maskDigitRuns(text), text).toBe(expected);
  });
  it('stars every Arabic digit of a value that may hold a number cut short, and leaves numerals that are words', () => {
    expect(starEveryDigit('八一大道12号 １３９')).toBe('八一大道**号 ***');
  });
  it('masks ID numbers 4+10+4', () => {
    expect(maskIdNumber('360102198506120031')).toBe('3601**********0031');
  });
  it('masks phones 3+4+4', () => {
    expect(maskPhone('+86 13812341234')).toBe('138****1234');
    expect(maskPhone('0791-86123456')).toBe('0791******56');
  });
  it('masks cards BIN + last 4', () => {
    expect(maskBankCard('6222 0212 3456 7890 123')).toBe('622202*********0123');
  });
  it('masks names after the first character', () => {
    expect(maskName('张三丰')).toBe('张**');
    expect(maskName('李')).toBe('*');
  });
});

describe('AES-256-GCM', () => {
  const key = randomBytes(32);
  it('round-trips and uses a fresh IV', () => {
    const a = encryptPii(key, '360102198506120031');
    const b = encryptPii(key, '360102198506120031');
    expect(a).toMatch(/^v1:[^:]+:[^:]+:[^:]+$/);
    expect(a).not.toBe(b);
    expect(decryptPii(key, a)).toBe('360102198506120031');
  });
  it('refuses a wrong key, altered text and short keys', () => {
    const sealed = encryptPii(key, '13812341234');
    expect(() => decryptPii(randomBytes(32), sealed)).toThrow(/does not authenticate/);
    const [v, iv, tag, ct] = sealed.split(':') as [string, string, string, string];
    const flipped = Buffer.from(ct, 'base64');
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    expect(() => decryptPii(key, [v, iv, tag, flipped.toString('base64')].join(':'))).toThrow();
    expect(() => encryptPii(randomBytes(16), 'x')).toThrow(/32-byte/);
    expect(() => decryptPii(key, 'v2:a:b:c')).toThrow(/not a v1/);
  });
});
