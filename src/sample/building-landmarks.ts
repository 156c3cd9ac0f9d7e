/**
 * Notable buildings of Yuzhong placed by name near where they stand (heights and years
 * approximately the real ones), and the quarters whose fabric is old.
 */
import type { BuildingUse, Structure } from '../core/building.ts';
import type { FootprintSpec, PlotKind } from './building-typology.ts';

export interface LandmarkSpec {
  name: string;
  lon: number;
  lat: number;
  footprint: FootprintSpec;
  floors: number;
  height: number;
  year: number;
  structure: Structure;
  use: BuildingUse;
  heritage: boolean;
}

const rect = (frontage: number, depth: number): FootprintSpec => ({ shape: 'rect', frontage, depth, wing: 0, wingDepth: 0 });
const court = (frontage: number, depth: number, wing: number): FootprintSpec => ({ shape: 'courtyard', frontage, depth, wing, wingDepth: 0 });
const ell = (frontage: number, depth: number, wing: number, wingDepth: number): FootprintSpec => ({ shape: 'L', frontage, depth, wing, wingDepth });

/** Towers: storeys from height at ~4.4 m a storey. */
function tower(name: string, lon: number, lat: number, height: number, year: number, use: BuildingUse, size = 44): LandmarkSpec {
  return { name, lon, lat, footprint: rect(size, size), floors: Math.round(height / 4.4), height, year, structure: '框筒', use, heritage: false };
}

