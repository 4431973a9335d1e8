/**
 * The vocabulary of a detected chain (DESIGN.md §6.4): its stages in chain order, the factors of its
 * score and the kinds of its evidence, with their names in both languages. Detection produces them;
 * the CLI, the API, the printable brief and the web app read the names from here.
 */
export const STAGES = ['materials', 'production', 'storage', 'wholesale', 'retail', 'finance', 'other'] as const;
export type Stage = (typeof STAGES)[number];
/** The goods stages in chain order. */
export const CHAIN_ORDER: readonly Stage[] = ['materials', 'production', 'storage', 'wholesale', 'retail'];

export const STAGE_NAMES: Readonly<Record<Stage, { zh: string; en: string }>> = {
  materials: { zh: '原料/标签包装', en: 'materials and labels' },
  production: { zh: '生产', en: 'production' },
  storage: { zh: '仓储', en: 'storage' },
  wholesale: { zh: '批发', en: 'wholesale' },
  retail: { zh: '零售', en: 'retail' },
  finance: { zh: '资金', en: 'finance' },
  other: { zh: '关联', en: 'associated' },
};

/** The factors of a chain's score breakdown (detect/chains.ts FACTOR_WEIGHTS). */
export const FACTOR_NAMES: Readonly<Record<string, { zh: string; en: string }>> = {
  structure: { zh: '链条结构', en: 'chain structure' },
  cases: { zh: '案件', en: 'cases' },
  sharedIds: { zh: '隐蔽手法', en: 'concealment' },
  brand: { zh: '品牌证据', en: 'brand evidence' },
  disguise: { zh: '模糊申报', en: 'vague declarations' },
  spread: { zh: '跨区域', en: 'regions spanned' },
  timeOrder: { zh: '时间顺序', en: 'time order' },
};

/** The kinds of a chain's evidence items (detect/chains.ts EvidenceKind). */
export const EVIDENCE_NAMES: Readonly<Record<string, { zh: string; en: string }>> = {
  goods: { zh: '货流', en: 'goods' },
  money: { zh: '资金流', en: 'money' },
  case: { zh: '案件', en: 'case' },
  shared: { zh: '共用标识', en: 'shared identifiers' },
  officer: { zh: '任职/经营', en: 'officer or operator' },
  namesake: { zh: '同名推定', en: 'namesake' },
};
