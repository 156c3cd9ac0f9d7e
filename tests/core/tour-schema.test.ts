import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RENEWAL_AREAS } from '../../src/core/renewal-areas.ts';
import { describeTourProblem, TourIndexSchema, validateTour } from '../../src/core/tour-schema.ts';

const TOURS = join(process.cwd(), 'public', 'tours');
const readJson = (file: string): unknown => JSON.parse(readFileSync(join(TOURS, file), 'utf8'));

const step = (over: Record<string, unknown> = {}) => ({
  id: 'core',
  caption: { 'zh-CN': '一核', en: 'The core' },
  camera: { lon: 106.577, lat: 29.54, height: 2000, heading: 0, pitch: -45 },
  ...over,
});
const tour = (steps: unknown[]) => ({ title: { 'zh-CN': '测试', en: 'Test' }, steps });

describe('tour file validation', () => {
  it('accepts a good tour and fills the defaults', () => {
    const result = validateTour('t', tour([step()]));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.tour.steps[0]).toMatchObject({ layers: ['hazard'], highlight: [], seconds: 8, filters: { grades: [], area: null, heritage: null } });
  });

  it('names the tour, the step (number and id) and the field of a bad step', () => {
    const result = validateTour('district-plan', tour([step(), step({ id: 'wings', camera: { lon: 106.55, lat: 29.55, height: -5 } })]));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatchObject({ tour: 'district-plan', step: 2, stepId: 'wings', field: 'camera.height' });
    const line = describeTourProblem(result.problems[0]!);
    expect(line).toContain('district-plan');
    expect(line).toContain('step 2 (wings)');
    expect(line).toContain('camera.height');
  });

  it('reports a missing English caption, an unknown layer and a bad building code each at its field', () => {
    const result = validateTour('t', tour([step({ caption: { 'zh-CN': '一核' }, layers: ['hazard', 'pipes'], highlight: ['B-1'] })]));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.field).sort()).toEqual(['caption.en', 'highlight.0', 'layers.1']);
    expect(result.problems.every((p) => p.step === 1 && p.stepId === 'core')).toBe(true);
  });

  it('refuses unknown step fields (a typo must not be ignored silently)', () => {
    const result = validateTour('t', tour([step({ captoin: 'x' })]));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems[0]).toMatchObject({ step: 1, field: '' });
    expect(result.problems[0]!.message).toContain('captoin');
  });

  it('refuses repeated step ids, naming the later step', () => {
    const result = validateTour('t', tour([step(), step()]));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([expect.objectContaining({ step: 2, stepId: 'core', field: 'id' })]);
  });

  it('reports tour-level problems without a step', () => {
    const result = validateTour('empty', { title: { 'zh-CN': '空', en: 'Empty' }, steps: [] });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems[0]).toMatchObject({ tour: 'empty', step: null, field: 'steps' });
    expect(describeTourProblem(result.problems[0]!)).not.toContain('step 1');
  });
});

describe('before/after (compare) steps and the lifelines layer', () => {
  const areaIds = new Set(RENEWAL_AREAS.map((a) => a.id));

  it('accepts a compare step and fills mode and split', () => {
    const result = validateTour('t', tour([step({ compare: { area: 'wing-chongqing-station' } })]), { areaIds });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.tour.steps[0]!.compare).toEqual({ area: 'wing-chongqing-station', mode: 'swipe', split: 0.5 });
  });

  it('names the field of a bad split, an unknown mode and a typo inside compare', () => {
    const result = validateTour('t', tour([step({ compare: { area: 'core-jiefangbei', mode: 'blend', split: 1.5, sptil: 0.4 } })]));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.field).sort()).toEqual(['compare', 'compare.mode', 'compare.split']);
    expect(result.problems.find((p) => p.field === 'compare.split')!.message).toContain('0 to 1');
    expect(result.problems.find((p) => p.field === 'compare')!.message).toContain('sptil');
  });

  it('refuses an unknown area where the areas are known (compare and filters), naming step, field and known ids', () => {
    const bad = tour([step({ id: 'ba', compare: { area: 'wing-caiyuanba' }, filters: { area: 'core-jiefangbie' } })]);
    expect(validateTour('t', bad).ok).toBe(true); // areas unknown: nothing to check against
    const result = validateTour('t', bad, { areaIds });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => [p.step, p.stepId, p.field])).toEqual([
      [1, 'ba', 'filters.area'],
      [1, 'ba', 'compare.area'],
    ]);
    const line = describeTourProblem(result.problems[1]!);
    expect(line).toContain('wing-caiyuanba');
    expect(line).toContain('wing-chongqing-station');
  });

  it('knows the lifelines layer', () => {
    const result = validateTour('t', tour([step({ layers: ['hazard', 'lifelines'] })]));
    expect(result.ok).toBe(true);
  });
});

describe('the tours shipped in public/tours', () => {
  const index = TourIndexSchema.parse(readJson('index.json'));

  it('lists every tour file, and every listed tour exists', () => {
    const files = readdirSync(TOURS).filter((f) => f.endsWith('.json') && f !== 'index.json').map((f) => f.replace(/\.json$/, ''));
    expect(index.tours.map((t) => t.name).sort()).toEqual(files.sort());
  });

  it.each(index.tours.map((t) => t.name))('%s is valid, its areas among the renewal areas', (name) => {
    const result = validateTour(name, readJson(`${name}.json`), { areaIds: new Set(RENEWAL_AREAS.map((a) => a.id)) });
    expect(result.ok ? [] : result.problems.map(describeTourProblem)).toEqual([]);
  });

  it('the district tour covers the plan: core, wings, belts, five areas, old communities, C/D renovation, lifelines', () => {
    const result = validateTour('district-plan', readJson('district-plan.json'));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.tour.steps.map((s) => s.id)).toEqual(
      expect.arrayContaining(['core', 'wings', 'belts', 'five-areas', 'old-communities', 'cd-renovation', 'lifelines', 'before-after']),
    );
    const lifelines = result.tour.steps.find((s) => s.id === 'lifelines')!;
    expect(lifelines.layers).toContain('lifelines');
    const compare = result.tour.steps.find((s) => s.id === 'before-after')!;
    expect(compare.compare).toMatchObject({ area: 'wing-chongqing-station', mode: 'swipe' });
    expect(compare.camera).toBeDefined();
  });
});
