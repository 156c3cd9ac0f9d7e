import { describe, expect, it } from 'vitest';
import { NETWORKS, NETWORK_INFO } from '../../src/core/lifelines.ts';
import {
  DEFAULT_LIFELINE_FILTERS,
  matchesPipeFilters,
  networkColourCss,
  networkLegend,
  pipeAppearance,
  type PipeFeatureProperties,
  readPipeProperties,
  RISK_HIGHLIGHT_CSS,
  SELECTED_PIPE_CSS,
} from '../../src/viewer/layers/lifeline-styling.ts';
import en from '../../src/viewer/i18n/lifelines.en.json';
import zh from '../../src/viewer/i18n/lifelines.zh-CN.json';

const NOW = new Date('2026-06-01T00:00:00Z');
const pipe = (p: Partial<PipeFeatureProperties> = {}): PipeFeatureProperties => ({
  id: 'JS-000001', network: 'water', diameter_mm: 300, depth_m: 1.2, material: '灰口铸铁', install_year: 1980, condition: '一般', pressure: '中压', ...p,
});

describe('pipe colours and filters', () => {
  it('colours by network from NETWORK_INFO, the one source, also for the legend', () => {
    for (const n of NETWORKS) expect(networkColourCss(n)).toBe(NETWORK_INFO[n].color);
    expect(networkLegend().map((r) => [r.network, r.css])).toEqual(NETWORKS.map((n) => [n, NETWORK_INFO[n].color]));
    const ctx = { filters: DEFAULT_LIFELINE_FILTERS, riskIds: null, highlightRisk: true, selectedId: null, now: NOW };
    expect(pipeAppearance(pipe({ network: 'gas' }), ctx)).toEqual({ show: true, css: NETWORK_INFO.gas.color });
  });

  it('highlights at-risk segments only when asked, and the selection over everything', () => {
    const riskIds = new Set(['JS-000001']);
    const base = { filters: DEFAULT_LIFELINE_FILTERS, riskIds, selectedId: null, now: NOW };
    expect(pipeAppearance(pipe(), { ...base, highlightRisk: true }).css).toBe(RISK_HIGHLIGHT_CSS);
    expect(pipeAppearance(pipe(), { ...base, highlightRisk: false }).css).toBe(NETWORK_INFO.water.color);
    expect(pipeAppearance(pipe(), { ...base, highlightRisk: true, selectedId: 'JS-000001' }).css).toBe(SELECTED_PIPE_CSS);
    // The highlight colour is none of the network colours.
    expect(Object.values(NETWORK_INFO).map((i) => i.color.toLowerCase())).not.toContain(RISK_HIGHLIGHT_CSS);
  });

  it('filters by network toggle, age range, material and condition', () => {
    const f = DEFAULT_LIFELINE_FILTERS;
    expect(matchesPipeFilters(pipe(), f, NOW)).toBe(true);
    expect(matchesPipeFilters(pipe(), { ...f, networks: { ...f.networks, water: false } }, NOW)).toBe(false);
    expect(matchesPipeFilters(pipe(), { ...f, minAgeYears: 47 }, NOW)).toBe(false);
    expect(matchesPipeFilters(pipe(), { ...f, minAgeYears: 46 }, NOW)).toBe(true);
    expect(matchesPipeFilters(pipe(), { ...f, maxAgeYears: 45 }, NOW)).toBe(false);
    expect(matchesPipeFilters(pipe(), { ...f, materials: ['PE'] }, NOW)).toBe(false);
    expect(matchesPipeFilters(pipe(), { ...f, materials: ['灰口铸铁'] }, NOW)).toBe(true);
    expect(matchesPipeFilters(pipe(), { ...f, conditions: ['较差', '危险'] }, NOW)).toBe(false);
    expect(pipeAppearance(pipe(), { filters: { ...f, conditions: ['危险'] }, riskIds: null, highlightRisk: false, selectedId: null, now: NOW }).show).toBe(false);
  });

  it('reads picked tile properties, and refuses non-pipe features (buildings)', () => {
    const props: Record<string, unknown> = { id: 'PS-1', network: 'storm', diameter_mm: 600, depth_m: -1, material: '钢筋混凝土', install_year: 1990, condition: '较差', pressure: '未知', length_m: 42 };
    expect(readPipeProperties((n) => props[n])).toEqual({ id: 'PS-1', network: 'storm', diameter_mm: 600, depth_m: null, material: '钢筋混凝土', install_year: 1990, condition: '较差', pressure: null, length_m: 42 });
    const building: Record<string, unknown> = { id: 'YZ-00001', height: 20 };
    expect(readPipeProperties((n) => building[n])).toBeNull();
  });

  it('has the same i18n keys in zh-CN and English', () => {
    const keys = (o: object, prefix = ''): string[] =>
      Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' && v ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`])).sort();
    expect(keys(en)).toEqual(keys(zh));
  });
});
