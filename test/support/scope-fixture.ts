/**
 * Data in two regions, loaded through the real ingest path (specs, validation, keys, masking,
 * encryption, seenIn): 东湖区 (360102) has a firm with its legal representative, phone, a counterfeit
 * liquor case and a parcel; 上饶市 (361100) has another firm and representative that 东湖区's
 * exports never mention. A user scoped to 360102 must see the first and not the second.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../../server/db/db.ts';
import { residentIdCheckChar, usccCheckChar } from '../../server/domain/identifiers.ts';
import { CASE_REGISTER } from '../../seed/sources.ts';
import { REGISTRY_HEADER, removeBatches, scratchDir, WAYBILL_HEADER } from './ingest.ts';
import { ingestFile } from '../../server/ingest/service.ts';
import { loadSpecs } from '../../server/ingest/spec/load.ts';
import { TEST_SECRETS, testConfig } from './db.ts';

export interface ScopeFixture {
  tag: string;
  /** Clear identifiers the fixture loaded: no API response may contain them. */
  clear: { ids: string[]; phones: string[] };
  inScope: {
    company: string;
    person: string;
    phone: string;
    case: string;
    caseNo: string;
    shipment: string;
    waybill: string;
    uscc: string;
    phoneDigits: string;
  };
  outOfScope: { company: string; person: string; uscc: string; name: string };
  batches: string[];
  /** A stored (not current) detection run: one community inside 东湖区, one only in 上饶市. */
  run: { id: string; inCommunity: string; outCommunity: string };
  cleanup(): Promise<void>;
}

const digits = (n: number) => Array.from({ length: n }, () => Math.floor(Math.random() * 10)).join('');
const uscc = (region: string) => {
  const body = `9136${region.slice(2)}${digits(8)}${Math.floor(Math.random() * 10)}`.slice(0, 17);
  return body + usccCheckChar(body);
};
const residentId = (region: string, birth: string) => {
  const body = `${region}${birth}${digits(3)}`;
  return body + residentIdCheckChar(body);
};
const mobile = () => `139${digits(8)}`;
const csv = (header: readonly string[], rows: string[][]) =>
  [header, ...rows]
    .map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(','))
    .join('\n') + '\n';

