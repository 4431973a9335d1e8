/**
 * Where things are: roads and estates per district, towns and villages of rural counties, and the hub
 * places that many unrelated parties share (wholesale markets, office towers, registration-agent
 * addresses). Road names are real roads of each place; markets, towers and agents are fictional.
 * No road begins with a district name or alias, so a written address always parses the same way.
 */
export interface PlaceSet {
  roads: readonly string[];
  /** Towns/townships (rural addresses are town + village + 组 + 号). */
  towns?: readonly string[];
}

export const PLACES: Readonly<Record<string, PlaceSet>> = {
  '360102': { roads: ['阳明路', '八一大道', '叠山路', '中山路', '北京西路', '福州路', '民德路', '洪都北大道'] },
  '360103': { roads: ['孺子路', '象山南路', '抚河北路', '船山路', '桃花路', '绳金塔街', '系马桩街'] },
  '360104': { roads: ['井冈山大道', '洪都中大道', '迎宾北大道', '昌南大道', '施尧路', '京山北路', '三店西路'] },
  '360111': { roads: ['北京东路', '上海路', '艾溪湖北路', '京东大道', '湖滨东路', '火炬大街', '解放西路'] },
  '360112': {
    roads: ['长堎大道', '子实路', '礼步湖路', '枫林大道', '双港东大街', '望城大道', '赣江北大道'],
    towns: [
      '生米镇',
      '西山镇',
      '石岗镇',
      '松湖镇',
      '樵舍镇',
      '乐化镇',
      '溪霞镇',
      '象山镇',
      '招贤镇',
      '梅岭镇',
      '太平镇',
    ],
  },
  '360113': {
    roads: [
      '红谷中大道',
      '丰和中大道',
      '会展路',
      '世贸路',
      '赣江中大道',
      '凤凰中大道',
      '卧龙路',
      '翠苑路',
      '九龙湖大道',
    ],
  },
  '360121': {
    roads: ['澄湖西路', '迎宾中大道', '向塘大道', '金沙大道', '东新大道', '富山大道', '汇仁大道'],
    towns: [
      '莲塘镇',
      '向塘镇',
      '三江镇',
      '塘南镇',
      '幽兰镇',
      '蒋巷镇',
      '武阳镇',
      '冈上镇',
      '广福镇',
      '泾口乡',
      '南新乡',
      '黄马乡',
    ],
  },
  '360123': {
    roads: ['龙津大道', '凤山路', '文峰路'],
    towns: ['龙津镇', '万埠镇', '长埠镇', '东阳镇', '鼎湖镇', '石鼻镇', '黄洲镇'],
  },
  '360124': {
    roads: ['胜利路', '中山路', '民和大道', '青岚大道'],
    towns: [
      '民和镇',
      '李渡镇',
      '温圳镇',
      '文港镇',
      '衙前乡',
      '白圩乡',
      '三里乡',
      '钟陵乡',
      '架桥镇',
      '前坊镇',
      '池溪乡',
    ],
  },
  '360425': { roads: ['建昌大道', '云山大道'], towns: ['涂埠镇', '虬津镇', '艾城镇', '柘林镇'] },
  '360428': { roads: ['东风大道', '矶山大道'], towns: ['都昌镇', '大港镇', '左里镇'] },
  '360921': { roads: ['冯川路', '应星路'], towns: ['冯川镇', '赤岸镇', '会埠镇'] },
  '360925': { roads: ['双溪路', '香田路'], towns: ['双溪镇', '仁首镇'] },
  '360981': { roads: ['新城路', '龙津路', '剑邑大道'], towns: ['小港镇', '曲江镇', '董家镇', '袁渡镇', '尚庄街道'] },
  '360983': { roads: ['瑞阳大道', '高安大道'], towns: ['祥符镇', '大城镇', '相城镇'] },
  '361002': { roads: ['赣东大道', '玉茗大道', '钟岭大道'], towns: ['上顿渡镇', '荣山镇', '罗针镇'] },
  '361003': { roads: ['孝岗大道', '珀玕路'], towns: ['孝岗镇', '詹圩镇', '马圩镇'] },
  '361127': { roads: ['干越路', '东山大道'], towns: ['玉亭镇', '瑞洪镇', '黄金埠镇', '康山乡'] },
  '361128': { roads: ['芝山路', '饶州大道'], towns: ['鄱阳镇', '饶丰镇', '凰岗镇'] },
  '360400': { roads: ['浔阳路', '长虹大道', '十里大道', '庐山南路'] },
  '360900': { roads: ['宜阳大道', '袁山中路', '明月北路'] },
  '361000': { roads: ['赣东大道', '学府路', '大公路'] },
  '361100': { roads: ['带湖路', '五三大道', '凤凰大道'] },
  '360600': { roads: ['胜利西路', '站江路', '林荫路'] },
  '360500': { roads: ['仙来大道', '抱石大道', '胜利路'] },
  '360200': { roads: ['珠山中路', '瓷都大道', '广场北路'] },
  '360800': { roads: ['吉州大道', '阳明路', '井冈山大道'] },
};

