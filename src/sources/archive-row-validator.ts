/**
 * Turns exchange-table rows into archive records, or says precisely what is wrong:
 * row, column and reason for every problem (unknown code, bad grade, bad date, plan
 * without measures, appraisal dated after today, …), so one pass through the file fixes them all. Lengths and
 * sizes follow the API's limits (core/archive-limits.ts): a file cannot store what an
 * edit through the API would refuse. Dates are checked by `core/calendar-day.ts`'s
 * `isIsoDay`, the API's own (issue 16: this file had a copy).
 */
import { ARCHIVE_LIMITS } from '../core/archive-limits.ts';
import {
  APPRAISAL_COLUMNS,
  ARCHIVE_COLUMNS,
  type ArchiveColumn,
  type ArchiveRecord,
  LIST_SEPARATOR,
  PLAN_COLUMNS,
} from '../core/archive-record.ts';
import { BUILDING_CODE_PATTERN } from '../core/building-code.ts';
import { isAfterDay, isIsoDay, shanghaiDay } from '../core/calendar-day.ts';
import { failure, success, type Result } from '../core/result.ts';
import { SAFETY_GRADES, isSafetyGrade } from '../core/grades.ts';
import { HAZARD_ITEMS, type HazardItem, isHazardItem } from '../core/hazards.ts';
import {
  FORBIDDEN_FOR_HERITAGE,
  FUNDING_SOURCES,
  type FundingSource,
  PLAN_STATUSES,
  type PlanStatus,
  RENOVATION_MEASURES,
  type RenovationMeasure,
} from '../core/renovation-plan.ts';
import type { ImportProblem } from './import-problem.ts';
import type { Table } from './archive-table-reader.ts';

export interface ValidationContext {
  /** Codes in the building registry. */
  knownCodes: ReadonlySet<string>;
  /** Heritage buildings: no demolition in their plans. */
  heritageCodes?: ReadonlySet<string>;
  /** Today as YYYY-MM-DD (Asia/Shanghai): appraisal dates after it are refused. Default: the system clock. */
  today?: string;
}


/** Length as the API counts it (UTF-16 code units, as zod's max does). */
function tooLong(value: string, max: number): boolean {
  return value.length > max;
}

function lengthReason(value: string, max: number): string {
  return `过长：${value.length} 个字符，最多 ${max} 个（与 API 相同）/ too long: ${value.length} characters, at most ${max} (the API's limit)`;
}

