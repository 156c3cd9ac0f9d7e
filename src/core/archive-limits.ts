/**
 * How long or large an archive value may be, in one place for every way into the
 * archive: the API contract's request schemas (src/core/api/) and the table
 * importer (src/sources/archive-row-validator.ts). Otherwise a file import
 * could store what the API refuses (a 2,000,000-character agency the screens cannot
 * show and the API would never accept back in an edit).
 */
export const ARCHIVE_LIMITS = {
  /** Appraisal agency (鉴定机构), characters. */
  agencyChars: 100,
  /** Responsible unit of a plan (责任单位), characters. */
  planUnitChars: 100,
  /** Key project a plan belongs to (重点项目), characters. */
  keyProjectChars: 200,
  /** Inspection findings, characters. */
  findingsChars: 4000,
  /** Plan budget, 10k CNY (万元). */
  budgetWanMax: 10_000_000,
} as const;
