/**
 * The named graph of the exploration tests: "a counterfeit-moutai case in 东湖区 (360102) against a
 * local liquor firm, its legal representative (ID number, phone and bank account held encrypted), and
 * five shops it runs; a case in 上饶市 (361100) against a wholesaler there that ships to the 东湖 firm
 * (which 上饶 also names in its case) and two 上饶 shops the 东湖 firm runs. The shipment and the 东湖
 * firm were reported by both regions." Every node carries `fixture: <tag>`, every key the tag or an
 * HMAC under the test's own key, so the graph neither meets nor outlives other tests' data.
 * Trusted fixture text only.
 */
import { randomBytes } from 'node:crypto';
import type { Db } from '../../server/db/db.ts';
import {
  luhnCheckDigit,
  orgCodeCheckChar,
  residentIdCheckChar,
  usccCheckChar,
} from '../../server/domain/identifiers.ts';
import { accountKey, personKey, phoneKey } from '../../server/domain/keys.ts';
import { encryptPii } from '../../server/domain/pii.ts';

export const A = '360102';
export const B = '361100';

function digits(n: number): string {
  return Array.from(randomBytes(n), (b) => String(b % 10)).join('');
}
function uscc(region: string): string {
  const org = digits(8);
  const body = `91${region}${org}${orgCodeCheckChar(org)}`;
  return body + usccCheckChar(body);
}
const src = (batch: string, ...lines: number[]) => lines.map((l) => `${batch}:${l}`);

export type ExploreFixture = ReturnType<typeof exploreFixture>;

export function exploreFixture(t: string, hmacKey: Buffer, encKey: Buffer) {
  const idBody = `36010219850317${digits(3)}`;
  const idNumber = idBody + residentIdCheckChar(idBody);
  const mobile = `139${digits(8)}`;
  const cardBody = `6222020${digits(11)}`;
  const card = cardBody + luhnCheckDigit(cardBody);
  const secrets = {
    idNumber,
    mobile,
    card,
    phoneCipher: encryptPii(encKey, mobile),
    idCipher: encryptPii(encKey, idNumber),
    acctCipher: encryptPii(encKey, card),
  };
  const caseNoA = `洪东市监立〔2024〕${t}号`;
  const caseNoB = `饶市监立〔2024〕${t}号`;
  const usccA = uscc(A);
  const usccB = uscc(B);
  const waybill = `SF1${digits(12)}`;
  const keys = {
    batchA: `b${t}a`,
    batchB: `b${t}b`,
    usccA,
    usccB,
    caseNoA,
    caseNoB,
    waybill,
    companyA: `uscc:${usccA}`,
    companyB: `uscc:${usccB}`,
    caseA: `case:case-register:${caseNoA}`,
    caseB: `case:case-register:${caseNoB}`,
    shipment: `wb:SF:${waybill}`,
    person: personKey(hmacKey, { idNumber }) as string,
    phone: phoneKey(hmacKey, mobile) as string,
    account: accountKey(hmacKey, 'bank', card) as string,
    addressB: `addr:江西省上饶市信州区${t}路8号`,
    shopsA: [1, 2, 3, 4, 5].map((i) => `shop:taobao:${t}-a${i}`),
    shopsB: [1, 2].map((i) => `shop:taobao:${t}-b${i}`),
  };
  return {
    t,
    keys,
    secrets,
    write: (db: Db) => writeGraph(db, t, keys, secrets),
    remove: (db: Db) => db.autoCommit('MATCH (n {fixture: $t}) DETACH DELETE n', 'fixture/cleanup', { t }),
  };
}

