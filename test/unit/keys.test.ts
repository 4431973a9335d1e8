import { describe, expect, it } from 'vitest';
import {
  accountKey,
  addressKey,
  brandKey,
  caseKey,
  companyKey,
  currentAddressKey,
  hmacToken,
  normaliseAddress,
  normaliseCompanyName,
  paymentKey,
  personKey,
  phoneKey,
  shipmentKey,
  shopKey,
} from '../../server/domain/keys.ts';

const KEY = Buffer.from('00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff', 'hex');

describe('hmacToken', () => {
  it('is HMAC-SHA256 over kind:value, 32 hex chars, and key-dependent', () => {
    const t = hmacToken(KEY, 'pid', '360102198506120031');
    expect(t).toMatch(/^[0-9a-f]{32}$/);
    expect(hmacToken(KEY, 'pid', '360102198506120031')).toBe(t);
    expect(hmacToken(Buffer.alloc(32, 1), 'pid', '360102198506120031')).not.toBe(t);
    expect(hmacToken(KEY, 'tel', '360102198506120031')).not.toBe(t);
  });
});

describe('company keys', () => {
  it('share one core across region prefixes, legal forms and generic industry words', () => {
    const names = [
      '南昌鑫盛贸易有限公司',
      '鑫盛贸易',
      '江西鑫盛商贸有限公司',
      '南昌市 鑫盛贸易有限公司',
      '江西省南昌市鑫盛经贸有限责任公司',
      '鑫盛贸易（南昌）有限公司',
      '红谷滩区鑫盛商贸',
    ];
    expect(new Set(names.map(normaliseCompanyName))).toEqual(new Set(['鑫盛']));
  });
  it('keeps distinctive industry words and strips sole-trader suffixes', () => {
    expect(normaliseCompanyName('南昌县鑫盛烟酒商行')).toBe('鑫盛烟酒');
    expect(normaliseCompanyName('江西恒达酒业有限公司')).toBe('恒达酒业');
    expect(normaliseCompanyName('ＡＢＣ贸易有限公司')).toBe('ABC');
    expect(normaliseCompanyName('贸易有限公司')).toBe('贸易');
  });
  it('uses the USCC when syntactically valid, even with a bad check character', () => {
    expect(companyKey({ uscc: '91360113MA39ABCD8L', name: 'x', regionCode: '360113' })).toBe('uscc:91360113MA39ABCD8L');
    expect(companyKey({ uscc: '91360113MA39ABCD8K', name: 'x', regionCode: '360113' })).toBe('uscc:91360113MA39ABCD8K');
  });
  it('falls back to name@prefecture, joining districts of one city', () => {
    const a = companyKey({ uscc: '', name: '南昌鑫盛贸易有限公司', regionCode: '360113' });
    const b = companyKey({ uscc: null, name: '鑫盛商贸', regionCode: '360121' });
    expect(a).toBe('name:鑫盛@360100');
    expect(b).toBe(a);
    expect(companyKey({ name: '鑫盛商贸', regionCode: '360981' })).toBe('name:鑫盛@360900');
    expect(companyKey({ name: '不详', regionCode: '360121' })).toBeNull();
  });
});

describe('person, phone and account keys', () => {
  it('prefers the ID and never keys a name alone', () => {
    const byId = personKey(KEY, { idNumber: '360102198506120031', name: '王五' });
    expect(byId).toBe(`pid:${hmacToken(KEY, 'pid', '360102198506120031')}`);
    expect(personKey(KEY, { idNumber: '360102198506120031', name: '别名' })).toBe(byId);
    expect(personKey(KEY, { name: '王五', phone: '+86 138 1234 1234' })).toBe(
      `pnp:${hmacToken(KEY, 'pnp', '王五|13812341234')}`,
    );
    expect(personKey(KEY, { name: '王五' })).toBeNull();
    expect(personKey(KEY, { idNumber: '3601**********0031', name: '王五', phone: '138****1234' })).toBeNull();
  });
  it('keys phones by digits and ignores masked ones', () => {
    expect(phoneKey(KEY, '１３８１２３４１２３４')).toBe(`tel:${hmacToken(KEY, 'tel', '13812341234')}`);
    expect(phoneKey(KEY, '138****1234')).toBeNull();
    expect(phoneKey(KEY, '0791-86123456')).toBe(`tel:${hmacToken(KEY, 'tel', '079186123456')}`);
  });
  it('keys accounts by channel and number', () => {
    expect(accountKey(KEY, 'bank', '6222 0212')).toBe(`acct:${hmacToken(KEY, 'acct', 'bank:62220212')}`);
    expect(accountKey(KEY, 'alipay', '2088123456789012')).not.toBe(accountKey(KEY, 'bank', '2088123456789012'));
  });
});

describe('plain keys', () => {
  it('builds shop, shipment, payment, case and brand keys', () => {
    expect(shopKey('拼多多', '12345')).toBe('shop:pinduoduo:12345');
    expect(shipmentKey('中通快递', ' 75123456789012 ')).toBe('wb:ZTO:75123456789012');
    expect(shipmentKey('SF', 'sf1234567890123')).toBe('wb:SF:SF1234567890123');
    expect(paymentKey('alipay', '2024010122001')).toBe('pay:alipay:2024010122001');
    expect(caseKey('case-register', '洪红市监立[2024]12号')).toBe('case:case-register:洪红市监立〔2024〕12号');
    expect(brandKey('南孚 ®')).toBe(brandKey('南孚'));
  });
});

