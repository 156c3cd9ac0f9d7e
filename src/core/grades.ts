/**
 * Building safety grades after JGJ 125-2016 危险房屋鉴定标准 §6.1.4.
 * One place for the codes, their meaning and their colours, so the map, the legend,
 * the panels and the charts can never disagree.
 */

export const SAFETY_GRADES = ['A', 'B', 'C', 'D'] as const;
export type SafetyGrade = (typeof SAFETY_GRADES)[number];

/** A building's grade, or `null` when it has not been appraised yet. */
export type GradeOrUnappraised = SafetyGrade | null;

export interface GradeInfo {
  /** Short name, zh-CN. */
  zh: string;
  /** Short name, English. */
  en: string;
  /** Colour as CSS hex. */
  color: string;
}

export const GRADE_INFO: Record<SafetyGrade, GradeInfo> = {
  A: { zh: 'A级 安全', en: 'A – safe', color: '#2e9d4f' },
  B: { zh: 'B级 基本安全', en: 'B – basically safe', color: '#f2c230' },
  C: { zh: 'C级 局部危房', en: 'C – locally dangerous', color: '#f07d1a' },
  D: { zh: 'D级 整幢危房', en: 'D – whole building dangerous', color: '#d7263d' },
};

export const UNAPPRAISED_INFO: GradeInfo = { zh: '未鉴定', en: 'Not appraised', color: '#9aa0a6' };

export function isSafetyGrade(value: unknown): value is SafetyGrade {
  return typeof value === 'string' && (SAFETY_GRADES as readonly string[]).includes(value);
}

/** Info for a grade or for "not appraised". */
export function gradeInfo(grade: GradeOrUnappraised): GradeInfo {
  return grade === null ? UNAPPRAISED_INFO : GRADE_INFO[grade];
}

/** C and D are dangerous buildings (危房): each must have a renovation plan. */
export function isDangerous(grade: GradeOrUnappraised): boolean {
  return grade === 'C' || grade === 'D';
}
