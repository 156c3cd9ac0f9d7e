/**
 * Our field names per hand-over file ("role") and what kind of value each holds, taken
 * from the core's schemas and vocabularies: the one table the field mapper converts
 * values by and the mapping file's schema checks targets against. A district's
 * Shapefile arrives with its own names (建筑编号, 层数 …) and DBF character fields
 * that hold numbers as text ('19'); the mapper needs to know that `floors` is a whole
 * number and `structure` one of five terms to translate them, and a mapping file that
 * maps to `heigth` or to `结构` as a structure is wrong before any feature is read.
 */
import { ARCHIVE_COLUMNS, type ArchiveColumn } from '../../core/archive-record.ts';
import { BUILDING_USES, STRUCTURES } from '../../core/building.ts';
import { SAFETY_GRADES } from '../../core/grades.ts';
import { HAZARD_ITEMS } from '../../core/hazards.ts';
import { NETWORKS, PIPE_CONDITIONS, PRESSURE_CLASSES } from '../../core/lifelines.ts';
import { AREA_KINDS } from '../../core/renewal-areas.ts';
import { FUNDING_SOURCES, PLAN_STATUSES, RENOVATION_MEASURES } from '../../core/renovation-plan.ts';

/** The hand-over files a mapping file has a section for (footprints, pipes, renewal areas, the archive table). */
export const MAPPING_ROLES = ['buildings', 'lifelines', 'areas', 'archive'] as const;
export type MappingRole = (typeof MAPPING_ROLES)[number];

/**
 * What one of our fields holds:
 * - `text`: a string as given (trimmed);
 * - `number`: a number; a plain number written as text ('19', ' 58.1 ') becomes one;
 * - `boolean`: true/false (是/否 and the like through the value table);
 * - `vocabulary`: one of `terms` (the core's list);
 * - `list`: archive cells of several `terms` joined with `;`;
 * - `date`: an archive day as YYYY-MM-DD.
 * `nullable`: the field may be null (no value), so a mapping may map a value to null.
 */
export type FieldKind =
  | { type: 'text'; nullable?: boolean }
  | { type: 'number'; integer?: boolean; nullable?: boolean }
  | { type: 'boolean' }
  | { type: 'vocabulary'; terms: readonly string[]; nullable?: boolean }
  | { type: 'list'; terms: readonly string[] }
  | { type: 'date' };

const text = { type: 'text' } as const;
const integer = { type: 'number', integer: true } as const;
const decimal = { type: 'number' } as const;
const vocabulary = (terms: readonly string[], nullable = false): FieldKind => ({ type: 'vocabulary', terms, nullable });
const list = (terms: readonly string[]): FieldKind => ({ type: 'list', terms });

/** buildings.geojson: BuildingPropertiesSchema (src/core/building.ts). */
const BUILDING_FIELDS = {
  id: text,
  name: { type: 'text', nullable: true },
  address: text,
  community: { type: 'text', nullable: true },
  floors: integer,
  height: decimal,
  year_built: integer,
  structure: vocabulary(STRUCTURES),
  use: vocabulary(BUILDING_USES),
  heritage: { type: 'boolean' },
} as const satisfies Record<string, FieldKind>;

/** lifelines.geojson: LifelinePropertiesSchema (src/core/lifelines.ts) and the pipe validator's inverts. */
const LIFELINE_FIELDS = {
  id: text,
  network: vocabulary(NETWORKS),
  diameter_mm: decimal,
  // The depth to the pipe's top, or the invert (inside bottom) elevations at both ends.
  depth_m: decimal, invert_start_m: decimal, invert_end_m: decimal,
  material: text,
  install_year: integer,
  condition: vocabulary(PIPE_CONDITIONS),
  pressure: vocabulary(PRESSURE_CLASSES, true),
} as const satisfies Record<string, FieldKind>;

/** areas.geojson: AreaPropertiesSchema (src/core/renewal-areas.ts). */
const AREA_FIELDS = {
  id: text,
  kind: vocabulary(AREA_KINDS),
  name: text, name_en: text,
  year_from: { type: 'number', integer: true, nullable: true }, year_to: { type: 'number', integer: true, nullable: true },
} as const satisfies Record<string, FieldKind>;

/** archive.csv / .xlsx: ARCHIVE_COLUMNS (src/core/archive-record.ts); every cell stays text for the row validator. */
const ARCHIVE_FIELDS = {
  code: text,
  appraisal_date: { type: 'date' },
  appraisal_agency: text,
  grade: vocabulary(SAFETY_GRADES),
  hazards: list(HAZARD_ITEMS),
  plan_measures: list(RENOVATION_MEASURES),
  plan_status: vocabulary(PLAN_STATUSES),
  plan_start: { type: 'date' },
  plan_end: { type: 'date' },
  plan_budget_wan: text,
  plan_funding: list(FUNDING_SOURCES),
  plan_unit: text,
  plan_key_project: text,
} as const satisfies Record<ArchiveColumn, FieldKind>;

export const OUR_FIELDS: Record<MappingRole, Readonly<Record<string, FieldKind>>> = {
  buildings: BUILDING_FIELDS,
  lifelines: LIFELINE_FIELDS,
  areas: AREA_FIELDS,
  archive: ARCHIVE_FIELDS,
};

/** Our field names of a role, in the files' order. */
export function ourFieldNames(role: MappingRole): string[] {
  return role === 'archive' ? [...ARCHIVE_COLUMNS] : Object.keys(OUR_FIELDS[role]);
}

