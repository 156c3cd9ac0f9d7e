/**
 * The field names Chinese hand-over files commonly use, per role, mapped to ours: used
 * when there is no mapping file, and under a mapping file's own entries (a file's
 * entry for the same name wins). Sources: the names in housing-bureau registers and
 * survey exports (建筑编号, 层数, 建筑高度, 建成年代, 结构类型 …), their pinyin initials
 * (JZBH, CS, JZGD …), and the forms a Shapefile's DBF cuts them to (10 bytes a name:
 * five Chinese characters in GBK, so 是否历史建筑 arrives as 是否历史建, 起点管底高程 as
 * 起点管底高; ogr2ogr does the same to `install_year` → `install_ye`).
 *
 * Left out on purpose, because they are ambiguous and a wrong guess is worse than the
 * validator's rename hint (src/sources/input-hints.ts, which stays the fallback for
 * whatever is not mapped here): 楼层 (a storey number or the storey count?),
 * 起点埋深/终点埋深 (two depths, we have one), `diameter_m` (a cut `diameter_mm`, or
 * metres?). Nothing here maps a name the validators' hints send elsewhere: 高度,
 * 建筑高度 → height, 层数, 楼层数 → floors, 埋深, 覆土, 覆土深度 → depth_m, as they say.
 */
import type { MappingRole } from './our-fields.ts';

export const BUILT_IN_NAMES: Record<MappingRole, Readonly<Record<string, string>>> = {
  buildings: {
    建筑编号: 'id', 房屋编号: 'id', 楼栋编号: 'id', 楼栋编码: 'id', 编号: 'id', JZBH: 'id', FWBH: 'id', BH: 'id',
    建筑名称: 'name', 楼栋名称: 'name', 名称: 'name', JZMC: 'name',
    地址: 'address', 门牌地址: 'address', 门牌号: 'address', 坐落: 'address', 房屋坐落: 'address', DZ: 'address',
    小区: 'community', 小区名称: 'community', 社区: 'community', XQ: 'community',
    层数: 'floors', 地上层数: 'floors', 楼层数: 'floors', 总层数: 'floors', CS: 'floors', DSCS: 'floors', 'building:levels': 'floors',
    建筑高度: 'height', 高度: 'height', 'JZGD': 'height', GD: 'height',
    建成年代: 'year_built', 建成年份: 'year_built', 建造年代: 'year_built', 建造年份: 'year_built', 竣工年份: 'year_built', 竣工年代: 'year_built', JCND: 'year_built',
    结构类型: 'structure', 结构: 'structure', 房屋结构: 'structure', 建筑结构: 'structure', JGLX: 'structure',
    用途: 'use', 使用性质: 'use', 房屋用途: 'use', 建筑用途: 'use', 规划用途: 'use', YT: 'use', FWYT: 'use',
    是否历史建筑: 'heritage', 是否历史建: 'heritage', 历史建筑: 'heritage', 是否文保: 'heritage', 文保建筑: 'heritage',
  },
  lifelines: {
    管线编号: 'id', 管段编号: 'id', 编号: 'id', GXBH: 'id', BH: 'id',
    管线类型: 'network', 管线类别: 'network', 管线种类: 'network', 专业: 'network', 管类: 'network', GXLX: 'network',
    管径: 'diameter_mm', 管径mm: 'diameter_mm', '管径(mm)': 'diameter_mm', 管径毫米: 'diameter_mm', GJ: 'diameter_mm',
    埋深: 'depth_m', 覆土深度: 'depth_m', 覆土: 'depth_m', '埋深(m)': 'depth_m', MS: 'depth_m',
    起点管底高程: 'invert_start_m', 起点管底高: 'invert_start_m', 起点管底: 'invert_start_m', invert_sta: 'invert_start_m',
    终点管底高程: 'invert_end_m', 终点管底高: 'invert_end_m', 终点管底: 'invert_end_m', invert_end: 'invert_end_m',
    材质: 'material', 管材: 'material', CZ: 'material',
    敷设年代: 'install_year', 敷设年份: 'install_year', 埋设年份: 'install_year', 埋设年代: 'install_year', 建设年代: 'install_year', 建设年份: 'install_year', install_ye: 'install_year',
    管线状况: 'condition', 状况: 'condition', 管道状况: 'condition', 运行状况: 'condition',
    压力等级: 'pressure', 压力: 'pressure', 压力级制: 'pressure',
  },
  areas: {
    编号: 'id', 片区编号: 'id', BH: 'id',
    类型: 'kind', 类别: 'kind', 片区类型: 'kind',
    名称: 'name', 片区名称: 'name', 中文名称: 'name',
    英文名称: 'name_en', 英文名: 'name_en',
    起始年份: 'year_from', 开始年份: 'year_from',
    结束年份: 'year_to', 截止年份: 'year_to',
  },
  archive: {
    房屋编号: 'code', 建筑编号: 'code', 楼栋编号: 'code', 楼栋编码: 'code', 编号: 'code',
    鉴定日期: 'appraisal_date', 鉴定时间: 'appraisal_date',
    鉴定机构: 'appraisal_agency', 鉴定单位: 'appraisal_agency',
    安全等级: 'grade', 鉴定等级: 'grade', 危险性等级: 'grade', 危险等级: 'grade', 鉴定结论: 'grade',
    隐患: 'hazards', 安全隐患: 'hazards', 隐患类型: 'hazards',
    改造措施: 'plan_measures', 措施: 'plan_measures', 整治措施: 'plan_measures',
    方案状态: 'plan_status', 实施状态: 'plan_status', 进展: 'plan_status',
    开始日期: 'plan_start', 计划开始: 'plan_start', 开工日期: 'plan_start',
    结束日期: 'plan_end', 计划完成: 'plan_end', 完工日期: 'plan_end',
    预算: 'plan_budget_wan', '预算(万元)': 'plan_budget_wan', 预算万元: 'plan_budget_wan', '投资(万元)': 'plan_budget_wan',
    资金来源: 'plan_funding',
    责任单位: 'plan_unit', 实施单位: 'plan_unit',
    重点项目: 'plan_key_project',
  },
};