function splitList(cell: string): string[] {
  return cell
    .split(LIST_SEPARATOR)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** The table's records, or every problem of every row (the import writes all rows or none). */
export function validateArchiveTable(table: Table, context: ValidationContext): Result<ArchiveRecord[], ImportProblem> {
  const problems: ImportProblem[] = [];
  const missing = ARCHIVE_COLUMNS.filter((c) => !table.header.includes(c));
  if (missing.length > 0) {
    problems.push({
      row: 1,
      column: null,
      reason: `缺少列 ${missing.join(', ')} / missing columns: ${missing.join(', ')} (expected header: ${ARCHIVE_COLUMNS.join(',')})`,
    });
    return failure(problems);
  }
  const records: ArchiveRecord[] = [];
  const today = context.today ?? shanghaiDay(new Date());
  const firstRowOf = new Map<string, number>();
  for (const { row, cells } of table.rows) {
    const rowProblems: ImportProblem[] = [];
    const problem = (column: ArchiveColumn | null, reason: string) => rowProblems.push({ row, column, value: column ? cells[column] : undefined, reason });
    const get = (c: ArchiveColumn) => cells[c] ?? '';

    const code = get('code');
    if (!BUILDING_CODE_PATTERN.test(code)) problem('code', '楼栋编码格式应为 YZ-00001 / building code must look like YZ-00001');
    else if (!context.knownCodes.has(code)) problem('code', '未知楼栋编码：楼栋名录中没有该建筑 / unknown building code: not in the building registry (import buildings.geojson first)');
    else if (firstRowOf.has(code)) problem('code', `重复的楼栋编码，首次出现在第 ${firstRowOf.get(code)} 行 / duplicate building code, first seen in row ${firstRowOf.get(code)}`);
    else firstRowOf.set(code, row);

    let appraisal: ArchiveRecord['appraisal'] = null;
    if (APPRAISAL_COLUMNS.some((c) => get(c) !== '')) {
      const date = get('appraisal_date');
      const agency = get('appraisal_agency');
      const grade = get('grade');
      const hazards = splitList(get('hazards'));
      if (!isIsoDay(date)) problem('appraisal_date', '鉴定日期应为 YYYY-MM-DD 格式的真实日期 / appraisal date must be a real date as YYYY-MM-DD');
      // The current grade is the latest appraisal's: a date in the future would pin it for good.
      else if (isAfterDay(date, today)) problem('appraisal_date', `鉴定日期 appraisal_date 晚于今天（${today}，北京时间），请填写实际鉴定日期 / appraisal_date is after today (${today}, Asia/Shanghai): give the day the appraisal was made`);
      if (agency === '') problem('appraisal_agency', '有鉴定记录时必须填写鉴定机构 / an appraisal needs its agency');
      else if (tooLong(agency, ARCHIVE_LIMITS.agencyChars)) problem('appraisal_agency', lengthReason(agency, ARCHIVE_LIMITS.agencyChars));
      if (!isSafetyGrade(grade)) problem('grade', `安全等级只能是 ${SAFETY_GRADES.join('/')} / grade must be one of ${SAFETY_GRADES.join(', ')}`);
      const badHazards = hazards.filter((h) => !isHazardItem(h));
      if (badHazards.length > 0) {
        problem('hazards', `未知隐患类型“${badHazards.join('、')}”，可选：${HAZARD_ITEMS.join('、')} / unknown hazard items: ${badHazards.join(', ')}`);
      }
      if (isIsoDay(date) && !isAfterDay(date, today) && agency !== '' && !tooLong(agency, ARCHIVE_LIMITS.agencyChars) && isSafetyGrade(grade) && badHazards.length === 0) {
        appraisal = { date, agency, grade, hazards: hazards as HazardItem[] };
      }
    }

    let plan: ArchiveRecord['plan'] = null;
    if (PLAN_COLUMNS.some((c) => get(c) !== '')) {
      const measures = splitList(get('plan_measures'));
      const funding = splitList(get('plan_funding'));
      const status = get('plan_status');
      const start = get('plan_start');
      const end = get('plan_end');
      const budgetText = get('plan_budget_wan');
      const budget = Number(budgetText);
      const unit = get('plan_unit');
      const before = rowProblems.length;
      if (measures.length === 0) problem('plan_measures', '改造方案没有措施：至少填写一项措施 / plan without measures: give at least one measure');
      const badMeasures = measures.filter((m) => !(RENOVATION_MEASURES as readonly string[]).includes(m));
      if (badMeasures.length > 0) problem('plan_measures', `未知改造措施“${badMeasures.join('、')}” / unknown measures: ${badMeasures.join(', ')}`);
      if (context.heritageCodes?.has(code)) {
        const forbidden = measures.filter((m) => (FORBIDDEN_FOR_HERITAGE as readonly string[]).includes(m));
        if (forbidden.length > 0) problem('plan_measures', `历史建筑只修缮不拆除，不能“${forbidden.join('、')}” / heritage buildings are never demolished`);
      }
      if (!(PLAN_STATUSES as readonly string[]).includes(status)) problem('plan_status', `方案状态只能是 ${PLAN_STATUSES.join('/')} / status must be one of ${PLAN_STATUSES.join(', ')}`);
      if (!isIsoDay(start)) problem('plan_start', '开始日期应为 YYYY-MM-DD / start must be a real date as YYYY-MM-DD');
      if (!isIsoDay(end)) problem('plan_end', '结束日期应为 YYYY-MM-DD / end must be a real date as YYYY-MM-DD');
      if (isIsoDay(start) && isIsoDay(end) && end < start) problem('plan_end', '结束日期早于开始日期 / end is before start');
      if (budgetText === '' || !Number.isFinite(budget) || budget < 0) problem('plan_budget_wan', '预算（万元）应为非负数 / budget (10k CNY) must be a number ≥ 0');
      else if (budget > ARCHIVE_LIMITS.budgetWanMax) problem('plan_budget_wan', `预算超过 ${ARCHIVE_LIMITS.budgetWanMax} 万元，请检查单位（万元）/ budget over ${ARCHIVE_LIMITS.budgetWanMax} (10k CNY): check the unit is 万元, not 元`);
      if (funding.length === 0) problem('plan_funding', `至少填写一种资金来源：${FUNDING_SOURCES.join('、')} / give at least one funding source`);
      const badFunding = funding.filter((f) => !(FUNDING_SOURCES as readonly string[]).includes(f));
      if (badFunding.length > 0) problem('plan_funding', `未知资金来源“${badFunding.join('、')}” / unknown funding: ${badFunding.join(', ')}`);
      if (unit === '') problem('plan_unit', '必须填写责任单位 / the responsible unit is required');
      else if (tooLong(unit, ARCHIVE_LIMITS.planUnitChars)) problem('plan_unit', lengthReason(unit, ARCHIVE_LIMITS.planUnitChars));
      if (tooLong(get('plan_key_project'), ARCHIVE_LIMITS.keyProjectChars)) problem('plan_key_project', lengthReason(get('plan_key_project'), ARCHIVE_LIMITS.keyProjectChars));
      if (rowProblems.length === before) {
        plan = {
          measures: measures as RenovationMeasure[],
          status: status as PlanStatus,
          start,
          end,
          budgetWan: budget,
          funding: funding as FundingSource[],
          unit,
          keyProject: get('plan_key_project') || null,
        };
      }
    }

    problems.push(...rowProblems);
    if (rowProblems.length === 0) records.push({ code, appraisal, plan });
  }
  return problems.length > 0 ? failure(problems) : success(records);
}
