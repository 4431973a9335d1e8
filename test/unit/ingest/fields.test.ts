import { describe, expect, it } from 'vitest';
import { parseAmount, parseDate, parseField } from '../../../server/ingest/fields.ts';

describe('field types', () => {
  it('reads dates as exports write them and refuses impossible ones', () => {
    expect(parseDate('2023/5/6', false)).toBe('2023-05-06');
    expect(parseDate('2023年5月6日', false)).toBe('2023-05-06');
    expect(parseDate('２０２３－０５－０６', false)).toBe('2023-05-06');
    expect(parseDate('2023.05.06 14:22', true)).toBe('2023-05-06T14:22:00');
    expect(parseDate('20230506', false)).toBe('2023-05-06');
    expect(parseDate('45052', false)).toBe('2023-05-06'); // Excel's serial for 2023-05-06
    expect(parseDate('2024-02-30', false)).toBe(null);
    expect(parseDate('2023-13-18 19:30:52', true)).toBe(null);
    expect(parseDate('2023-05-06 24:00', true)).toBe(null);
  });

  it('reads amounts with ¥, 万元, separators and parentheses', () => {
    expect(parseAmount('¥1,234.50')).toBe(1234.5);
    expect(parseAmount('￥715.00')).toBe(715);
    expect(parseAmount('1.2万元')).toBe(12000);
    expect(parseAmount('(300.00)')).toBe(-300);
    expect(parseAmount('12,000元')).toBe(12000);
    expect(parseAmount('about 5')).toBe(null);
  });

  it('flags a USCC with a bad check character instead of rejecting it', () => {
    expect(parseField('uscc', '91360113MA39ABCD8L')).toEqual({
      ok: true,
      value: { type: 'uscc', uscc: '91360113MA39ABCD8L', valid: true },
    });
    expect(parseField('uscc', '91360113MA39ABCD8K')).toEqual({
      ok: true,
      value: { type: 'uscc', uscc: '91360113MA39ABCD8K', valid: false },
    });
    expect(parseField('uscc', '9136011')).toEqual({ ok: false, reason: 'uscc-format' });
  });

  it('validates ID numbers (check digit, birth date) and keeps masked ones as masked', () => {
    expect(parseField('residentId', '36012119900101013X')).toMatchObject({
      ok: true,
      value: { type: 'residentId', gender: 'M', birthYear: 1990 },
    });
    expect(parseField('residentId', '360121199001010131')).toEqual({ ok: false, reason: 'id-checksum' });
    expect(parseField('residentId', '3601**********1234')).toEqual({
      ok: true,
      value: { type: 'masked', masked: '3601**********1234' },
    });
    // An ID failing its check digit is a bad ID, not a USCC made of digits.
    expect(parseField('usccOrId', '360121199001010131')).toEqual({ ok: false, reason: 'id-checksum' });
    expect(parseField('usccOrId', '91360113MA39ABCD8L')).toMatchObject({ ok: true, value: { type: 'uscc' } });
  });

  it('normalises phones (+86, spaces, full-width) and rejects impossible prefixes', () => {
    expect(parseField('phone', '+86 138 1234 5678')).toEqual({
      ok: true,
      value: { type: 'phone', digits: '13812345678' },
    });
    expect(parseField('phone', '１３８４２０５３９３０')).toEqual({
      ok: true,
      value: { type: 'phone', digits: '13842053930' },
    });
    expect(parseField('phone', '0791-86123456')).toEqual({
      ok: true,
      value: { type: 'phone', digits: '079186123456' },
    });
    expect(parseField('phone', '12012345678')).toEqual({ ok: false, reason: 'phone-prefix' });
    expect(parseField('phone', '1385461569')).toEqual({ ok: false, reason: 'phone-length' });
    expect(parseField('phone', '不详')).toEqual({ ok: true, value: null });
  });

  it('maps retired and informal district names in addresses to today’s region', () => {
    expect(parseField('address', '南昌湾里区招贤镇1号')).toMatchObject({ ok: true, value: { regionCode: '360112' } });
    expect(parseField('address', '红谷滩新区丰和中大道1号')).toMatchObject({
      ok: true,
      value: { regionCode: '360113' },
    });
  });

  it('refuses control characters and overlong cells whatever the type', () => {
    expect(parseField('text', 'a\u0000b')).toEqual({ ok: false, reason: 'control-chars' });
    expect(parseField('name', 'x'.repeat(2001))).toEqual({ ok: false, reason: 'field-too-long' });
  });
});
