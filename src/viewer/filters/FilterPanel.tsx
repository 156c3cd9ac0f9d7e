/**
 * Filters over the buildings: grades, year built, structure, use, renewal area,
 * heritage. Buildings that do not match are hidden on the map; the count is of the
 * whole district (asked from the archive), or of the loaded buildings if it is down.
 */
import { useTranslation } from 'react-i18next';
import { BUILDING_USES, STRUCTURES } from '../../core/building.ts';
import { vocab } from '../i18n/vocabulary.ts';
import { type BuildingFilters, GRADE_KEYS, type GradeKey, isBuildingUse, isFilterActive, isStructure, NO_FILTERS } from './building-filter.ts';

export interface AreaOption {
  id: string;
  kind: string;
  name: string;
  nameEn: string;
}

export interface FilterPanelProps {
  filters: BuildingFilters;
  onChange(filters: BuildingFilters): void;
  areas: AreaOption[];
  /** Matching buildings in the district, or null when the archive could not say. */
  count: number | null;
  /** Matching buildings among the loaded ones (fallback). */
  loadedCount: number;
}

function yearValue(text: string): number | null {
  const n = Number(text);
  return text !== '' && Number.isInteger(n) && n >= 1800 && n <= 2100 ? n : null;
}

/** One bound of the year-built range (1800–2100; anything else is no bound). */
function YearInput(p: { name: string; label: string; value: number | null; onChange(year: number | null): void }) {
  return <input type="number" name={p.name} aria-label={p.label} placeholder={p.label} min={1800} max={2100} value={p.value ?? ''} onChange={(e) => p.onChange(yearValue(e.target.value))} />;
}

/** A select over one vocabulary (structure, use): "any" first, then the values in the page's language. */
function VocabularySelect(p: { name: 'structure' | 'use'; label: string; any: string; values: readonly string[]; value: string | null; lang: string; onChange(value: string | null): void }) {
  return (
    <label>
      {p.label}
      <select name={p.name} value={p.value ?? ''} onChange={(e) => p.onChange(e.target.value || null)}>
        <option value="">{p.any}</option>
        {p.values.map((v) => (
          <option key={v} value={v}>
            {vocab(p.name, v, p.lang)}
          </option>
        ))}
      </select>
    </label>
  );
}

export function FilterPanel({ filters, onChange, areas, count, loadedCount }: FilterPanelProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const set = (patch: Partial<BuildingFilters>) => onChange({ ...filters, ...patch });
  const toggleGrade = (g: GradeKey) =>
    set({ grades: filters.grades.includes(g) ? filters.grades.filter((x) => x !== g) : GRADE_KEYS.filter((x) => x === g || filters.grades.includes(x)) });
  const areaName = (a: AreaOption) => (lang === 'en' ? a.nameEn : a.name);

  return (
    <details className="filter-panel panel-box">
      <summary>{t('filters.title')}</summary>
      <fieldset className="grade-filter">
        <legend>{t('filters.grades')}</legend>
        {GRADE_KEYS.map((g) => (
          <label key={g} className="check">
            <input type="checkbox" name={`grade-${g}`} checked={filters.grades.includes(g)} onChange={() => toggleGrade(g)} />
            {t(`grade.${g}`)}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('filters.year')}</legend>
        <YearInput name="year-from" label={t('filters.yearFrom')} value={filters.yearFrom} onChange={(yearFrom) => set({ yearFrom })} />
        –
        <YearInput name="year-to" label={t('filters.yearTo')} value={filters.yearTo} onChange={(yearTo) => set({ yearTo })} />
      </fieldset>
      <VocabularySelect name="structure" label={t('filters.structure')} any={t('filters.any')} values={STRUCTURES} value={filters.structure} lang={lang} onChange={(structure) => set({ structure: structure && isStructure(structure) ? structure : null })} />
      <VocabularySelect name="use" label={t('filters.use')} any={t('filters.any')} values={BUILDING_USES} value={filters.use} lang={lang} onChange={(use) => set({ use: use && isBuildingUse(use) ? use : null })} />
      <label>
        {t('filters.area')}
        <select name="area" value={filters.area ?? ''} onChange={(e) => set({ area: e.target.value || null })}>
          <option value="">{t('filters.any')}</option>
          <optgroup label={t('filters.renewalAreas')}>
            {areas
              .filter((a) => a.kind !== 'old-community')
              .map((a) => (
                <option key={a.id} value={a.id}>
                  {areaName(a)}
                </option>
              ))}
          </optgroup>
          <optgroup label={t('filters.oldCommunities')}>
            {areas
              .filter((a) => a.kind === 'old-community')
              .map((a) => (
                <option key={a.id} value={a.id}>
                  {areaName(a)}
                </option>
              ))}
          </optgroup>
        </select>
      </label>
      <label>
        {t('filters.heritage')}
        <select
          name="heritage"
          value={filters.heritage === null ? '' : filters.heritage ? '1' : '0'}
          onChange={(e) => set({ heritage: e.target.value === '' ? null : e.target.value === '1' })}
        >
          <option value="">{t('filters.any')}</option>
          <option value="1">{t('filters.yes')}</option>
          <option value="0">{t('filters.no')}</option>
        </select>
      </label>
      {isFilterActive(filters) && (
        <p className="filter-count" role="status">
          {count !== null ? t('filters.count', { count }) : t('filters.countLoaded', { count: loadedCount })}
          <button type="button" className="link" onClick={() => onChange(NO_FILTERS)}>
            {t('filters.clear')}
          </button>
        </p>
      )}
    </details>
  );
}
