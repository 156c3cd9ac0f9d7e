/**
 * The values Chinese hand-over files commonly write for our vocabularies, mapped to
 * our exact terms (src/core: STRUCTURES, BUILDING_USES, NETWORKS, PIPE_CONDITIONS,
 * PRESSURE_CLASSES, SAFETY_GRADES, AREA_KINDS, PLAN_STATUSES, FUNDING_SOURCES,
 * HAZARD_ITEMS, and their English names), used under a mapping file's `values`.
 * Matched by `matchKey` (NFKC, trimmed, case folded): `Ａ`, `a` and `A` are one key.
 *
 * Only translations that cannot mean anything else: 混合结构 is the housing registers'
 * name for 砖混 (GB/T 17986); 钢筋混凝土结构 and 框架结构 are 框架 as the issue asks;
 * gas 中压A/中压B are both 中压 (GB 50028). Left unmapped and so reported, for the
 * district's mapping file to decide: 排水 and 合流 (storm or sewage?), 框剪 (frame–shear
 * wall: 框架 or 剪力墙?), 钢结构 (not one of ours), 商住 (commercial or residential?).
 */
import { BUILDING_USE_EN, STRUCTURE_EN } from '../../core/building.ts';
import { GRADE_INFO, SAFETY_GRADES } from '../../core/grades.ts';
import { HAZARD_EN } from '../../core/hazards.ts';
import { NETWORK_INFO, PIPE_CONDITION_EN } from '../../core/lifelines.ts';
import { AREA_KIND_INFO } from '../../core/renewal-areas.ts';
import { FUNDING_EN, MEASURE_EN, PLAN_STATUS_EN } from '../../core/renovation-plan.ts';
import type { MappingRole } from './our-fields.ts';

export type MappedValue = string | number | boolean | null;

/** `{ English name: our term }` from a core `{ term: English }` table, with the en dash also as a hyphen. */
function fromEnglish(table: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [term, en] of Object.entries(table)) {
    out[en] = term;
    out[en.replace(/–/g, '-')] = term;
  }
  return out;
}

const YES_NO: Record<string, boolean> = {
  是: true, 否: false, 有: true, 无: false, Y: true, N: false, yes: true, no: false, true: true, false: false, 1: true, 0: false, T: true, F: false, '√': true, '×': false,
};

const GRADES: Record<string, string> = Object.fromEntries(
  SAFETY_GRADES.flatMap((g) => [
    [`${g}级`, g],
    [`${g}类`, g],
    [GRADE_INFO[g].zh, g],
    [GRADE_INFO[g].zh.split(' ')[1]!, g],
  ]),
);

export const BUILT_IN_VALUES: Record<MappingRole, Readonly<Record<string, Readonly<Record<string, MappedValue>>>>> = {
  buildings: {
    structure: {
      ...fromEnglish(STRUCTURE_EN),
      砖木结构: '砖木',
      砖混结构: '砖混', 混合结构: '砖混', 砖混合结构: '砖混',
      框架结构: '框架', 钢混: '框架', 钢混结构: '框架', 钢筋混凝土: '框架', 钢筋混凝土结构: '框架',
      剪力墙结构: '剪力墙',
      框筒结构: '框筒', 框架核心筒: '框筒', '框架-核心筒': '框筒', 框架核心筒结构: '框筒', '框架-核心筒结构': '框筒', 筒体结构: '框筒',
    },
    use: {
      ...fromEnglish(BUILDING_USE_EN),
      住宅用房: '住宅', 居住: '住宅', 成套住宅: '住宅',
      商业用房: '商业', 商业服务: '商业', 商服: '商业',
      办公用房: '办公', 办公楼: '办公', 写字楼: '办公',
      公共建筑: '公共', 公共设施: '公共', 公共服务: '公共', 公建: '公共',
      工业用房: '工业', 厂房: '工业', 工业厂房: '工业',
    },
    heritage: YES_NO,
  },
  lifelines: {
    network: {
      ...Object.fromEntries(Object.entries(NETWORK_INFO).flatMap(([n, info]) => [[info.zh, n], [info.en, n]])),
      给水: 'water', 上水: 'water', 自来水: 'water', JS: 'water',
      雨水: 'storm', YS: 'storm',
      污水: 'sewage', WS: 'sewage',
      燃气: 'gas', 天然气: 'gas', 煤气: 'gas', RQ: 'gas', TR: 'gas', MQ: 'gas',
      电力: 'power', DL: 'power',
      通信: 'telecom', 通讯: 'telecom', 电信: 'telecom', TX: 'telecom', DX: 'telecom',
    },
    condition: {
      ...fromEnglish(PIPE_CONDITION_EN),
      好: '良好', 完好: '良好', 良: '良好',
      中: '一般', 中等: '一般',
      差: '较差',
      危: '危险',
    },
    pressure: {
      低: '低压', 低压A: '低压', 低压B: '低压', low: '低压',
      中: '中压', 中压A: '中压', 中压B: '中压', medium: '中压',
      次高: '次高压', 次高压A: '次高压', 次高压B: '次高压',
      高: '高压', 高压A: '高压', 高压B: '高压', high: '高压',
      无: null,
    },
  },
  areas: {
    kind: {
      ...Object.fromEntries(Object.entries(AREA_KIND_INFO).flatMap(([k, info]) => [[info.zh, k], [info.en, k]])),
      核心: 'core', 核心区: 'core', 翼: 'wing', 带: 'belt', 片区: 'zone', 老旧小区: 'old-community',
    },
  },
  archive: {
    grade: GRADES,
    hazards: { ...fromEnglish(HAZARD_EN), 裂缝: '结构裂缝', 不均匀沉降: '地基不均匀沉降', 地基沉降: '地基不均匀沉降', 边坡: '边坡/地质灾害', 地质灾害: '边坡/地质灾害' },
    plan_measures: fromEnglish(MEASURE_EN),
    plan_status: { ...fromEnglish(PLAN_STATUS_EN), 立项: '已立项', 设计: '设计中', 在建: '施工中', 施工: '施工中', 完成: '已完成', 竣工: '已完成', 已竣工: '已完成' },
    plan_funding: { ...fromEnglish(FUNDING_EN), 财政资金: '财政', 政府投资: '财政', 社会资金: '社会资本', 居民自筹: '居民出资', 专项债券: '专项债' },
  },
};