async function writeGraph(
  db: Db,
  t: string,
  F: ReturnType<typeof exploreFixture>['keys'],
  secrets: ReturnType<typeof exploreFixture>['secrets'],
): Promise<void> {
  const { idNumber, mobile, phoneCipher, idCipher, acctCipher } = secrets;
  await db.autoCommit(
    `UNWIND $rows AS row
     CREATE (b:Batch {id: row.id, file: row.file, sourceSystem: row.system, regionCode: row.region, dept: row.dept,
                      loadedAt: datetime(row.at), sha256: row.id, archivedAs: '/secret/path/' + row.file, fixture: $t})
     WITH b, row MATCH (g:Region {code: row.region}) CREATE (b)-[:IN_REGION]->(g)`,
    'fixture/batches',
    {
      t,
      rows: [
        {
          id: F.batchA,
          file: '东湖区案件登记.csv',
          system: 'case-register',
          region: A,
          dept: '东湖区市场监管局',
          at: '2024-06-01T09:00:00Z',
        },
        {
          id: F.batchB,
          file: '上饶运单.xlsx',
          system: 'courier-waybill',
          region: B,
          dept: '上饶市公安局',
          at: '2024-06-02T09:00:00Z',
        },
      ],
    },
  );
  const nodes: { label: string; rows: Record<string, unknown>[] }[] = [
    {
      label: 'Case',
      rows: [
        {
          key: F.caseA,
          props: {
            caseNo: F.caseNoA,
            sourceSystem: 'case-register',
            title: '关于销售假冒茅台酒案',
            type: '侵犯注册商标专用权',
            status: '立案',
            regionCode: A,
          },
          openedAt: '2024-05-01',
          seenIn: [A],
          region: A,
          src: src(F.batchA, 2),
          first: F.batchA,
        },
        {
          key: F.caseB,
          props: {
            caseNo: F.caseNoB,
            sourceSystem: 'case-register',
            title: '上饶市销售假冒茅台酒批发案',
            type: '侵犯注册商标专用权',
            status: '结案',
            regionCode: B,
          },
          openedAt: '2024-04-01',
          seenIn: [B],
          region: B,
          src: src(F.batchB, 3),
          first: F.batchB,
        },
      ],
    },
    {
      label: 'Company',
      rows: [
        {
          key: F.companyA,
          props: { name: '南昌东湖茅台酒经营部', uscc: F.usccA, usccValid: true, aliases: ['洪城名酒行'] },
          seenIn: [A, B],
          region: A,
          src: [...src(F.batchA, 2, 9), ...src(F.batchB, 7)],
          first: F.batchA,
          srcCount: 40,
        },
        {
          key: F.companyB,
          props: { name: '上饶茅台酒批发有限公司', uscc: F.usccB, usccValid: true },
          seenIn: [B],
          region: B,
          src: src(F.batchB, 4),
          first: F.batchB,
        },
      ],
    },
    {
      label: 'Person',
      rows: [
        {
          key: F.person,
          props: {
            name: '欧阳明辉',
            idMasked: '3601**********' + idNumber.slice(-4),
            idEnc: idCipher,
            gender: 'M',
            birthYear: 1985,
          },
          seenIn: [A],
          region: null,
          src: src(F.batchA, 2),
          first: F.batchA,
        },
      ],
    },
    {
      label: 'Phone',
      rows: [
        {
          key: F.phone,
          props: { masked: `139****${mobile.slice(-4)}`, enc: phoneCipher },
          seenIn: [A],
          region: null,
          src: src(F.batchA, 2),
          first: F.batchA,
        },
      ],
    },
    {
      label: 'Account',
      rows: [
        {
          key: F.account,
          props: { channel: 'bank', bank: '工商银行', masked: '622202*********1234', enc: acctCipher },
          seenIn: [A],
          region: null,
          src: src(F.batchA, 9),
          first: F.batchA,
        },
      ],
    },
    {
      label: 'Shipment',
      rows: [
        {
          key: F.shipment,
          props: {
            courier: 'SF',
            courierName: '顺丰速运',
            waybillNo: F.waybill,
            itemDesc: '白酒',
            pieces: 12,
            shippedAt: '2024-04-20T09:30:00',
          },
          seenIn: [B, A],
          region: null,
          src: [...src(F.batchB, 6), ...src(F.batchA, 5)],
          first: F.batchB,
        },
      ],
    },
    {
      label: 'Address',
      rows: [
        {
          key: F.addressB,
          props: { text: `江西省上饶市信州区${t}路8号`, regionCode: B },
          seenIn: [B],
          region: B,
          src: src(F.batchB, 4),
          first: F.batchB,
        },
      ],
    },
    {
      label: 'Shop',
      rows: [
        ...F.shopsA.map((key, i) => ({
          key,
          props: { platform: 'taobao', shopId: `${t}-a${i + 1}`, name: `东湖酒行${i + 1}号店` },
          seenIn: [A],
          region: A,
          src: src(F.batchA, 20 + i),
          first: F.batchA,
        })),
        ...F.shopsB.map((key, i) => ({
          key,
          props: { platform: 'taobao', shopId: `${t}-b${i + 1}`, name: `上饶酒行${i + 1}号店` },
          seenIn: [B],
          region: B,
          src: src(F.batchB, 30 + i),
          first: F.batchB,
        })),
      ],
    },
  ];
  for (const { label, rows } of nodes) {
    await db.autoCommit(
      `UNWIND $rows AS row
       CREATE (n:${label} {key: row.key, fixture: $t, seenIn: row.seenIn, src: row.src, srcCount: coalesce(row.srcCount, size(row.src)),
                          firstBatch: row.first})
       SET n += row.props
       FOREACH (d IN CASE WHEN row.openedAt IS NULL THEN [] ELSE [row.openedAt] END | SET n.openedAt = date(d))
       WITH n, row MATCH (g:Region {code: row.region}) CREATE (n)-[:IN_REGION]->(g)`,
      `fixture/${label}`,
      { t, rows: rows.map((r) => ({ openedAt: null, srcCount: null, ...r })) },
    );
  }
  const rels: Record<string, { from: string; to: string; props?: Record<string, unknown> }[]> = {
    INVOLVES: [
      { from: F.caseA, to: F.companyA, props: { role: '当事人' } },
      { from: F.caseA, to: F.person, props: { role: '法定代表人' } },
      { from: F.caseB, to: F.companyB, props: { role: '当事人' } },
      { from: F.caseB, to: F.companyA, props: { role: '下家' } },
    ],
    LEGAL_REP_OF: [{ from: F.person, to: F.companyA }],
    USES_PHONE: [
      { from: F.companyA, to: F.phone },
      { from: F.person, to: F.phone },
    ],
    HOLDS: [{ from: F.companyA, to: F.account }],
    SENT_BY: [{ from: F.shipment, to: F.companyB }],
    SENT_TO: [{ from: F.shipment, to: F.companyA }],
    LOCATED_AT: [{ from: F.companyB, to: F.addressB }],
    OPERATES: [...F.shopsA, ...F.shopsB].map((to) => ({ from: F.companyA, to })),
  };
  for (const [type, rows] of Object.entries(rels)) {
    await db.autoCommit(
      `UNWIND $rows AS row
       MATCH (a {fixture: $t, key: row.from}) MATCH (b {fixture: $t, key: row.to})
       CREATE (a)-[r:${type} {src: ['${F.batchA}:2'], srcCount: 3, secret: 'not on any whitelist'}]->(b)
       SET r += row.props`,
      `fixture/${type}`,
      { t, rows: rows.map((r) => ({ props: {}, ...r })) },
    );
  }
}
