import { describe, expect, it } from 'vitest';
import { NO_FILTERS } from '../../src/viewer/filters/building-filter.ts';
import { DEFAULT_LAYERS, DEFAULT_VIEW_STATE, decodeViewState, encodeViewState, sameViewExceptCamera, type ViewState } from '../../src/viewer/state/url-state.ts';

const full: ViewState = {
  camera: { lon: 106.5725, lat: 29.5617, height: 393.2, heading: 12.5, pitch: -35 },
  selected: 'YZ-00967',
  layers: { hazard: false, areas: true, communities: true, rail: false, lifelines: true },
  filters: { grades: ['C', 'D', 'none'], yearFrom: 1980, yearTo: 2000, structure: '砖混', use: '住宅', area: 'core-jiefangbei', heritage: true },
  lifelines: {
    filters: { networks: { water: true, storm: false, sewage: false, gas: true, power: false, telecom: false }, minAgeYears: 30, maxAgeYears: null, materials: ['铸铁'], conditions: ['较差', '危险'] },
    highlightRisk: false,
    underground: true,
  },
  analysis: { tool: 'measure', mode: 'area', points: [[106.5725, 29.5617, 250.5], [106.573, 29.562, 251], [106.5728, 29.5625, 260.25]] },
  lang: 'en',
};

describe('view state in the URL', () => {
  it('keeps the default view out of the URL', () => {
    expect(encodeViewState(DEFAULT_VIEW_STATE)).toBe('');
    expect(decodeViewState('')).toEqual(DEFAULT_VIEW_STATE);
  });

  it('round-trips camera, selection, layers, filters and language', () => {
    const search = encodeViewState(full);
    expect(decodeViewState(search)).toEqual(full);
    expect(search).toContain('sel=YZ-00967');
    expect(search).toContain('lang=en');
  });

  it('round-trips Chinese filter values through URL encoding', () => {
    const url = new URL(`http://x/${encodeViewState(full)}`);
    expect(decodeViewState(url.search).filters.structure).toBe('砖混');
  });

  it('rounds the camera so URLs stay short', () => {
    const search = encodeViewState({ ...DEFAULT_VIEW_STATE, camera: { lon: 106.123456789, lat: 29.987654321, height: 1234.5678, heading: 1.23456, pitch: -30.98765 } });
    expect(new URLSearchParams(search).get('cam')).toBe('106.123457,29.987654,1234.6,1.2,-31');
  });

  it('ignores bad values instead of failing', () => {
    const v = decodeViewState('?cam=1,2,x&sel=<script>&grade=E,A&year=abc-1990&structure=木&use=x&area=../../etc&heritage=maybe&layers=bogus&lang=fr');
    expect(v.camera).toBeNull();
    expect(v.selected).toBeNull();
    expect(v.filters).toEqual({ ...NO_FILTERS, grades: ['A'], yearTo: 1990 });
    expect(v.layers).toEqual({ hazard: false, areas: false, communities: false, rail: false, lifelines: false });
    expect(v.lang).toBe('zh-CN');
  });

  it('keeps parameters that belong to others (basemap, terrain)', () => {
    const search = encodeViewState({ ...DEFAULT_VIEW_STATE, selected: 'YZ-00001' }, new URLSearchParams('basemap=osm&sel=YZ-09999'));
    const q = new URLSearchParams(search);
    expect(q.get('basemap')).toBe('osm');
    expect(q.get('sel')).toBe('YZ-00001');
  });

  it('writes layers only when they differ from the defaults', () => {
    expect(encodeViewState({ ...DEFAULT_VIEW_STATE, layers: { ...DEFAULT_LAYERS } })).toBe('');
    expect(encodeViewState({ ...DEFAULT_VIEW_STATE, layers: { ...DEFAULT_LAYERS, areas: true } })).toBe('?layers=hazard%2Careas%2Crail');
    // A layer with its own parameter is not listed in `layers=` (and `layers=lifelines` is not its switch).
    expect(encodeViewState({ ...DEFAULT_VIEW_STATE, layers: { ...DEFAULT_LAYERS, lifelines: true } })).toBe('?pipes=all');
    expect(decodeViewState('?layers=lifelines,rail').layers).toEqual({ hazard: false, areas: false, communities: false, rail: true, lifelines: false });
  });

  it('tells a camera move from a change worth a history entry', () => {
    expect(sameViewExceptCamera(full, { ...full, camera: null })).toBe(true);
    expect(sameViewExceptCamera(full, { ...full, selected: null })).toBe(false);
  });
});
