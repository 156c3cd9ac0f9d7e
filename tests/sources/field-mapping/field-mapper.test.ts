/**
 * Issue 17 item 3: a district's field names and values → ours, by the built-in
 * Chinese names and a mapping file, with a report of what was mapped and what not.
 */
import { describe, expect, it } from 'vitest';
import { BuildingPropertiesSchema } from '../../../src/core/building.ts';
import { createFieldMapper } from '../../../src/sources/field-mapping/field-mapper.ts';
import { mapRawFeature } from '../../../src/sources/field-mapping/map-raw-feature.ts';
import { parseFieldMapping, type FieldMappingFile } from '../../../src/sources/field-mapping/mapping-file.ts';

function mappingOf(json: unknown): FieldMappingFile {
  const parsed = parseFieldMapping(JSON.stringify(json), 'mapping.json');
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => p.message).join('\n'));
  return parsed.value;
}

/** A footprint's properties as a housing-bureau DBF gives them: Chinese names, numbers as text. */
const BUREAU_ROW = {
  建筑编号: 'YZ-00001',
  建筑名称: '',
  门牌地址: '嘉滨路966号',
  小区: '上清寺宏声名都',
  层数: '19',
  建筑高度: ' 58.1 ',
  建成年代: '2009',
  结构类型: '剪力墙结构',
  用途: '住宅',
  是否历史建筑: '否',
};

