import { describe, expect, it } from 'vitest';
import {
  couriersMatching,
  isMasked,
  luhnCheckDigit,
  mobileCarrier,
  orgCodeCheckChar,
  residentIdCheckChar,
  usccCheckChar,
  validateAlipayUserId,
  validateBankAccount,
  validateBankCard,
  validateMobile,
  validatePhone,
  validateResidentId,
  validateUscc,
  validateWaybill,
} from '../../server/domain/identifiers.ts';

describe('USCC (GB 32100) and organization code (GB 11714)', () => {
  it('accepts the DOMAIN.md test vectors', () => {
    expect(validateUscc('91360113MA39ABCD8L')).toMatchObject({ ok: true, regionCode: '360113' });
    expect(validateUscc('91110000101623741K').ok).toBe(true);
    expect(validateUscc('91360113MA38TQ2K50').ok).toBe(true);
  });

  it('computes the worked example step by step', () => {
    expect(orgCodeCheckChar('MA39ABCD')).toBe('8');
    expect(usccCheckChar('91360113MA39ABCD8')).toBe('L');
    expect(usccCheckChar('91360113MA38TQ2K5')).toBe('0');
  });

  it('uses A=10…Z=35 for the org code, not the USCC table (M=22 there, 21 here)', () => {
    // Real codes checked by public validators (DOMAIN §1).
    expect(validateUscc('91350200MA2YJ1XR9G').orgCodeOk).toBe(true);
    expect(validateUscc('91440101MA5CJQ4N59').orgCodeOk).toBe(true);
  });

  it('flags failing checksums but keeps the syntax verdict', () => {
    // The standard's own example ends in Z, which is outside the 31-character set.
    expect(validateUscc('91350100M000100Y4Z')).toMatchObject({ ok: false, reason: 'uscc-format' });
    const r = validateUscc('91360113MA39ABCD8K');
    expect(r).toMatchObject({ ok: false, syntaxOk: true, checksumOk: false, orgCodeOk: true, reason: 'uscc-checksum' });
    expect(validateUscc('91360113MA39ABCD7L')).toMatchObject({ ok: false, syntaxOk: true, orgCodeOk: false });
  });

  it('rejects forbidden letters and bad lengths as format errors', () => {
    expect(validateUscc('91360113MA39ABCO8L').reason).toBe('uscc-format');
    expect(validateUscc('91360113MA39ABCD8').reason).toBe('uscc-format');
    expect(validateUscc('９１３６０１１３ＭＡ３９ＡＢＣＤ８Ｌ').ok).toBe(true);
  });
});

describe('resident ID (GB 11643)', () => {
  it('accepts the test vectors', () => {
    for (const id of ['11010519491231002X', '440524188001010014', '36012119900101013X', '360102198506120031']) {
      expect(validateResidentId(id).ok, id).toBe(true);
    }
    expect(residentIdCheckChar('36012119900101013')).toBe('X');
  });

  it('reports region, birth date and gender', () => {
    expect(validateResidentId('36012119900101013X')).toMatchObject({
      regionCode: '360121',
      regionKnown: true,
      birthDate: '19900101',
      gender: 'M',
    });
    expect(
      validateResidentId('360105' + '19800101' + '002' + residentIdCheckChar('36010519800101002')).regionKnown,
    ).toBe(true);
  });

  it('rejects bad checksums, impossible dates and unknown provinces', () => {
    expect(validateResidentId('360102198506120032').reason).toBe('id-checksum');
    const feb30 = '36012119900230013';
    expect(validateResidentId(feb30 + residentIdCheckChar(feb30)).reason).toBe('id-birth-date');
    const badProv = '99012119900101013';
    expect(validateResidentId(badProv + residentIdCheckChar(badProv)).reason).toBe('id-region');
    expect(validateResidentId('3601211990010101').reason).toBe('id-format');
  });
});

describe('phones', () => {
  it('normalises +86, spaces, dashes and full-width digits', () => {
    expect(validateMobile('+86 138-1234-5678')).toMatchObject({ ok: true, value: '13812345678', carrier: 'mobile' });
    expect(validateMobile('１３９１２３４５６７８').value).toBe('13912345678');
    expect(validateMobile('008618612345678')).toMatchObject({ ok: true, carrier: 'unicom' });
  });

  it('resolves the longest carrier prefix', () => {
    expect(mobileCarrier('13491234567')).toBe('telecom');
    expect(mobileCarrier('13481234567')).toBe('mobile');
    expect(mobileCarrier('19212345678')).toBe('broadnet');
  });

  it('rejects unreal prefixes and wrong lengths', () => {
    expect(validateMobile('15412345678').reason).toBe('phone-prefix');
    expect(validateMobile('12812345678').reason).toBe('phone-prefix');
    expect(validateMobile('1381234567').reason).toBe('phone-length');
  });

  it('accepts landlines with an area code', () => {
    expect(validatePhone('0791-86123456')).toMatchObject({ ok: true, value: '079186123456' });
    expect(validatePhone('0791-123').ok).toBe(false);
  });

  it('recognises masked values', () => {
    expect(isMasked('138****1234')).toBe(true);
    expect(isMasked('13812341234')).toBe(false);
  });
});

describe('waybills', () => {
  it('matches each courier pattern', () => {
    expect(validateWaybill('SF', 'SF1234567890123').ok).toBe(true);
    expect(validateWaybill('中通快递', '75123456789012').ok).toBe(true);
    expect(validateWaybill('ZTO', '77123456789012').ok).toBe(false);
    expect(validateWaybill('STO', '77123456789012').ok).toBe(true);
    expect(validateWaybill('yuantong', 'YT1234567890123').ok).toBe(true);
    expect(validateWaybill('韵达', '431234567890123').ok).toBe(true);
    expect(validateWaybill('JD', 'JDVA12345678901').ok).toBe(true);
    expect(validateWaybill('EMS', '9812345678901').ok).toBe(true);
    expect(validateWaybill('极兔', 'JT1234567890123').ok).toBe(true);
    expect(validateWaybill('德邦', 'DPK123456789012').ok).toBe(true);
    expect(validateWaybill('unknown', 'X').reason).toBe('waybill-courier');
  });

  it('lists overlapping couriers', () => {
    expect(
      couriersMatching('431234567890123')
        .map((c) => c.code)
        .sort(),
    ).toEqual(['STO', 'YD']);
  });
});

describe('bank cards, accounts, Alipay', () => {
  it('computes and checks Luhn', () => {
    expect(luhnCheckDigit('7992739871')).toBe('3');
    const card = '622202123456789012';
    const full = card + luhnCheckDigit(card);
    expect(validateBankCard(full)).toMatchObject({ ok: true, unionPay: true });
    const wrong = full.slice(0, -1) + String((Number(full.slice(-1)) + 1) % 10);
    expect(validateBankCard(wrong).reason).toBe('card-luhn');
  });

  it('accepts corporate accounts without a check digit but checks card-like numbers', () => {
    expect(validateBankAccount('150200001234567890123').ok).toBe(true);
    expect(validateBankAccount('6222021234567890124').ok).toBe(validateBankCard('6222021234567890124').ok);
    expect(validateBankAccount('12345').reason).toBe('account-format');
  });

  it('checks Alipay user ids', () => {
    expect(validateAlipayUserId('2088123456789012').ok).toBe(true);
    expect(validateAlipayUserId('2089123456789012').ok).toBe(false);
  });
});