describe('address normalisation', () => {
  const canonical = '江西省南昌市红谷滩区丰和中大道188号锦绣花园12栋3单元1001室';
  it.each([
    canonical,
    '南昌市红谷滩区丰和中大道188号锦绣花园12栋3单元1001室',
    '红谷滩区丰和中大道188号锦绣花园12-3-1001',
    '江西省南昌市江西省南昌市红谷滩新区丰和中大道１８８号锦绣花园12栋3单元1001',
    '南昌 红谷滩 丰和中大道188号 锦绣花园12号楼三单元1001室----',
    '江西南昌红谷滩新区丰和中大道188号锦绣花园12幢3单元1001室',
  ])('%s', (variant) => {
    expect(normaliseAddress(variant)).toEqual({ text: canonical, regionCode: '360113' });
  });
  it('maps retired districts forward and keeps 南昌县 apart from 南昌市', () => {
    expect(normaliseAddress('南昌市湾里区招贤镇梅岭路8号')).toEqual({
      text: '江西省南昌市新建区招贤镇梅岭路8号',
      regionCode: '360112',
    });
    expect(normaliseAddress('新建县长堎镇子实路8号').regionCode).toBe('360112');
    expect(normaliseAddress('南昌县莲塘镇澄湖西路9号').text).toBe('江西省南昌市南昌县莲塘镇澄湖西路9号');
    expect(normaliseAddress('丰城市剑光街道新城路3号')).toEqual({
      text: '江西省宜春市丰城市剑光街道新城路3号',
      regionCode: '360981',
    });
    expect(normaliseAddress('浙江省杭州市西湖区文三路1号').regionCode).toBeNull();
  });
  it('gives placeholders no key', () => {
    expect(addressKey(KEY, '不详')).toBeNull();
    expect(addressKey(KEY, '红谷滩区丰和中大道188号')).toBe('addr:江西省南昌市红谷滩区丰和中大道188号');
  });
  it('keeps no phone, ID or card number in a key, but a keyed token of it', () => {
    const phone = addressKey(KEY, '东湖区八一大道12号 王先生 139-1234-5678') as string;
    expect(phone).toMatch(/^addr:江西省南昌市东湖区八一大道12号王先生~[a-p]{12}$/);
    expect(phone).not.toMatch(/\d{5}/);
    // The same number however it was written is one token; another number, another token.
    expect(addressKey(KEY, '东湖区八一大道12号王先生１３９１２３４５６７８')).toBe(phone);
    expect(addressKey(KEY, '东湖区八一大道12号 王先生 13912345679')).not.toBe(phone);
    // Tokens are keyed: another instance key gives another token.
    expect(addressKey(Buffer.alloc(32, 9), '东湖区八一大道12号 王先生 13912345678')).not.toBe(phone);
    const id = addressKey(KEY, '青山湖区北京东路9号 身份证36010219850505123x') as string;
    expect(id).toMatch(/^addr:江西省南昌市青山湖区北京东路9号身份证~[a-p]{12}$/);
    // Room numbers, house numbers and postcodes stay.
    expect(addressKey(KEY, '西湖区中山路12-3-1001')).toBe('addr:江西省南昌市西湖区中山路12栋3单元1001室');
    expect(addressKey(KEY, '西湖区中山路88号 330000')).toBe('addr:江西省南昌市西湖区中山路88号330000');
  });
  it('brings a key written before tokens to the key ingest now makes of the same text, once', () => {
    // [what was typed, the key the version before tokens made of it]
    const before: [string, string][] = [
      ['东湖区八一大道12号王先生13912345678', 'addr:江西省南昌市东湖区八一大道12号王先生13912345678'],
      ['东湖区八一大道12号 王先生 139-1234-5678', 'addr:江西省南昌市东湖区八一大道12号王先生139栋1234单元5678室'],
      ['东湖区八一大道12号1-100-2', 'addr:江西省南昌市东湖区八一大道12号1栋100单元2室'],
      ['东湖区八一大道12号12-3-1001 13912345678', 'addr:江西省南昌市东湖区八一大道12号12栋3单元100113912345678室'],
      ['东湖区八一大道12345-1-101', 'addr:江西省南昌市东湖区八一大道12345栋1单元101室'],
      ['西湖区中山路12-3-1001', 'addr:江西省南昌市西湖区中山路12栋3单元1001室'],
      ['西湖区中山路88号 330000', 'addr:江西省南昌市西湖区中山路88号330000'],
    ];
    for (const [typed, old] of before) {
      const now = addressKey(KEY, typed) as string;
      expect({ typed, key: currentAddressKey(KEY, old) }).toEqual({ typed, key: now });
      expect(currentAddressKey(KEY, now)).toBe(now);
      expect(now).not.toMatch(/\d{7}/);
    }
    expect(currentAddressKey(KEY, 'tel:13912345678')).toBe('tel:13912345678');
  });
});
