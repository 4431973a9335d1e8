/**
 * Infrastructure parties: payment platforms and couriers. They sit between many unrelated parties
 * (DOMAIN.md, supernode pitfalls: a payment institution as a bank statement's counterparty, a
 * courier's name on a waybill), so they are never members of a network (detect) and never a
 * supplier to follow upstream (trace): "paid 支付宝" is a top-up or a withdrawal, not a purchase.
 */

/** Names of infrastructure parties, matched anywhere in the name. */
export const INFRASTRUCTURE_NAMES: readonly RegExp[] = [
  /支付宝|财付通|微信支付|银联|网联|拉卡拉|快钱|京东支付|抖音支付|美团支付|云闪付/,
  /顺丰|中通|圆通|申通|韵达|百世|极兔|德邦|京东物流|邮政|EMS|菜鸟|丰巢|驿站|快递/,
];

export function isInfrastructureName(name: string | null | undefined): boolean {
  return Boolean(name) && INFRASTRUCTURE_NAMES.some((re) => re.test(name as string));
}

/**
 * The same names as one Java regular expression for Cypher's `=~`, which must match the whole
 * string: `coalesce(n.name, '') =~ $infrastructure` is true exactly when isInfrastructureName is.
 */
export const INFRASTRUCTURE_PATTERN = `(?s).*(?:${INFRASTRUCTURE_NAMES.map((re) => re.source).join('|')}).*`;
