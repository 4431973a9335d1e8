/**
 * The stages of a production-to-sale chain (DESIGN.md §6.4), in chain order, with their names in
 * both languages. Detection assigns them; the CLI, the API and the web legend read them from here.
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
