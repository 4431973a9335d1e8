/**
 * Region reference data (GB/T 2260): Nanchang's districts and counties, the retired codes that old
 * records and ID numbers still carry, and the neighbouring prefectures with the counties that
 * border Nanchang. Loaded into the graph by `quanlian migrate`; used by seed and ingest to map
 * addresses and identifiers to regions. Coordinates are government seats (WGS-84, ≈ ±2 km) from
 * ../shared/DOMAIN.md §3; for bordering counties they are approximate and meant for hotspot bubbles only.
 */
import { z } from 'zod';

export const RegionLevelSchema = z.enum(['province', 'city', 'district', 'county', 'county-city']);
export type RegionLevel = z.infer<typeof RegionLevelSchema>;

export const RegionSchema = z.object({
  code: z.string().regex(/^\d{6}$/),
  name: z.string().min(1),
  shortName: z.string().min(1),
  level: RegionLevelSchema,
  parentCode: z
    .string()
    .regex(/^\d{6}$/)
    .nullable(),
  lon: z.number(),
  lat: z.number(),
  retired: z.boolean(),
  /** The code that took over a retired division. */
  successorCode: z
    .string()
    .regex(/^\d{6}$/)
    .nullable(),
  /** Informal and historical names that mean this region (zones, old names). */
  aliases: z.array(z.string()),
  /** True for Nanchang's own divisions; false for neighbouring cities and their counties. */
  nanchang: z.boolean(),
});
export type Region = z.infer<typeof RegionSchema>;

type RegionInput = Omit<Region, 'retired' | 'successorCode' | 'aliases' | 'nanchang'> &
  Partial<Pick<Region, 'retired' | 'successorCode' | 'aliases' | 'nanchang'>>;

function region(input: RegionInput): Region {
  return RegionSchema.parse({ retired: false, successorCode: null, aliases: [], nanchang: false, ...input });
}

const NC = '360100';

/** The province: the one region every other sits under. */
export const PROVINCE_CODE = '360000';

