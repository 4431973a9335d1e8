/**
 * Product categories that real Jiangxi counterfeit cases involve (DOMAIN.md §5–6): liquor, batteries,
 * cosmetics, farm inputs, apparel, auto parts. Brands are real marks, as in real case records; rights
 * holders and prices are illustrative, not sourced.
 */
export type CategoryId = 'liquor' | 'battery' | 'cosmetics' | 'agri' | 'apparel' | 'autoparts';

export interface Good {
  name: string;
  /** Unit price range in yuan (genuine retail); fakes sell at 40–80 % of it. */
  price: readonly [number, number];
  /** Kilograms per unit, for waybill weights. */
  kg: number;
  unit: string;
}

export interface Brand {
  name: string;
  rightsHolder: string;
  goods: readonly Good[];
}

export interface Category {
  id: CategoryId;
  label: string;
  weight: number;
  brands: readonly Brand[];
  /** Industry words of firms in this trade (distinctive: they survive name normalisation). */
  industries: readonly string[];
  scope: string;
  /** What label/packaging suppliers make for it. */
  materials: readonly string[];
  /** 案由 of market-regulation cases and the suspected crime of transfers. */
  caseCause: string;
  crime: string;
  /** Market hub where its stalls sit (id in places.ts MARKETS). */
  market: string;
}

