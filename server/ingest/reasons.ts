/**
 * Why a row was rejected, in Chinese and English. Codes are stable (reports and tests use them);
 * identifier codes are the slugs of server/domain/identifiers.ts.
 */
export const REASONS = {
  'column-count': { zh: '列数与表头不符', en: 'wrong number of columns for the header' },
  'unterminated-quote': { zh: '引号未闭合', en: 'a quoted field is never closed' },
  'field-too-long': { zh: '字段过长', en: 'field is too long' },
  'record-too-long': { zh: '整行过长', en: 'row is too long' },
  'invalid-json': { zh: '不是有效的 JSON 对象', en: 'not a JSON object' },
  'required-missing': { zh: '必填字段为空', en: 'required field is empty' },
  'control-chars': { zh: '含有不可见控制字符', en: 'contains control characters' },
  'uscc-format': { zh: '统一社会信用代码格式错误', en: 'malformed unified social credit code' },
  'id-format': { zh: '身份证号码格式错误', en: 'malformed resident ID number' },
  'id-region': { zh: '身份证号码地址码无效', en: 'resident ID number has an unknown region prefix' },
  'id-birth-date': { zh: '身份证号码出生日期无效', en: 'resident ID number has an impossible birth date' },
  'id-checksum': { zh: '身份证号码校验位错误', en: 'resident ID number fails its check digit' },
  'phone-length': { zh: '电话号码位数错误', en: 'phone number has the wrong number of digits' },
  'phone-prefix': { zh: '手机号码号段不存在', en: 'mobile number has no such prefix' },
  'landline-format': { zh: '固定电话格式错误', en: 'malformed landline number' },
  'courier-unknown': { zh: '无法识别的快递公司', en: 'unknown courier' },
  'waybill-courier': { zh: '运单号无对应快递公司', en: 'waybill number without a known courier' },
  'waybill-pattern': {
    zh: '运单号不符合该快递公司的编号规则',
    en: "waybill number does not match the courier's pattern",
  },
  'card-format': { zh: '银行卡号格式错误', en: 'malformed bank card number' },
  'card-luhn': { zh: '银行卡号校验位错误', en: 'bank card number fails the Luhn check' },
  'account-format': { zh: '银行账号格式错误', en: 'malformed bank account number' },
  'alipay-uid-format': { zh: '支付宝用户ID格式错误', en: 'malformed Alipay user id' },
  'date-invalid': { zh: '日期无效或格式无法识别', en: 'impossible or unreadable date' },
  'amount-invalid': { zh: '金额无法识别', en: 'unreadable amount' },
  'number-invalid': { zh: '数值无法识别', en: 'unreadable number' },
  'direction-invalid': { zh: '收支方向无法识别', en: 'unreadable debit/credit flag' },
  'no-identity': { zh: '缺少可识别主体的信息', en: 'no identifying value for a required entity' },
} as const;

export type ReasonCode = keyof typeof REASONS;

export function isReasonCode(code: string): code is ReasonCode {
  return code in REASONS;
}