// prettier-ignore
export const REGIONS: readonly Region[] = Object.freeze([
  region({ code: PROVINCE_CODE, name: '江西省', shortName: '江西', level: 'province', parentCode: null, lon: 115.89, lat: 28.68, aliases: ['赣'] }),
  region({ code: NC, name: '南昌市', shortName: '南昌', level: 'city', parentCode: '360000', lon: 115.86, lat: 28.68, aliases: ['洪', '洪城', '南昌市区'], nanchang: true }),
  region({ code: '360102', name: '东湖区', shortName: '东湖', level: 'district', parentCode: NC, lon: 115.9, lat: 28.68, nanchang: true }),
  region({ code: '360103', name: '西湖区', shortName: '西湖', level: 'district', parentCode: NC, lon: 115.87, lat: 28.67, nanchang: true }),
  region({ code: '360104', name: '青云谱区', shortName: '青云谱', level: 'district', parentCode: NC, lon: 115.92, lat: 28.63, nanchang: true }),
  region({ code: '360111', name: '青山湖区', shortName: '青山湖', level: 'district', parentCode: NC, lon: 115.95, lat: 28.68, aliases: ['高新区', '南昌高新区', '高新技术产业开发区'], nanchang: true }),
  region({ code: '360112', name: '新建区', shortName: '新建', level: 'district', parentCode: NC, lon: 115.82, lat: 28.7, aliases: ['经开区', '南昌经开区', '经济技术开发区', '昌北', '综保区', '赣江新区'], nanchang: true }),
  region({ code: '360113', name: '红谷滩区', shortName: '红谷滩', level: 'district', parentCode: NC, lon: 115.86, lat: 28.69, aliases: ['红谷滩新区'], nanchang: true }),
  region({ code: '360121', name: '南昌县', shortName: '南昌县', level: 'county', parentCode: NC, lon: 115.93, lat: 28.55, aliases: ['莲塘', '小蓝经开区', '小蓝'], nanchang: true }),
  region({ code: '360123', name: '安义县', shortName: '安义', level: 'county', parentCode: NC, lon: 115.55, lat: 28.85, nanchang: true }),
  region({ code: '360124', name: '进贤县', shortName: '进贤', level: 'county', parentCode: NC, lon: 116.27, lat: 28.37, nanchang: true }),
  // Retired: 湾里区 merged into 新建区 by 国函〔2019〕105号; 新建县 became 新建区 in 2015.
  region({ code: '360105', name: '湾里区', shortName: '湾里', level: 'district', parentCode: NC, lon: 115.73, lat: 28.72, retired: true, successorCode: '360112', aliases: ['湾里管理局'], nanchang: true }),
  region({ code: '360122', name: '新建县', shortName: '新建县', level: 'county', parentCode: NC, lon: 115.82, lat: 28.7, retired: true, successorCode: '360112', nanchang: true }),

  region({ code: '360400', name: '九江市', shortName: '九江', level: 'city', parentCode: '360000', lon: 116.0, lat: 29.7 }),
  region({ code: '360425', name: '永修县', shortName: '永修', level: 'county', parentCode: '360400', lon: 115.81, lat: 29.02 }),
  region({ code: '360428', name: '都昌县', shortName: '都昌', level: 'county', parentCode: '360400', lon: 116.2, lat: 29.27 }),
  region({ code: '360900', name: '宜春市', shortName: '宜春', level: 'city', parentCode: '360000', lon: 114.38, lat: 27.8 }),
  region({ code: '360921', name: '奉新县', shortName: '奉新', level: 'county', parentCode: '360900', lon: 115.4, lat: 28.69 }),
  region({ code: '360925', name: '靖安县', shortName: '靖安', level: 'county', parentCode: '360900', lon: 115.36, lat: 28.86 }),
  region({ code: '360981', name: '丰城市', shortName: '丰城', level: 'county-city', parentCode: '360900', lon: 115.77, lat: 28.16 }),
  region({ code: '360983', name: '高安市', shortName: '高安', level: 'county-city', parentCode: '360900', lon: 115.38, lat: 28.42 }),
  region({ code: '361000', name: '抚州市', shortName: '抚州', level: 'city', parentCode: '360000', lon: 116.35, lat: 27.98 }),
  region({ code: '361002', name: '临川区', shortName: '临川', level: 'district', parentCode: '361000', lon: 116.36, lat: 27.98 }),
  region({ code: '361003', name: '东乡区', shortName: '东乡', level: 'district', parentCode: '361000', lon: 116.6, lat: 28.25, aliases: ['东乡县'] }),
  region({ code: '361100', name: '上饶市', shortName: '上饶', level: 'city', parentCode: '360000', lon: 117.97, lat: 28.45 }),
  region({ code: '361127', name: '余干县', shortName: '余干', level: 'county', parentCode: '361100', lon: 116.69, lat: 28.7 }),
  region({ code: '361128', name: '鄱阳县', shortName: '鄱阳', level: 'county', parentCode: '361100', lon: 116.7, lat: 29.0 }),
  region({ code: '360600', name: '鹰潭市', shortName: '鹰潭', level: 'city', parentCode: '360000', lon: 117.07, lat: 28.27 }),
  region({ code: '360500', name: '新余市', shortName: '新余', level: 'city', parentCode: '360000', lon: 114.92, lat: 27.82 }),
  region({ code: '360200', name: '景德镇市', shortName: '景德镇', level: 'city', parentCode: '360000', lon: 117.17, lat: 29.27 }),
  region({ code: '360800', name: '吉安市', shortName: '吉安', level: 'city', parentCode: '360000', lon: 114.98, lat: 27.12 }),
]);

const BY_CODE = new Map(REGIONS.map((r) => [r.code, r]));

export function regionByCode(code: string): Region | undefined {
  return BY_CODE.get(code);
}

/** A region's name for people to read; an unknown code stands for itself. */
export function regionName(code: string): string {
  return BY_CODE.get(code)?.name ?? code;
}

/** The region a code stands for today: a retired code maps forward to its successor. */
export function currentRegion(code: string): Region | undefined {
  let r = BY_CODE.get(code);
  while (r?.retired && r.successorCode) r = BY_CODE.get(r.successorCode);
  return r;
}

/** Every region a code falls under, itself first (a district, its city, the province). */
export function regionAncestry(code: string): Region[] {
  const out: Region[] = [];
  for (let r = BY_CODE.get(code); r; r = r.parentCode ? BY_CODE.get(r.parentCode) : undefined) out.push(r);
  return out;
}

/**
 * The current regions the given codes cover: each code and every region under it, retired ones left
 * out. For offering choices (a filter, a reporting region); the server decides what is visible.
 */
export function regionsUnder(codes: readonly string[]): Region[] {
  return REGIONS.filter((r) => !r.retired && regionAncestry(r.code).some((a) => codes.includes(a.code)));
}
