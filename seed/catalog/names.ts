/**
 * Personal and firm names. Surnames are weighted towards those common in Jiangxi; firm "cores" are
 * built from auspicious characters as real small firms are (鑫盛, 恒达, 瑞丰源). Only common
 * characters, so every name encodes in GBK.
 */
export const SURNAMES: readonly (readonly [string, number])[] = [
  ['刘', 9],
  ['李', 9],
  ['王', 8],
  ['张', 7],
  ['陈', 7],
  ['胡', 6],
  ['罗', 5],
  ['万', 5],
  ['熊', 5],
  ['吴', 5],
  ['黄', 5],
  ['杨', 4],
  ['周', 4],
  ['徐', 4],
  ['邓', 4],
  ['涂', 3],
  ['朱', 3],
  ['曾', 3],
  ['赵', 3],
  ['彭', 3],
  ['肖', 3],
  ['余', 3],
  ['喻', 2],
  ['付', 2],
  ['程', 2],
  ['龚', 2],
  ['汪', 2],
  ['钟', 2],
  ['魏', 2],
  ['孙', 2],
  ['谢', 2],
  ['邹', 2],
  ['甘', 1],
  ['聂', 1],
  ['饶', 1],
  ['章', 1],
  ['雷', 1],
  ['欧阳', 1],
  ['郭', 2],
  ['何', 2],
];

export const GIVEN_MALE = '伟强军勇杰涛明辉斌波华平刚建国志超俊峰磊鹏飞亮林宇浩文东海鑫龙春晖德荣福根水生'.split('');
export const GIVEN_FEMALE = '芳娟敏静丽艳霞琴兰英红梅玲燕萍娜婷雪慧颖琳洁秀珍凤莲桂香莉倩'.split('');
/** Given names of people born before ~1960 lean on these. */
export const GIVEN_ELDER = '根水生金福发财贵秀英兰桂香莲凤德'.split('');

export const CORE_CHARS =
  '鑫盛恒达华兴隆泰丰源瑞祥福顺宏远正信诚嘉创金亿永佳德辉荣汇通博锦凯耀旺和万利宝聚鸿骏腾润众康美乐'.split('');

/** Sole-trader (个体工商户) shop words by kind. */
export const STALL_WORDS = ['批发部', '经营部', '商行'] as const;

/** Background industries: [industry word, business-scope text]. Generic words (贸易/商贸) are stripped by name normalisation. */
export const BACKGROUND_INDUSTRIES: readonly (readonly [string, string])[] = [
  ['贸易', '日用百货、五金交电、建筑材料销售'],
  ['商贸', '日用百货、服装鞋帽、文具用品销售'],
  ['餐饮管理', '餐饮服务；食品经营'],
  ['建材', '建筑材料、装饰材料销售'],
  ['五金机电', '五金产品、机电设备销售及维修'],
  ['电器', '家用电器销售、维修'],
  ['食品', '预包装食品销售；农副产品销售'],
  ['家居', '家具、家居用品销售'],
  ['文化传媒', '广告设计、制作、代理；文化活动策划'],
  ['信息技术', '软件开发；信息技术咨询服务'],
  ['装饰工程', '住宅室内装饰装修；建筑装饰工程施工'],
  ['物流', '普通货物道路运输；仓储服务（不含危险品）'],
  ['电子商务', '互联网销售（除销售需要许可的商品）'],
  ['医药', '药品零售；医疗器械销售'],
];
