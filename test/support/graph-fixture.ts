/**
 * Small named graphs for the detection tests, written straight into Neo4j in the shape ingest
 * produces (parties with keys and regions, shipments with SENT_BY/SENT_TO, payments between held
 * accounts, officers, shared phones and addresses, cases with brands). Trusted fixture text only.
 */
import type { Db } from '../../server/db/db.ts';

export interface FixtureParty {
  key: string;
  label: 'Company' | 'Person' | 'Shop';
  name: string;
  region: string;
  scope?: string;
}

export interface FixtureGraph {
  parties: FixtureParty[];
  shipments: { key: string; from: string; to: string; at: string; pieces?: number; item?: string }[];
  payments: { key: string; from: string; to: string; at: string; amount: number }[];
  officers: { from: string; to: string; type: 'LEGAL_REP_OF' | 'OPERATES' }[];
  /** Addresses and phones with the parties at or using them. */
  addresses: { key: string; text: string; holders: string[] }[];
  phones: { key: string; holders: string[] }[];
  cases: {
    key: string;
    caseNo: string;
    type: string;
    title: string;
    region: string;
    brand?: string;
    parties: string[];
  }[];
}

export function emptyFixture(): FixtureGraph {
  return { parties: [], shipments: [], payments: [], officers: [], addresses: [], phones: [], cases: [] };
}

export async function writeFixture(db: Db, g: FixtureGraph): Promise<void> {
  for (const label of ['Company', 'Person', 'Shop'] as const) {
    await db.autoCommit(
      `UNWIND $rows AS row
       CREATE (n:${label} {key: row.key, name: row.name, scope: row.scope, src: ['fixture:1'], srcCount: 1})
       WITH n, row MATCH (r:Region {code: row.region}) CREATE (n)-[:IN_REGION]->(r)`,
      'fixture/parties',
      { rows: g.parties.filter((p) => p.label === label).map((p) => ({ ...p, scope: p.scope ?? null })) },
    );
  }
  await db.autoCommit(
    `UNWIND $rows AS row
     MATCH (a {key: row.from}) WHERE a:Company OR a:Person OR a:Shop
     MATCH (b {key: row.to}) WHERE b:Company OR b:Person OR b:Shop
     CREATE (s:Shipment {key: row.key, shippedAt: datetime(row.at), pieces: row.pieces, itemDesc: row.item,
                         src: ['fixture:' + row.key], srcCount: 1})
     CREATE (s)-[:SENT_BY]->(a), (s)-[:SENT_TO]->(b)`,
    'fixture/shipments',
    { rows: g.shipments.map((s) => ({ pieces: 1, item: '货物', ...s })) },
  );
  await db.autoCommit(
    `UNWIND $rows AS row
     MATCH (a {key: row.from}) WHERE a:Company OR a:Person OR a:Shop
     MATCH (b {key: row.to}) WHERE b:Company OR b:Person OR b:Shop
     MERGE (x:Account {key: 'acct:' + row.from}) MERGE (a)-[:HOLDS]->(x)
     MERGE (y:Account {key: 'acct:' + row.to}) MERGE (b)-[:HOLDS]->(y)
     CREATE (p:Payment {key: row.key, at: datetime(row.at), amount: row.amount, src: ['fixture:' + row.key], srcCount: 1})
     CREATE (p)-[:FROM_ACCOUNT]->(x), (p)-[:TO_ACCOUNT]->(y)`,
    'fixture/payments',
    { rows: g.payments },
  );
  for (const type of ['LEGAL_REP_OF', 'OPERATES'] as const) {
    await db.autoCommit(
      `UNWIND $rows AS row
       MATCH (a {key: row.from}) WHERE a:Company OR a:Person
       MATCH (b {key: row.to}) WHERE b:Company OR b:Shop
       CREATE (a)-[:${type}]->(b)`,
      'fixture/officers',
      { rows: g.officers.filter((o) => o.type === type) },
    );
  }
  await db.autoCommit(
    `UNWIND $rows AS row
     CREATE (x:Address {key: row.key, text: row.text})
     WITH x, row UNWIND row.holders AS h
     MATCH (p {key: h}) WHERE p:Company OR p:Person OR p:Shop
     CREATE (p)-[:LOCATED_AT]->(x)`,
    'fixture/addresses',
    { rows: g.addresses },
  );
  await db.autoCommit(
    `UNWIND $rows AS row
     CREATE (x:Phone {key: row.key, masked: '138****0000'})
     WITH x, row UNWIND row.holders AS h
     MATCH (p {key: h}) WHERE p:Company OR p:Person OR p:Shop
     CREATE (p)-[:USES_PHONE]->(x)`,
    'fixture/phones',
    { rows: g.phones },
  );
  await db.autoCommit(
    `UNWIND $rows AS row
     CREATE (c:Case {key: row.key, caseNo: row.caseNo, type: row.type, title: row.title, openedAt: date('2024-05-01'),
                     src: ['fixture:' + row.key], srcCount: 1})
     WITH c, row MATCH (r:Region {code: row.region}) CREATE (c)-[:IN_REGION]->(r)
     WITH c, row
     CALL (c, row) { WITH * WHERE row.brand IS NOT NULL
       MERGE (b:Brand {key: 'brand:' + row.brand}) ON CREATE SET b.name = row.brand CREATE (c)-[:INFRINGES]->(b) }
     WITH c, row UNWIND row.parties AS k
     MATCH (p {key: k}) WHERE p:Company OR p:Person OR p:Shop
     CREATE (c)-[:INVOLVES {role: '当事人'}]->(p)`,
    'fixture/cases',
    { rows: g.cases.map((c) => ({ brand: null, ...c })) },
  );
}