describe('field mapper, buildings', () => {
  it('maps the common Chinese names and values to ours, numbers in text to numbers: the result passes our schema', () => {
    const mapper = createFieldMapper('buildings');
    const out = mapper.map(BUREAU_ROW);
    expect(out).toEqual({
      id: 'YZ-00001',
      name: '',
      address: '嘉滨路966号',
      community: '上清寺宏声名都',
      floors: 19,
      height: 58.1,
      year_built: 2009,
      structure: '剪力墙',
      use: '住宅',
      heritage: false,
    });
    expect(BuildingPropertiesSchema.safeParse(out).success).toBe(true);
  });

  it('matches names by NFKC, trimmed and in any case (pinyin initials, full-width, DBF-cut names)', () => {
    const mapper = createFieldMapper('buildings');
    expect(mapper.map({ jzbh: 'YZ-00002', ' CS ': 6, ＪＺＧＤ: 18, 是否历史建: '是', JGLX: '砖混结构' })).toEqual({ id: 'YZ-00002', floors: 6, height: 18, heritage: true, structure: '砖混' });
  });

  it('translates the vocabularies to exactly our terms, and reports values it could not', () => {
    const mapper = createFieldMapper('buildings');
    const structures = ['砖混结构', '砖混', '钢混', '钢筋混凝土', '框架结构', '剪力墙结构', '砖木结构', '混合结构', '框架-核心筒', '钢结构', '框剪', '钢结构'];
    const mapped = structures.map((s, i) => mapper.map({ id: `YZ-${i}`, structure: s }).structure);
    expect(mapped).toEqual(['砖混', '砖混', '框架', '框架', '框架', '剪力墙', '砖木', '砖混', '框筒', '钢结构', '框剪', '钢结构']);
    const heritage = ['是', '否', 'Y', 'N', 1, 0, '1', '0', true, false, '也许'].map((h) => mapper.map({ 历史建筑: h }).heritage);
    expect(heritage).toEqual([true, false, true, false, true, false, true, false, true, false, '也许']);
    const report = mapper.report();
    expect(report.features).toBe(structures.length + 11);
    expect(report.unmappedValues).toEqual([
      { field: 'structure', count: 3, values: [{ value: '钢结构', count: 2 }, { value: '框剪', count: 1 }], moreValues: 0 },
      { field: 'heritage', count: 1, values: [{ value: '也许', count: 1 }], moreValues: 0 },
    ]);
    expect(report.translatedValues).toContainEqual({ field: 'structure', from: '砖混结构', to: '砖混', count: 1 });
    expect(report.translatedValues).toContainEqual({ field: 'heritage', from: '是', to: true, count: 1 });
    // A boolean is ours already: not a translation.
    expect(report.translatedValues.filter((t) => t.from === 'true')).toEqual([]);
  });

  it('converts only plain numbers: units and blanks are not guessed', () => {
    const mapper = createFieldMapper('buildings');
    expect(mapper.map({ 层数: '１９', 高度: '58.1米', 建成年份: '' })).toEqual({ floors: 19, height: '58.1米' });
    expect(mapper.map({ 层数: null, 高度: '-3.5' })).toEqual({ height: -3.5 });
    const report = mapper.report();
    expect(report.conversions).toEqual([
      { field: 'floors', kind: 'number', count: 1 },
      { field: 'height', kind: 'number', count: 1 },
    ]);
    expect(report.unmappedValues).toEqual([{ field: 'height', count: 1, values: [{ value: '58.1米', count: 1 }], moreValues: 0 }]);
  });

  it('keeps unmapped fields under their own name, for the validators\' rename hints, and counts them with an example', () => {
    const mapper = createFieldMapper('buildings');
    const out = mapper.map({ 建筑编号: 'YZ-00003', 楼层: '5', OBJECTID: 7 });
    expect(out).toEqual({ id: 'YZ-00003', 楼层: '5', OBJECTID: 7 });
    mapper.map({ 建筑编号: 'YZ-00004', 楼层: null, OBJECTID: 8 });
    mapper.map({ 建筑编号: 'YZ-00005', 楼层: '7' });
    const report = mapper.report();
    expect(report.mapped).toEqual([{ from: '建筑编号', to: 'id', by: 'built-in', count: 3 }]);
    expect(report.unmapped).toEqual([
      { field: '楼层', count: 3, example: '5' },
      { field: 'OBJECTID', count: 2, example: 7 },
    ]);
  });

  it('two of their fields for one of ours: the one with a value wins, then mapping file, our name, built-in; differing values are a conflict', () => {
    const mapper = createFieldMapper('buildings');
    expect(mapper.map({ 高度: 30, height: 31 })).toMatchObject({ height: 31 });
    expect(mapper.map({ height: 31, 高度: 30 })).toMatchObject({ height: 31 });
    expect(mapper.map({ 建筑高度: '', 高度: 12 })).toMatchObject({ height: 12 });
    expect(mapper.map({ 编号: 'YZ-1', BH: 'YZ-1' })).toMatchObject({ id: 'YZ-1' });
    const report = mapper.report();
    expect(report.conflicts).toEqual([{ field: 'height', winner: 'height', loser: '高度', count: 2, example: { winner: '31', loser: '30' } }]);

    const withFile = createFieldMapper('buildings', mappingOf({ buildings: { fields: { 高度: 'height' } } }));
    expect(withFile.map({ height: 31, 高度: 30 })).toMatchObject({ height: 30 });
    expect(withFile.report().conflicts).toEqual([{ field: 'height', winner: '高度', loser: 'height', count: 1, example: { winner: '30', loser: '31' } }]);
  });

  it('a mapping file overrides built-in names and values and adds its own; ignore and constants', () => {
    const mapping = mappingOf({
      buildings: {
        fields: { BH: 'name', FWBM: 'id', ZCS: 'floors' },
        values: { structure: { 钢结构: '框架', 砖混结构: '砖木' }, use: { 商住: '商业' } },
        constants: { heritage: false },
        ignore: ['OBJECTID', 'shape_area'],
      },
    });
    const mapper = createFieldMapper('buildings', mapping);
    const out = mapper.map({ FWBM: 'YZ-00009', BH: '九号楼', ZCS: '4', 结构类型: '钢结构', 用途: '商住', OBJECTID: 1, Shape_Area: 120.5 });
    expect(out).toEqual({ id: 'YZ-00009', name: '九号楼', floors: 4, structure: '框架', use: '商业', heritage: false });
    // The file's values merge with the built-ins: its own entry wins, the others still apply.
    expect(mapper.map({ 结构类型: '砖混结构' }).structure).toBe('砖木');
    expect(mapper.map({ 结构类型: '剪力墙结构' }).structure).toBe('剪力墙');
    // A constant fills only a field the feature has no value for.
    expect(mapper.map({ 是否历史建筑: '是' }).heritage).toBe(true);
    const report = mapper.report();
    expect(report.mapped).toContainEqual({ from: 'BH', to: 'name', by: 'mapping-file', count: 1 });
    expect(report.ignored).toEqual([
      { field: 'OBJECTID', count: 1, example: 1 },
      { field: 'Shape_Area', count: 1, example: 120.5 },
    ]);
    expect(report.unmapped).toEqual([]);
    expect(report.constants).toEqual([{ field: 'heritage', value: false, count: 3 }]);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  it('lists at most maxValuesPerField distinct unmapped values, most frequent first, and counts the rest', () => {
    const mapper = createFieldMapper('buildings', null, { maxValuesPerField: 2 });
    for (const s of ['甲', '乙', '乙', '丙', '丙', '丙', '丁']) mapper.map({ structure: s });
    expect(mapper.report().unmappedValues).toEqual([{ field: 'structure', count: 7, values: [{ value: '丙', count: 3 }, { value: '乙', count: 2 }], moreValues: 2 }]);
  });
});

describe('field mapper, remembered conversions', () => {
  it('counts every feature in the report whether a value was converted anew or remembered, past the field\'s remembering limit too', () => {
    const mapper = createFieldMapper('buildings');
    const out: unknown[] = [];
    // 6,000 distinct names (past the 4,096 the mapper remembers per field) and a few repeated words.
    for (let i = 0; i < 6000; i++) out.push(mapper.map({ 名称: `楼${i}`, 结构类型: i % 3 === 0 ? '砖混结构' : i % 3 === 1 ? '钢混' : '木', 历史建筑: i % 2 ? '是' : '否', 层数: '７' }));
    expect(out[0]).toEqual({ name: '楼0', structure: '砖混', heritage: false, floors: 7 });
    expect(out[5999]).toEqual({ name: '楼5999', structure: '木', heritage: true, floors: 7 });
    const report = mapper.report();
    expect(report.translatedValues).toContainEqual({ field: 'structure', from: '砖混结构', to: '砖混', count: 2000 });
    expect(report.translatedValues).toContainEqual({ field: 'structure', from: '钢混', to: '框架', count: 2000 });
    expect(report.translatedValues).toContainEqual({ field: 'heritage', from: '是', to: true, count: 3000 });
    expect(report.conversions).toContainEqual({ field: 'floors', kind: 'number', count: 6000 });
    expect(report.mapped).toContainEqual({ from: '名称', to: 'name', by: 'built-in', count: 6000 });
  });
});

describe('field mapper, lifelines and areas', () => {
  it('maps a pipe survey row to our names and networks; a blank depth is left out so the inverts stand', () => {
    const mapper = createFieldMapper('lifelines');
    const row = { 管线编号: 'PS-1', 管线类型: '污水', 管径: '300', 埋深: null, 起点管底高: '241.2', 终点管底高: '240.9', 管材: '钢筋混凝土', 埋设年份: '1988', 状况: '较差', 压力: '' };
    expect(mapper.map(row)).toEqual({ id: 'PS-1', network: 'sewage', diameter_mm: 300, invert_start_m: 241.2, invert_end_m: 240.9, material: '钢筋混凝土', install_year: 1988, condition: '较差', pressure: null });
    const networks = ['给水', '供水', '雨水', '污水', '燃气', '天然气', '电力', '通信', 'RQ', 'water', '排水'].map((n) => mapper.map({ 专业: n }).network);
    expect(networks).toEqual(['water', 'water', 'storm', 'sewage', 'gas', 'gas', 'power', 'telecom', 'gas', 'water', '排水']);
    expect(['中压A', '次高压B', '低压', '无'].map((p) => mapper.map({ 压力等级: p }).pressure)).toEqual(['中压', '次高压', '低压', null]);
    expect(mapper.report().unmappedValues).toEqual([{ field: 'network', count: 1, values: [{ value: '排水', count: 1 }], moreValues: 0 }]);
  });

  it('a file of one network gets it from constants', () => {
    const mapper = createFieldMapper('lifelines', mappingOf({ lifelines: { constants: { network: 'gas' } } }));
    expect(mapper.map({ 管线编号: 'RQ-1', 管径: 110 })).toEqual({ id: 'RQ-1', diameter_mm: 110, network: 'gas' });
  });

  it('maps area names and kinds', () => {
    const mapper = createFieldMapper('areas');
    expect(mapper.map({ 编号: 'z1', 类型: '五片区', 名称: '大坪潮流商圈', 英文名称: 'Daping', 起始年份: '2021', 结束年份: '' })).toEqual({ id: 'z1', kind: 'zone', name: '大坪潮流商圈', name_en: 'Daping', year_from: 2021 });
    expect(mapper.map({ 类型: '老旧小区' }).kind).toBe('old-community');
  });
});

describe('field mapper, archive rows', () => {
  it('maps grades, year-first dates and list separators to what the row validator takes; cells stay text', () => {
    const mapper = createFieldMapper('archive');
    const out = mapper.map({ 房屋编号: 'YZ-00001', 鉴定日期: '2024/2/21', 鉴定单位: '某鉴定公司', 安全等级: 'Ｃ级', 隐患: '结构裂缝、外墙脱落；消防隐患', 开始日期: '2024年3月1日', 结束日期: '20241231', 预算: '12.5' });
    expect(out).toEqual({ code: 'YZ-00001', appraisal_date: '2024-02-21', appraisal_agency: '某鉴定公司', grade: 'C', hazards: '结构裂缝;外墙脱落;消防隐患', plan_start: '2024-03-01', plan_end: '2024-12-31', plan_budget_wan: '12.5' });
    expect(['A', 'a', 'Ａ', 'B级', 'D类', '局部危房', 'E'].map((g) => mapper.map({ grade: g }).grade)).toEqual(['A', 'A', 'A', 'B', 'D', 'C', 'E']);
    // Day-first, impossible and half dates are not guessed.
    expect(['21/2/2024', '2024/2/30', '2024/2', '2024/2/21 0:00'].map((d) => mapper.map({ appraisal_date: d }).appraisal_date)).toEqual(['21/2/2024', '2024/2/30', '2024/2', '2024-02-21']);
    const report = mapper.report();
    expect(report.conversions).toContainEqual({ field: 'appraisal_date', kind: 'date', count: 2 });
    expect(report.unmappedValues.find((v) => v.field === 'appraisal_date')!.values.map((v) => v.value)).toEqual(['21/2/2024', '2024/2/30', '2024/2']);
    expect(report.unmappedValues.find((v) => v.field === 'grade')!.values).toEqual([{ value: 'E', count: 1 }]);
  });
});

describe('mapRawFeature', () => {
  it('maps the properties and takes the id from the mapped ones, else keeps the feature id', () => {
    const mapper = createFieldMapper('lifelines');
    const geometry = { type: 'LineString' as const, coordinates: [[106.5, 29.5], [106.51, 29.5]] };
    expect(mapRawFeature(mapper, { index: 3, id: 17, geometry, properties: { 管线编号: 'JS-1', 管径: '200' } })).toEqual({ index: 3, id: 'JS-1', geometry, properties: { id: 'JS-1', diameter_mm: 200 } });
    expect(mapRawFeature(mapper, { index: 4, id: 18, geometry, properties: { 管径: 100 } })).toEqual({ index: 4, id: 18, geometry, properties: { diameter_mm: 100 } });
  });
});