export const ESTATE_HEADS = [
  '金色',
  '阳光',
  '翠湖',
  '锦绣',
  '碧桂',
  '书香',
  '润达',
  '文华',
  '丽景',
  '春晖',
  '紫阳',
  '福星',
  '馨园',
  '天骄',
  '恒茂',
  '中央',
  '滨江',
  '水岸',
  '梧桐',
  '香樟',
];
export const ESTATE_TAILS = ['花园', '家园', '小区', '名居', '华庭', '新村', '公寓', '雅苑', '御府', '华城'];
export const VILLAGE_HEADS = [
  '沿山',
  '新塘',
  '上坊',
  '下湾',
  '石桥',
  '枫树',
  '高坪',
  '荷塘',
  '港口',
  '松林',
  '前进',
  '楼前',
  '竹山',
  '黄家',
  '万家',
  '熊家',
];

/** Districts where ordinary firms and households are drawn, by weight (Nanchang dominates). */
export const URBAN_WEIGHTS: readonly (readonly [string, number])[] = [
  ['360102', 8],
  ['360103', 8],
  ['360104', 6],
  ['360111', 9],
  ['360112', 6],
  ['360113', 10],
  ['360121', 6],
  ['360123', 2],
  ['360124', 3],
  ['360400', 3],
  ['360900', 2],
  ['361000', 2],
  ['361100', 2],
  ['360600', 1],
  ['360500', 1],
  ['360200', 1],
  ['360800', 1],
  ['360981', 2],
  ['360983', 1],
  ['361002', 1],
  ['361003', 1],
  ['361127', 1],
  ['361128', 1],
  ['360425', 1],
  ['360428', 1],
  ['360921', 1],
  ['360925', 1],
];

/** Rural counties where production sites hide: Nanchang's own plus bordering counties. */
export const RURAL_COUNTIES: readonly string[] = [
  '360121',
  '360124',
  '360123',
  '360112',
  '360981',
  '361127',
  '361003',
  '360425',
  '360983',
  '361128',
];
/** Districts where retail sellers sit. */
export const RETAIL_DISTRICTS: readonly (readonly [string, number])[] = [
  ['360102', 6],
  ['360103', 6],
  ['360104', 4],
  ['360111', 6],
  ['360113', 7],
  ['360112', 3],
  ['360121', 3],
  ['360124', 1],
  ['360400', 2],
  ['360900', 1],
  ['361000', 1],
  ['361100', 1],
  ['360981', 1],
];
/** Storage sits near logistics parks. */
export const WAREHOUSE_DISTRICTS: readonly string[] = ['360121', '360111', '360112', '360104', '360124'];

export interface HubPlace {
  id: string;
  name: string;
  regionCode: string;
  road: string;
}

/** Wholesale markets: stalls share the market address, often without a booth number. */
export const MARKETS: readonly HubPlace[] = [
  { id: 'M1', name: '洪都小商品批发市场', regionCode: '360104', road: '洪都中大道266号' },
  { id: 'M2', name: '昌南酒水副食批发市场', regionCode: '360104', road: '三店西路88号' },
  { id: 'M3', name: '赣中农资农机大市场', regionCode: '360121', road: '向塘大道188号' },
  { id: 'M4', name: '象山服装鞋业批发城', regionCode: '360103', road: '象山南路219号' },
  { id: 'M5', name: '京东大道汽配城', regionCode: '360111', road: '京东大道1008号' },
];

/** Office towers that many small firms rent in. */
export const TOWERS: readonly HubPlace[] = [
  { id: 'T1', name: '红谷国际商务中心A座', regionCode: '360113', road: '会展路999号' },
  { id: 'T2', name: '八一金融大厦', regionCode: '360102', road: '八一大道357号' },
  { id: 'T3', name: '艾溪湖科创大厦', regionCode: '360111', road: '火炬大街699号' },
];

/** 集中登记地: one address (room included) registered by dozens of firms through an agent. */
export const REGISTRATION_AGENTS: readonly (HubPlace & { room: string })[] = [
  { id: 'R1', name: '绿洲财富广场B座', regionCode: '360113', road: '丰和中大道1188号', room: '1708室' },
  { id: 'R2', name: '艾溪湖科创大厦', regionCode: '360111', road: '火炬大街699号', room: '912室' },
];

/** Payment platforms as bank statements print the counterparty (hub accounts). */
export const PAYMENT_PLATFORMS: readonly { name: string; account: string; bank: string }[] = [
  { name: '支付宝（中国）网络技术有限公司', account: '215500690010001', bank: '招商银行杭州分行' },
  { name: '财付通支付科技有限公司', account: '755913571610001', bank: '招商银行深圳分行' },
];

/** Out-of-province destinations of online orders (no region table entry, so no region code). */
export const FAR_CITIES = [
  '浙江省杭州市西湖区文三路',
  '广东省广州市天河区天河路',
  '湖南省长沙市岳麓区麓山南路',
  '福建省厦门市思明区湖滨南路',
  '上海市浦东新区张杨路',
  '湖北省武汉市洪山区珞喻路',
];
