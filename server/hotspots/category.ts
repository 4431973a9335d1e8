/**
 * The goods category of a case, for hotspot counts: case registers name a cause (案由), the goods
 * and a brand, not a category, so it is read from them by keyword, the way enforcement statistics
 * group counterfeit cases (酒类, 烟草, 化妆品, 服装鞋帽, 农资, 汽车配件, 电子电器, 食品, 药品医疗).
 */
export const CATEGORIES = [
  {
    id: 'liquor',
    zh: '酒类',
    en: 'liquor',
    re: /酒|茅台|五粮液|泸州老窖|洋河|剑南春|汾酒|四特|李渡|郎酒|白酒|红酒|啤酒/,
  },
  { id: 'tobacco', zh: '烟草', en: 'tobacco', re: /烟草|卷烟|香烟|中华烟|芙蓉王|金圣|雪茄|电子烟/ },
  {
    id: 'cosmetics',
    zh: '化妆品',
    en: 'cosmetics',
    re: /化妆品|护肤|精华|面霜|口红|香水|百雀羚|雅诗兰黛|兰蔻|欧莱雅|资生堂|水能量/,
  },
  {
    id: 'apparel',
    zh: '服装鞋帽',
    en: 'apparel and shoes',
    re: /服装|服饰|鞋|帽|外套|T恤|运动|耐克|NIKE|阿迪达斯|adidas|李宁|安踏|箱包|手袋/i,
  },
  { id: 'agri', zh: '农资', en: 'farm inputs', re: /农资|农药|化肥|种子|杀虫|杀菌|除草|先正达|拜耳|中化/ },
  { id: 'auto', zh: '汽车配件', en: 'auto parts', re: /汽车|汽配|机油|轮胎|刹车|美孚|壳牌|嘉实多|博世/ },
  {
    id: 'electronics',
    zh: '电子电器',
    en: 'electronics',
    re: /电池|充电|电子|电器|手机|耳机|数据线|南孚|华为|苹果|小米|公牛/,
  },
  { id: 'drugs', zh: '药品医疗', en: 'drugs and medical', re: /药|医疗|口罩|保健/ },
  { id: 'food', zh: '食品', en: 'food', re: /食品|奶粉|饮料|调味|食用油|大米|保质期|零食/ },
] as const;

export type CategoryId = (typeof CATEGORIES)[number]['id'] | 'other';
export const CATEGORY_IDS = ['other', ...CATEGORIES.map((c) => c.id)] as [CategoryId, ...CategoryId[]];
export const CATEGORY_NAMES: Readonly<Record<CategoryId, { zh: string; en: string }>> = {
  ...Object.fromEntries(CATEGORIES.map((c) => [c.id, { zh: c.zh, en: c.en }])),
  other: { zh: '其他', en: 'other' },
} as Record<CategoryId, { zh: string; en: string }>;

/** The first category whose keywords the goods, brand, cause or title mention, in that order. */
export function categoryOf(c: {
  goods?: string | null;
  brand?: string | null;
  type?: string | null;
  title?: string | null;
}): CategoryId {
  for (const text of [c.goods, c.brand, c.type, c.title]) {
    if (!text) continue;
    const hit = CATEGORIES.find((k) => k.re.test(text));
    if (hit) return hit.id;
  }
  return 'other';
}
