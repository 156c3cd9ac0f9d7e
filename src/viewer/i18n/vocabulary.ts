/**
 * The archive's vocabularies (hazards, measures, statuses, funding, structures, uses)
 * are stored in Chinese; src/core holds their English names. This picks the one for
 * the current language, so data values follow the language switch like UI text does.
 */
import { BUILDING_USE_EN, type BuildingUse, STRUCTURE_EN, type Structure } from '../../core/building.ts';
import { HAZARD_EN, type HazardItem } from '../../core/hazards.ts';
import { FUNDING_EN, type FundingSource, MEASURE_EN, PLAN_STATUS_EN, type PlanStatus, type RenovationMeasure } from '../../core/renovation-plan.ts';

const TABLES = {
  hazard: HAZARD_EN as Record<string, string>,
  measure: MEASURE_EN as Record<string, string>,
  status: PLAN_STATUS_EN as Record<string, string>,
  funding: FUNDING_EN as Record<string, string>,
  structure: STRUCTURE_EN as Record<string, string>,
  use: BUILDING_USE_EN as Record<string, string>,
};

export type VocabularyKind = keyof typeof TABLES;

export function vocab(kind: 'hazard', value: HazardItem, language: string): string;
export function vocab(kind: 'measure', value: RenovationMeasure, language: string): string;
export function vocab(kind: 'status', value: PlanStatus, language: string): string;
export function vocab(kind: 'funding', value: FundingSource, language: string): string;
export function vocab(kind: 'structure', value: Structure, language: string): string;
export function vocab(kind: 'use', value: BuildingUse, language: string): string;
export function vocab(kind: VocabularyKind, value: string, language: string): string;
export function vocab(kind: VocabularyKind, value: string, language: string): string {
  return language === 'en' ? (TABLES[kind][value] ?? value) : value;
}
