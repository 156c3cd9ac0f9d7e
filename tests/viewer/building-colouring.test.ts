import { describe, expect, it } from 'vitest';
import { GRADE_INFO, UNAPPRAISED_INFO } from '../../src/core/grades.ts';
import { buildingColourCss, type GradeMap, mergeGrades, NEUTRAL_BUILDING_CSS } from '../../src/viewer/layers/building-colouring.ts';

describe('colour join code → grade → colour', () => {
  it('uses the colours of src/core/grades.ts', () => {
    for (const g of ['A', 'B', 'C', 'D'] as const) expect(buildingColourCss(g, true)).toBe(GRADE_INFO[g].color);
    expect(buildingColourCss(null, true)).toBe(UNAPPRAISED_INFO.color);
    expect(buildingColourCss(undefined, true)).toBe(UNAPPRAISED_INFO.color);
  });

  it('is neutral with the overlay off', () => {
    expect(buildingColourCss('D', false)).toBe(NEUTRAL_BUILDING_CSS);
  });

  it('merges the whole map, then deltas, reporting only grade changes', () => {
    const map: GradeMap = new Map();
    expect(mergeGrades(map, { 'YZ-00001': ['A', null], 'YZ-00002': [null, null] }).sort()).toEqual(['YZ-00001', 'YZ-00002']);
    expect(map.get('YZ-00002')).toBeNull();
    // A plan-status change alone recolours nothing.
    expect(mergeGrades(map, { 'YZ-00001': ['A', '施工中'] })).toEqual([]);
    expect(mergeGrades(map, { 'YZ-00001': ['D', '施工中'] })).toEqual(['YZ-00001']);
    expect(map.get('YZ-00001')).toBe('D');
    // Garbage from the wire is "not appraised", not a crash.
    expect(mergeGrades(map, { 'YZ-00003': ['Z', null] })).toEqual(['YZ-00003']);
    expect(map.get('YZ-00003')).toBeNull();
  });
});