/**
 * A planted-style chain: a rural factory (receiving labels from a printer) → a warehouse → a
 * wholesaler → `shops` online shops, each selling to consumers; money flows back up; the
 * wholesaler's operator and one collector share a phone; a counterfeit case against two shops.
 * Keys are prefixed with `p` so two chains in one graph stay distinct.
 */
export interface ChainIds {
  printer: string;
  factory: string;
  warehouse: string;
  wholesaler: string;
  operator: string;
  collector: string;
}

export function plantChain(
  g: FixtureGraph,
  p: string,
  options: { shops?: number; brand?: string; wholesalerKey?: string } = {},
): ChainIds {
  const shops = options.shops ?? 6;
  const k = (s: string) => `${p}${s}`;
  const party = (key: string, label: FixtureParty['label'], name: string, region: string, scope?: string) =>
    g.parties.push({ key, label, name, region, ...(scope ? { scope } : {}) });
  const ids = {
    printer: `uscc:${k('PRINTER')}`,
    factory: `uscc:${k('FACTORY')}`,
    warehouse: `uscc:${k('WAREHOUSE')}`,
    wholesaler: options.wholesalerKey ?? `uscc:${k('WHOLESALER')}`,
    operator: `pid:${k('OPERATOR')}`,
    collector: `pid:${k('COLLECTOR')}`,
  };
  party(ids.printer, 'Company', `${p}彩印包装有限公司`, '360104', '包装装潢印刷品印刷；包装材料销售');
  party(ids.factory, 'Company', `${p}酒业有限公司`, '360124', '酒类经营；预包装食品销售');
  party(ids.warehouse, 'Company', `${p}仓储服务有限公司`, '360121', '仓储服务（不含危险品）');
  if (!options.wholesalerKey) party(ids.wholesaler, 'Company', `${p}酒业批发部`, '360104', '酒类经营');
  party(ids.operator, 'Person', `${p}批发老板`, '360104');
  party(ids.collector, 'Person', `${p}代收人`, '360124');
  g.officers.push({ from: ids.operator, to: ids.wholesaler, type: 'LEGAL_REP_OF' });
  g.phones.push({ key: `tel:${k('PHONE')}`, holders: [ids.operator, ids.collector] });
  let n = 0;
  const ship = (from: string, to: string, day: number, count: number, item = '日用品') => {
    for (let i = 0; i < count; i++)
      g.shipments.push({ key: `wb:${k(String(++n))}`, from, to, at: date(day + i), pieces: 10, item });
  };
  const pay = (from: string, to: string, day: number, count: number) => {
    for (let i = 0; i < count; i++)
      g.payments.push({ key: `pay:${k(String(++n))}`, from, to, at: date(day + i), amount: 5000 });
  };
  ship(ids.printer, ids.factory, 1, 3, '防伪标签');
  ship(ids.factory, ids.warehouse, 10, 6);
  ship(ids.warehouse, ids.wholesaler, 20, 5);
  pay(ids.operator, ids.collector, 22, 4);
  pay(ids.collector, ids.factory, 25, 3);
  for (let s = 1; s <= shops; s++) {
    const shop = `shop:tb:${k(`S${s}`)}`;
    const owner = `pid:${k(`SO${s}`)}`;
    party(shop, 'Shop', `${p}酒行${s}号店`, '360102');
    party(owner, 'Person', `${p}店主${s}`, '360102');
    g.officers.push({ from: owner, to: shop, type: 'OPERATES' });
    ship(ids.wholesaler, shop, 30 + s, 2);
    pay(owner, ids.operator, 31 + s, 2);
    for (let c = 1; c <= 4; c++) {
      const consumer = `pid:${k(`C${s}-${c}`)}`;
      party(consumer, 'Person', `${p}顾客${s}-${c}`, '360111');
      ship(shop, consumer, 40 + c, 1, '白酒');
      pay(consumer, owner, 40 + c, 1);
    }
  }
  g.cases.push({
    key: `case:${k('CASE')}`,
    caseNo: `洪市监立〔2024〕${p}号`,
    type: '侵犯注册商标专用权',
    title: `${p}酒行销售假冒注册商标酒案`,
    region: '360102',
    ...(options.brand ? { brand: options.brand } : { brand: '贵州茅台' }),
    parties: [`shop:tb:${k('S1')}`, `shop:tb:${k('S2')}`],
  });
  return ids;
}

function date(day: number): string {
  const d = new Date(Date.UTC(2024, 0, 1) + day * 86_400_000);
  return d.toISOString().slice(0, 19);
}