export const LANDMARK_BUILDINGS: readonly LandmarkSpec[] = [
  tower('重庆来福士T4N', 106.5858, 29.5662, 350, 2019, '办公', 40),
  tower('重庆来福士T3N', 106.5850, 29.5655, 350, 2019, '办公', 40),
  tower('重庆来福士T1', 106.5866, 29.5668, 250, 2019, '住宅', 34),
  tower('重庆来福士T2', 106.5842, 29.5648, 250, 2019, '住宅', 34),
  tower('重庆环球金融中心', 106.5755, 29.5586, 339, 2015, '办公', 50),
  tower('英利国际金融中心', 106.5742, 29.5575, 288, 2013, '办公', 46),
  tower('重庆世界贸易中心', 106.5785, 29.5563, 262, 2005, '办公', 44),
  tower('重庆海航保利国际中心', 106.5798, 29.5578, 250, 2012, '办公', 42),
  tower('大都会东方广场', 106.5765, 29.5562, 200, 1997, '商业', 48),
  tower('日月光中心广场', 106.5728, 29.5552, 210, 2014, '商业', 46),
  { name: '解放碑', lon: 106.577, lat: 29.557, footprint: rect(9, 9), floors: 1, height: 27.5, year: 1947, structure: '框架', use: '公共', heritage: true },
  { name: '洪崖洞', lon: 106.5795, lat: 29.5622, footprint: rect(110, 28), floors: 11, height: 48, year: 2006, structure: '框架', use: '商业', heritage: false },
  { name: '国泰艺术中心', lon: 106.5783, lat: 29.5596, footprint: rect(40, 40), floors: 6, height: 48, year: 2013, structure: '框架', use: '公共', heritage: false },
  { name: '罗汉寺', lon: 106.5822, lat: 29.5612, footprint: court(38, 32, 8), floors: 2, height: 9, year: 1885, structure: '砖木', use: '公共', heritage: true },
  { name: '若瑟堂', lon: 106.5712, lat: 29.5577, footprint: rect(16, 34), floors: 3, height: 24, year: 1879, structure: '砖木', use: '公共', heritage: true },
  { name: '湖广会馆禹王宫', lon: 106.5848, lat: 29.5578, footprint: court(42, 34, 9), floors: 2, height: 11, year: 1850, structure: '砖木', use: '公共', heritage: true },
  { name: '湖广会馆齐安公所', lon: 106.5843, lat: 29.5572, footprint: court(30, 26, 7), floors: 2, height: 10, year: 1850, structure: '砖木', use: '公共', heritage: true },
  { name: '湖广会馆广东公所', lon: 106.5853, lat: 29.5584, footprint: court(30, 26, 7), floors: 2, height: 10, year: 1850, structure: '砖木', use: '公共', heritage: true },
  { name: '东水门城门', lon: 106.5858, lat: 29.5592, footprint: rect(14, 10), floors: 1, height: 8, year: 1850, structure: '砖木', use: '公共', heritage: true },
  { name: '通远门城门', lon: 106.5688, lat: 29.5574, footprint: rect(16, 10), floors: 1, height: 9, year: 1850, structure: '砖木', use: '公共', heritage: true },
  { name: '长江索道新华路站', lon: 106.5815, lat: 29.5552, footprint: rect(24, 18), floors: 3, height: 14, year: 1987, structure: '框架', use: '公共', heritage: false },
  { name: '人民大礼堂', lon: 106.5505, lat: 29.5638, footprint: rect(96, 64), floors: 4, height: 65, year: 1954, structure: '框架', use: '公共', heritage: true },
  { name: '重庆中国三峡博物馆', lon: 106.5525, lat: 29.5612, footprint: rect(110, 56), floors: 4, height: 26, year: 2005, structure: '框架', use: '公共', heritage: false },
  { name: '桂园', lon: 106.5538, lat: 29.5622, footprint: rect(18, 14), floors: 2, height: 8, year: 1939, structure: '砖木', use: '公共', heritage: true },
  { name: '曾家岩50号周公馆', lon: 106.5565, lat: 29.5634, footprint: rect(20, 14), floors: 3, height: 11, year: 1939, structure: '砖木', use: '公共', heritage: true },
  { name: '鹅岭公园瞰胜楼', lon: 106.533, lat: 29.5515, footprint: rect(16, 16), floors: 7, height: 33, year: 1985, structure: '框架', use: '公共', heritage: false },
  { name: '陆军军医大学大坪医院门诊楼', lon: 106.5158, lat: 29.541, footprint: ell(60, 18, 18, 26), floors: 16, height: 66, year: 2004, structure: '框架', use: '公共', heritage: false },
  { name: '重庆医科大学图书馆', lon: 106.5132, lat: 29.5338, footprint: rect(60, 36), floors: 6, height: 27, year: 2003, structure: '框架', use: '公共', heritage: false },
  { name: '重庆医科大学第一教学楼', lon: 106.5118, lat: 29.5325, footprint: ell(64, 16, 16, 26), floors: 6, height: 24, year: 1984, structure: '框架', use: '公共', heritage: false },
  { name: '重庆医科大学第二教学楼', lon: 106.5146, lat: 29.5326, footprint: rect(58, 18), floors: 7, height: 27, year: 1996, structure: '框架', use: '公共', heritage: false },
  { name: '重庆医科大学实验楼', lon: 106.5150, lat: 29.5346, footprint: rect(52, 20), floors: 9, height: 36, year: 2008, structure: '框架', use: '公共', heritage: false },
  { name: '重庆医科大学行政楼', lon: 106.5122, lat: 29.5352, footprint: rect(44, 18), floors: 5, height: 19, year: 1962, structure: '砖混', use: '办公', heritage: false },
];

export interface Quarter {
  zh: string;
  lon: number;
  lat: number;
  radiusM: number;
  kind: PlotKind;
}

/** Quarters whose plots are of a fixed kind (checked in order). */
export const QUARTERS: readonly Quarter[] = [
  { zh: '十八梯', lon: 106.5745, lat: 29.5525, radiusM: 170, kind: 'historic' },
  { zh: '湖广会馆', lon: 106.5848, lat: 29.5578, radiusM: 150, kind: 'historic' },
  { zh: '白象街', lon: 106.5826, lat: 29.5552, radiusM: 100, kind: 'historic' },
  { zh: '通远门', lon: 106.5688, lat: 29.5574, radiusM: 110, kind: 'historic' },
  { zh: '重庆医科大学', lon: 106.513, lat: 29.5338, radiusM: 230, kind: 'campus' },
  { zh: '大坪医院', lon: 106.5158, lat: 29.541, radiusM: 90, kind: 'public' },
  { zh: '人民大礼堂', lon: 106.5515, lat: 29.5628, radiusM: 170, kind: 'public' },
];

/** The CBD tip: plots here are towers and commercial blocks. */
export const CBD_CENTRES: readonly { lon: number; lat: number; radiusM: number }[] = [
  { lon: 106.577, lat: 29.557, radiusM: 560 },
  { lon: 106.5855, lat: 29.5652, radiusM: 330 },
];