export const CATEGORIES: readonly Category[] = [
  {
    id: 'liquor',
    label: '酒类',
    weight: 5,
    industries: ['酒业', '烟酒', '酒类销售'],
    scope: '酒类经营；预包装食品销售',
    materials: ['瓶标', '酒盒', '防伪瓶盖', '手提袋'],
    caseCause: '销售侵犯注册商标专用权的白酒',
    crime: '销售假冒注册商标的商品罪',
    market: 'M2',
    brands: [
      {
        name: '贵州茅台',
        rightsHolder: '贵州茅台酒股份有限公司',
        goods: [
          { name: '飞天茅台53度500ml', price: [1499, 2899], kg: 1.1, unit: '瓶' },
          { name: '茅台王子酒53度500ml', price: [158, 298], kg: 1.0, unit: '瓶' },
        ],
      },
      {
        name: '五粮液',
        rightsHolder: '宜宾五粮液股份有限公司',
        goods: [{ name: '五粮液52度500ml', price: [969, 1299], kg: 1.1, unit: '瓶' }],
      },
      {
        name: '四特',
        rightsHolder: '四特酒有限责任公司',
        goods: [{ name: '四特酒东方韵52度500ml', price: [168, 368], kg: 1.0, unit: '瓶' }],
      },
    ],
  },
  {
    id: 'battery',
    label: '电池',
    weight: 3,
    industries: ['电池', '电子科技'],
    scope: '电池销售；五金产品零售',
    materials: ['吸塑卡', '电池标签', '外包装盒'],
    caseCause: '销售侵犯注册商标专用权的电池',
    crime: '销售假冒注册商标的商品罪',
    market: 'M1',
    brands: [
      {
        name: '南孚',
        rightsHolder: '福建南平南孚电池有限公司',
        goods: [
          { name: '南孚5号碱性电池(4粒装)', price: [10, 16], kg: 0.1, unit: '卡' },
          { name: '南孚7号碱性电池(4粒装)', price: [9, 14], kg: 0.06, unit: '卡' },
        ],
      },
      {
        name: '双鹿',
        rightsHolder: '宁波双鹿新能源科技有限公司',
        goods: [{ name: '双鹿5号碳性电池(10粒装)', price: [8, 12], kg: 0.2, unit: '盒' }],
      },
    ],
  },
  {
    id: 'cosmetics',
    label: '化妆品',
    weight: 3,
    industries: ['日化', '化妆品', '美容用品'],
    scope: '化妆品零售；个人卫生用品销售',
    materials: ['包装盒', '防伪标签', '塑料瓶'],
    caseCause: '销售侵犯注册商标专用权的化妆品',
    crime: '销售假冒注册商标的商品罪',
    market: 'M1',
    brands: [
      {
        name: '兰蔻',
        rightsHolder: '欧莱雅(中国)有限公司',
        goods: [{ name: '兰蔻小黑瓶精华50ml', price: [760, 1080], kg: 0.25, unit: '瓶' }],
      },
      {
        name: '雅诗兰黛',
        rightsHolder: '雅诗兰黛(上海)商贸有限公司',
        goods: [{ name: '雅诗兰黛特润修护精华50ml', price: [720, 950], kg: 0.25, unit: '瓶' }],
      },
      {
        name: '百雀羚',
        rightsHolder: '上海百雀羚日用化学有限公司',
        goods: [{ name: '百雀羚水能量套装', price: [198, 358], kg: 0.8, unit: '套' }],
      },
    ],
  },
  {
    id: 'agri',
    label: '农资',
    weight: 3,
    industries: ['农资', '农业科技', '农化'],
    scope: '农药零售（限制使用农药除外）；肥料销售；农作物种子经营',
    materials: ['农药瓶标签', '包装袋', '塑料瓶'],
    caseCause: '销售不合格农药及侵犯注册商标专用权的农资',
    crime: '生产、销售伪劣农药、兽药、化肥、种子罪',
    market: 'M3',
    brands: [
      {
        name: '先正达',
        rightsHolder: '先正达(中国)投资有限公司',
        goods: [
          { name: '福戈杀虫剂200ml', price: [58, 98], kg: 0.25, unit: '瓶' },
          { name: '阿米妙收杀菌剂100ml', price: [45, 80], kg: 0.13, unit: '瓶' },
        ],
      },
      {
        name: '史丹利',
        rightsHolder: '史丹利农业集团股份有限公司',
        goods: [{ name: '史丹利复合肥40kg', price: [150, 210], kg: 40, unit: '袋' }],
      },
    ],
  },
  {
    id: 'apparel',
    label: '服装鞋帽',
    weight: 2,
    industries: ['服饰', '鞋业', '服装'],
    scope: '服装服饰零售；鞋帽零售',
    materials: ['吊牌', '领标', '鞋盒', '包装袋'],
    caseCause: '销售侵犯注册商标专用权的服装鞋帽',
    crime: '销售假冒注册商标的商品罪',
    market: 'M4',
    brands: [
      {
        name: '耐克',
        rightsHolder: '耐克创新有限合伙公司',
        goods: [{ name: 'NIKE运动鞋', price: [499, 1099], kg: 1.0, unit: '双' }],
      },
      {
        name: '阿迪达斯',
        rightsHolder: '阿迪达斯有限公司',
        goods: [{ name: 'adidas运动外套', price: [399, 799], kg: 0.6, unit: '件' }],
      },
      {
        name: '李宁',
        rightsHolder: '李宁(中国)体育用品有限公司',
        goods: [{ name: '李宁运动鞋', price: [299, 699], kg: 1.0, unit: '双' }],
      },
    ],
  },
  {
    id: 'autoparts',
    label: '汽车配件',
    weight: 2,
    industries: ['汽配', '汽车配件', '汽车用品'],
    scope: '汽车零配件零售；机动车维修',
    materials: ['包装盒', '标贴'],
    caseCause: '销售侵犯注册商标专用权的汽车配件',
    crime: '销售假冒注册商标的商品罪',
    market: 'M5',
    brands: [
      {
        name: '博世',
        rightsHolder: '罗伯特·博世有限公司',
        goods: [
          { name: '博世刹车片(前轮)', price: [260, 480], kg: 2.2, unit: '套' },
          { name: '博世机油滤清器', price: [45, 90], kg: 0.4, unit: '个' },
        ],
      },
      {
        name: '美孚',
        rightsHolder: '埃克森美孚公司',
        goods: [{ name: '美孚1号全合成机油4L', price: [368, 498], kg: 3.6, unit: '桶' }],
      },
    ],
  },
];

export const CATEGORY_BY_ID = new Map(CATEGORIES.map((c) => [c.id, c]));

/** Background goods (legitimate parcels) by rough share. */
export const EVERYDAY_GOODS: readonly (readonly [string, number, number])[] = [
  ['服装', 0.6, 8],
  ['日用品', 1.2, 10],
  ['食品', 1.5, 8],
  ['文件', 0.2, 4],
  ['电子产品', 0.8, 5],
  ['化妆品', 0.4, 4],
  ['图书', 1.0, 3],
  ['鞋', 1.1, 4],
  ['五金配件', 2.5, 3],
  ['家居用品', 2.0, 4],
  ['母婴用品', 1.3, 3],
  ['茶叶', 0.8, 2],
];