export async function writeScopeFixture(db: Db): Promise<ScopeFixture> {
  const tag = digits(6);
  const dir = scratchDir('quanlian-scope-');
  const inUscc = uscc('360102');
  const outUscc = uscc('361100');
  const inId = residentId('360102', '19800101');
  const outId = residentId('361102', '19750505');
  const inPhone = mobile();
  const outPhone = mobile();
  // A phone typed into free text (a business scope, a parcel's contents): never parsed, sealed or
  // masked by ingest, so only the answer's own masking keeps it out of responses.
  const textPhone = mobile();
  const inFirm = `南昌赣酒${tag}商贸有限公司`;
  const outFirm = `上饶饶酒${tag}实业有限公司`;
  const caseNo = `洪东市监立〔2024〕${tag}号`;
  const waybill = `JDVD${digits(11)}`;

  const registry = (
    firm: string,
    code: string,
    rep: string,
    id: string,
    phone: string,
    address: string,
    organ: string,
  ) =>
    REGISTRY_HEADER.map(
      (h) =>
        ({
          统一社会信用代码: code,
          名称: firm,
          类型: '有限责任公司（自然人投资或控股）',
          法定代表人: rep,
          法定代表人证件号码: id,
          联系电话: phone,
          住所: address,
          经营范围: `预包装食品销售；酒类零售（联系人${textPhone}）`,
          '注册资本(万元)': '50',
          成立日期: '2019-03-01',
          登记机关: organ,
          登记状态: '存续',
        })[h] ?? '',
    );
  const files: { name: string; region: string; text: string }[] = [
    {
      name: '360102-registry.csv',
      region: '360102',
      text: csv(REGISTRY_HEADER, [
        registry(inFirm, inUscc, `张${tag}`, inId, inPhone, '江西省南昌市东湖区中山路18号', '东湖区市场监督管理局'),
      ]),
    },
    {
      name: '361100-registry.csv',
      region: '361100',
      text: csv(REGISTRY_HEADER, [
        registry(
          outFirm,
          outUscc,
          `王${tag}`,
          outId,
          outPhone,
          '江西省上饶市信州区五三大道88号',
          '上饶市市场监督管理局',
        ),
      ]),
    },
    {
      name: '360102-cases.csv',
      region: '360102',
      text: csv(
        CASE_REGISTER.columns.map((c) => c.name),
        [
          CASE_REGISTER.columns.map(
            (c) =>
              ({
                案件编号: caseNo,
                案件名称: `关于${inFirm}销售假冒茅台酒案`,
                案由: '销售侵犯注册商标专用权的商品',
                案件来源: '投诉举报',
                当事人: inFirm,
                当事人类型: '企业',
                统一社会信用代码: inUscc,
                '法定代表人/经营者': `张${tag}`,
                证件号码: '',
                联系电话: inPhone,
                '住所/经营场所': '江西省南昌市东湖区中山路18号',
                涉案品牌: '茅台',
                涉案物品: '飞天茅台酒500ml×24瓶',
                '货值金额(元)': '48000.00',
                '违法经营额(元)': '24000.00',
                '违法所得(元)': '4800.00',
                立案日期: '2024-03-15',
                办案机构: '东湖区市场监督管理局',
                案件状态: '立案调查',
                处罚决定书文号: '',
                '罚没款(元)': '',
                是否移送公安: '否',
              })[c.name] ?? '',
          ),
        ],
      ),
    },
    {
      name: '360102-waybill-jd.csv',
      region: '360102',
      text: csv(WAYBILL_HEADER, [
        [
          waybill,
          '京东物流',
          '2024-03-01 10:00:00',
          inFirm,
          inPhone,
          '江西省南昌市东湖区中山路18号',
          `赵${tag}`,
          mobile(),
          '江西省南昌市青山湖区艾溪湖北路1号',
          `日用品 收件联系${textPhone}`,
          '2',
          '5.0',
          '20.00',
          '京东南昌东湖营业部',
        ],
      ]),
    },
  ];
  const config = testConfig({ QUANLIAN_DATA_DIR: dir });
  const deps = { db, config, secrets: TEST_SECRETS, specs: loadSpecs() };
  const batches: string[] = [];
  for (const f of files) {
    const file = path.join(dir, f.name);
    fs.writeFileSync(file, f.text);
    const report = await ingestFile(file, { region: f.region }, deps);
    if (report.status !== 'loaded' || report.rejected > 0)
      throw new Error(
        `scope fixture: ${f.name}: ${report.status} ${report.error ?? ''} ${JSON.stringify(report.reasons)}`,
      );
    batches.push(report.batchId as string);
  }
  const find = async (cypher: string, params: Record<string, unknown>) => {
    const [row] = await db.adhocRead(cypher, params);
    if (!row?.key) throw new Error(`scope fixture: nothing for ${cypher}`);
    return String(row.key);
  };
  const inScope = {
    company: await find('MATCH (n:Company {uscc: $v}) RETURN n.key AS key', { v: inUscc }),
    person: await find('MATCH (n:Person) WHERE n.name = $v RETURN n.key AS key', { v: `张${tag}` }),
    phone: await find('MATCH (:Company {uscc: $v})-[:USES_PHONE]->(p:Phone) RETURN p.key AS key', { v: inUscc }),
    case: await find('MATCH (n:Case {caseNo: $v}) RETURN n.key AS key', { v: caseNo }),
    shipment: await find('MATCH (n:Shipment {waybillNo: $v}) RETURN n.key AS key', { v: waybill }),
    caseNo,
    waybill,
    uscc: inUscc,
    phoneDigits: inPhone,
  };
  const outOfScope = {
    company: await find('MATCH (n:Company {uscc: $v}) RETURN n.key AS key', { v: outUscc }),
    person: await find('MATCH (n:Person) WHERE n.name = $v RETURN n.key AS key', { v: `王${tag}` }),
    uscc: outUscc,
    name: outFirm,
  };
  const runId = `run-scope-${tag}`;
  const run = { id: runId, inCommunity: `${runId}-c1`, outCommunity: `${runId}-c2` };
  await db.autoCommit(
    `CREATE (r:DetectionRun {id: $run.id, status: 'complete', current: false, params: '{}', startedAt: datetime(), finishedAt: datetime()})
     WITH r
     UNWIND [[$run.inCommunity, 1, $in], [$run.outCommunity, 2, $out]] AS c
     CREATE (k:Community {id: c[0], runId: $run.id, number: c[1], score: 0.8, flagged: true, size: 2, consumers: 0,
                          stages: ['production'], regions: [], brands: ['茅台'], cases: [], manufacturer: c[2][0],
                          evidence: '[]', manufacturers: '[]', breakdown: '[]', gaps: []})-[:IN_RUN]->(r)
     WITH k, c
     UNWIND c[2] AS key
     MATCH (p) WHERE (p:Company OR p:Person) AND p.key = key
     CREATE (p)-[:MEMBER_OF {stage: 'production', role: 'member', runId: $run.id}]->(k)`,
    'scope fixture: run',
    { run, in: [inScope.company, inScope.person], out: [outOfScope.company, outOfScope.person] },
  );
  return {
    tag,
    run,
    clear: { ids: [inId, outId], phones: [inPhone, outPhone, textPhone] },
    inScope,
    outOfScope,
    batches,
    cleanup: async () => {
      await db.autoCommit(
        'MATCH (r:DetectionRun {id: $id}) OPTIONAL MATCH (c:Community)-[:IN_RUN]->(r) DETACH DELETE c, r',
        'scope fixture: cleanup',
        { id: runId },
      );
      await removeBatches(db, batches);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
