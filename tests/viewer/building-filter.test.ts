import { describe, expect, it } from 'vitest';
import { type FilterableBuilding, isFilterActive, matchesFilters, NO_FILTERS } from '../../src/viewer/filters/building-filter.ts';

const house: FilterableBuilding = { code: 'YZ-00001', yearBuilt: 1985, structure: '砖混', use: '住宅', heritage: false };

describe('building filters', () => {
  it('keeps everything with no filter', () => {
    expect(isFilterActive(NO_FILTERS)).toBe(false);
    expect(matchesFilters(house, 'A', NO_FILTERS, null)).toBe(true);
    expect(matchesFilters(house, undefined, NO_FILTERS, null)).toBe(true);
  });

  it('filters by grade, with "none" for buildings not appraised or unknown to the archive', () => {
    const f = { ...NO_FILTERS, grades: ['C' as const, 'none' as const] };
    expect(isFilterActive(f)).toBe(true);
    expect(matchesFilters(house, 'C', f, null)).toBe(true);
    expect(matchesFilters(house, 'A', f, null)).toBe(false);
    expect(matchesFilters(house, null, f, null)).toBe(true);
    expect(matchesFilters(house, undefined, f, null)).toBe(true);
  });

  it('filters by an inclusive year range and drops unknown years', () => {
    const f = { ...NO_FILTERS, yearFrom: 1985, yearTo: 1990 };
    expect(matchesFilters(house, 'A', f, null)).toBe(true);
    expect(matchesFilters({ ...house, yearBuilt: 1991 }, 'A', f, null)).toBe(false);
    expect(matchesFilters({ ...house, yearBuilt: 1984 }, 'A', f, null)).toBe(false);
    expect(matchesFilters({ ...house, yearBuilt: null }, 'A', f, null)).toBe(false);
  });

  it('filters by structure, use and heritage', () => {
    expect(matchesFilters(house, 'A', { ...NO_FILTERS, structure: '框架' }, null)).toBe(false);
    expect(matchesFilters(house, 'A', { ...NO_FILTERS, use: '住宅' }, null)).toBe(true);
    expect(matchesFilters(house, 'A', { ...NO_FILTERS, heritage: true }, null)).toBe(false);
    expect(matchesFilters(house, 'A', { ...NO_FILTERS, heritage: false }, null)).toBe(true);
    expect(matchesFilters({ ...house, heritage: null }, 'A', { ...NO_FILTERS, heritage: false }, null)).toBe(true);
  });

  it('keeps only buildings of the area, and none while the area is not known yet', () => {
    const f = { ...NO_FILTERS, area: 'core-jiefangbei' };
    expect(matchesFilters(house, 'A', f, null)).toBe(false);
    expect(matchesFilters(house, 'A', f, new Set(['YZ-00001']))).toBe(true);
    expect(matchesFilters(house, 'A', f, new Set(['YZ-00002']))).toBe(false);
  });
});
