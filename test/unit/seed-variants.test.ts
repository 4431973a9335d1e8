import { describe, expect, it } from 'vitest';
import {
  validateBankCard,
  validateMobile,
  validateResidentId,
  validateUscc,
  validateWaybill,
} from '../../server/domain/identifiers.ts';
import { normaliseAddress, normaliseCompanyName } from '../../server/domain/keys.ts';
import { PLACES } from '../../seed/catalog/places.ts';
import { dayOf } from '../../seed/dates.ts';
import { Rng } from '../../seed/prng.ts';
import { homeAddress, renderAddress, ruralAddress, streetAddress } from '../../seed/world/address.ts';
import { CompanyFactory, companyNameVariant } from '../../seed/world/companies.ts';
import { IdFactory } from '../../seed/world/ids.ts';
import { makePerson } from '../../seed/world/people.ts';

describe('seed renderings resolve to one identity', () => {
  it('every address rendering normalises to its canonical text and region', () => {
    const rng = new Rng('test-addresses');
    for (const code of Object.keys(PLACES)) {
      for (let i = 0; i < 40; i++) {
        const a = [homeAddress, streetAddress, ruralAddress][i % 3]?.(rng, code);
        if (!a) continue;
        expect(normaliseAddress(a.canonical)).toEqual({ text: a.canonical, regionCode: code });
        for (let k = 0; k < 10; k++) {
          const written = renderAddress(rng, a);
          expect(normaliseAddress(written).text, written).toBe(a.canonical);
        }
      }
    }
  });

  it('every firm-name variant (bar planted typos) normalises to the firm’s normal name', () => {
    const rng = new Rng('test-firms');
    const ids = new IdFactory(rng.fork('ids'));
    const firms = new CompanyFactory(rng.fork('firms'), ids);
    for (let i = 0; i < 300; i++) {
      const code = rng.pick(Object.keys(PLACES));
      const rep = makePerson(rng, ids, { regionCode: code });
      const c = firms.make({
        address: streetAddress(rng, code),
        legalRep: rep,
        industry: rng.pick(['贸易', '商贸', '酒业', '日化', '供应链管理', '汽配']),
        scope: '',
        sole: i % 3 === 0,
        founded: rng.int(dayOf(2008, 1, 1), dayOf(2023, 1, 1)),
      });
      expect(validateUscc(c.uscc).ok).toBe(true);
      for (let k = 0; k < 8; k++) {
        const v = companyNameVariant(rng, c);
        expect(normaliseCompanyName(v), v).toBe(c.normalName);
      }
    }
  });

  it('makes only valid, unique identifiers', () => {
    const rng = new Rng('test-ids');
    const ids = new IdFactory(rng);
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const p = makePerson(rng, ids, { regionCode: '360112', elderly: i % 5 === 0 });
      expect(validateResidentId(p.idNo).ok, p.idNo).toBe(true);
      expect(validateMobile(p.phone).ok, p.phone).toBe(true);
      for (const v of [p.idNo, p.phone]) {
        expect(seen.has(v)).toBe(false);
        seen.add(v);
      }
      expect(validateBankCard(ids.bankCard().number).ok).toBe(true);
    }
    for (const c of ['SF', 'ZTO', 'YTO', 'STO', 'YD', 'JD', 'EMS', 'JTSD', 'DBL']) {
      for (let i = 0; i < 50; i++) expect(validateWaybill(c, ids.waybill(c)).ok).toBe(true);
    }
  });
});
