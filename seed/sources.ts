/**
 * The source systems whose exports the generator writes: who reports them (department), their
 * Chinese column headers and each column's value type. Tests and ingest read column types from here
 * to know which cells are identifiers (and which validator applies) and which are dates.
 */
import { COURIERS } from '../server/domain/identifiers.ts';

export type ColumnType =
  | 'text'
  | 'uscc'
  | 'residentId'
  /** Either a USCC (firms) or an ID number (people), e.g. 证件号码 of a shop operator. */
  | 'usccOrId'
  | 'phone'
  | 'waybill'
  | 'courier'
  | 'bankAccount'
  | 'alipayUserId'
  | 'date'
  | 'datetime'
  | 'amount'
  | 'number';

export interface Column {
  name: string;
  type: ColumnType;
}

export type Department = 'amr' | 'psb';

export interface SourceSystem {
  id: string;
  name: string;
  department: Department;
  columns: readonly Column[];
}

const col = (name: string, type: ColumnType = 'text'): Column => ({ name, type });

export const CASE_REGISTER: SourceSystem = {
  id: 'case-register',
  name: '案件登记',
  department: 'amr',
  columns: [
    col('案件编号'),
    col('案件名称'),
    col('案由'),
    col('案件来源'),
    col('当事人'),
    col('当事人类型'),
    col('统一社会信用代码', 'uscc'),
    col('法定代表人/经营者'),
    col('证件号码', 'residentId'),
    col('联系电话', 'phone'),
    col('住所/经营场所'),
    col('涉案品牌'),
    col('涉案物品'),
    col('货值金额(元)', 'amount'),
    col('违法经营额(元)', 'amount'),
    col('违法所得(元)', 'amount'),
    col('立案日期', 'date'),
    col('办案机构'),
    col('案件状态'),
    col('处罚决定书文号'),
    col('罚没款(元)', 'amount'),
    col('是否移送公安'),
  ],
};

export const CASE_TRANSFER: SourceSystem = {
  id: 'case-transfer',
  name: '两法衔接移送',
  department: 'amr',
  columns: [
    col('移送编号'),
    col('原案件编号'),
    col('移送机关'),
    col('接收机关'),
    col('移送日期', 'date'),
    col('涉嫌罪名'),
    col('当事人'),
    col('统一社会信用代码', 'uscc'),
    col('身份证号码', 'residentId'),
    col('涉案金额(元)', 'amount'),
    col('移送材料'),
    col('受理情况'),
    col('受理日期', 'date'),
  ],
};

export const ENTERPRISE_REGISTRY: SourceSystem = {
  id: 'enterprise-registry',
  name: '企业登记信息',
  department: 'amr',
  columns: [
    col('统一社会信用代码', 'uscc'),
    col('名称'),
    col('类型'),
    col('法定代表人'),
    col('法定代表人证件号码', 'residentId'),
    col('联系电话', 'phone'),
    col('住所'),
    col('经营范围'),
    col('注册资本(万元)', 'number'),
    col('成立日期', 'date'),
    col('登记机关'),
    col('登记状态'),
  ],
};

export const SHOP_LIST: SourceSystem = {
  id: 'shop-list',
  name: '网店经营者信息',
  department: 'amr',
  columns: [
    col('平台'),
    col('店铺ID'),
    col('店铺名称'),
    col('店铺网址'),
    col('经营者'),
    col('经营者类型'),
    col('经营者证件号码', 'usccOrId'),
    col('经营者电话', 'phone'),
    col('经营地址'),
    col('主营类目'),
    col('开店日期', 'date'),
    col('店铺状态'),
  ],
};

export const WAYBILL_COLUMNS: readonly Column[] = [
  col('运单号', 'waybill'),
  col('快递公司', 'courier'),
  col('寄件时间', 'datetime'),
  col('寄件人'),
  col('寄件人电话', 'phone'),
  col('寄件地址'),
  col('收件人'),
  col('收件人电话', 'phone'),
  col('收件地址'),
  col('物品'),
  col('件数', 'number'),
  col('重量(kg)', 'number'),
  col('运费(元)', 'amount'),
  col('揽收网点'),
];

/** One source system per courier: each courier exports its own file. */
export const WAYBILLS: readonly SourceSystem[] = COURIERS.map((c) => ({
  id: `waybill-${c.code.toLowerCase()}`,
  name: `${c.name}运单`,
  department: 'psb' as const,
  columns: WAYBILL_COLUMNS,
}));

export const BANK_STATEMENT: SourceSystem = {
  id: 'bank-statement',
  name: '银行账户交易明细',
  department: 'psb',
  columns: [
    col('账号', 'bankAccount'),
    col('户名'),
    col('证件号码', 'usccOrId'),
    col('开户行'),
    col('交易时间', 'datetime'),
    col('借贷标志'),
    col('交易金额', 'amount'),
    col('账户余额', 'amount'),
    col('对方账号', 'bankAccount'),
    col('对方户名'),
    col('对方开户行'),
    col('摘要'),
    col('交易渠道'),
    col('交易流水号'),
  ],
};

export const ALIPAY_BILL: SourceSystem = {
  id: 'alipay-bill',
  name: '支付宝交易明细',
  department: 'psb',
  columns: [
    col('用户ID', 'alipayUserId'),
    col('账户名'),
    col('证件号码', 'usccOrId'),
    col('绑定手机', 'phone'),
    col('交易号'),
    col('商家订单号'),
    col('交易创建时间', 'datetime'),
    col('付款时间', 'datetime'),
    col('交易来源地'),
    col('类型'),
    col('交易对方'),
    col('对方用户ID', 'alipayUserId'),
    col('商品名称'),
    col('金额(元)', 'amount'),
    col('收/支'),
    col('交易状态'),
    col('服务费(元)', 'amount'),
    col('成功退款(元)', 'amount'),
    col('备注'),
    col('资金状态'),
  ],
};

export const WECHAT_BILL: SourceSystem = {
  id: 'wechat-bill',
  name: '微信支付账单',
  department: 'psb',
  columns: [
    col('微信号'),
    col('账户实名'),
    col('证件号码', 'residentId'),
    col('绑定手机', 'phone'),
    col('交易时间', 'datetime'),
    col('交易类型'),
    col('交易对方'),
    col('对方微信号'),
    col('商品'),
    col('收/支'),
    col('金额(元)'),
    col('支付方式'),
    col('当前状态'),
    col('交易单号'),
    col('商户单号'),
    col('备注'),
  ],
};

export const SOURCE_SYSTEMS: readonly SourceSystem[] = [
  CASE_REGISTER,
  CASE_TRANSFER,
  ENTERPRISE_REGISTRY,
  SHOP_LIST,
  ...WAYBILLS,
  BANK_STATEMENT,
  ALIPAY_BILL,
  WECHAT_BILL,
];

export const SOURCE_BY_ID = new Map(SOURCE_SYSTEMS.map((s) => [s.id, s]));

export function columnIndex(source: SourceSystem, name: string): number {
  const i = source.columns.findIndex((c) => c.name === name);
  if (i < 0) throw new RangeError(`quanlian/seed: ${source.id} has no column ${name}`);
  return i;
}
