import { describe, expect, it } from 'vitest';
import { DEFAULT_LIFELINE_FILTERS } from '../../src/viewer/layers/lifeline-styling.ts';
import { decodeLifelinesView, DEFAULT_LIFELINES_VIEW, encodeLifelinesView, type LifelinesView } from '../../src/viewer/state/lifelines-url-state.ts';
import { decodeViewState, DEFAULT_VIEW_STATE, encodeViewState } from '../../src/viewer/state/url-state.ts';

const encode = (v: LifelinesView, on: boolean) => {
  const q = new URLSearchParams();
  encodeLifelinesView(v, on, q);
  return q.toString();
};
const decode = (search: string) => decodeLifelinesView(new URLSearchParams(search));

describe('lifelines in the URL', () => {
  it('leaves the default (layer off, above ground) out of the URL', () => {
    expect(encode(DEFAULT_LIFELINES_VIEW, false)).toBe('');
    expect(decode('')).toEqual(DEFAULT_LIFELINES_VIEW);
    expect(decodeViewState('').layers.lifelines).toBe(false);
  });

  it('writes "all" for every network and restores the layer from it', () => {
    expect(encode(DEFAULT_LIFELINES_VIEW, true)).toBe('pipes=all');
    expect(decode('pipes=all')).toEqual(DEFAULT_LIFELINES_VIEW);
    // The switch is the lifelines layer's (layers/layer-registry.ts: on while `pipes=` is present).
    expect(decodeViewState('?pipes=all').layers.lifelines).toBe(true);
    expect(encodeViewState({ ...DEFAULT_VIEW_STATE, layers: { ...DEFAULT_VIEW_STATE.layers, lifelines: true } })).toBe('?pipes=all');
  });

  it('round-trips networks, age, materials, conditions, risk highlight and underground', () => {
    const v: LifelinesView = {
      filters: { networks: { water: false, storm: false, sewage: true, gas: true, power: false, telecom: false }, minAgeYears: null, maxAgeYears: 20, materials: ['PE', '铸铁'], conditions: ['危险'] },
      highlightRisk: false,
      underground: true,
    };
    const search = encode(v, true);
    expect(search).toContain('pipes=sewage%2Cgas');
    expect(search).toContain('pipeage=-20');
    expect(decode(search)).toEqual(v);
    // And through the whole view state and a real URL (Chinese values encoded).
    const url = new URL(`http://x/${encodeViewState({ ...DEFAULT_VIEW_STATE, layers: { ...DEFAULT_VIEW_STATE.layers, lifelines: true }, lifelines: v })}`);
    expect(decodeViewState(url.search).lifelines).toEqual(v);
    expect(decodeViewState(url.search).layers.lifelines).toBe(true);
  });

  it('tells "none shown" apart from "no filter"', () => {
    const none: LifelinesView = { ...DEFAULT_LIFELINES_VIEW, filters: { ...DEFAULT_LIFELINE_FILTERS, materials: [], conditions: [] } };
    expect(encode(none, true)).toBe('pipes=all&pipemat=none&pipecond=none');
    expect(decode('pipes=all&pipemat=none&pipecond=none')).toEqual(none);
    expect(Object.values(decode('pipes=none').filters.networks).every((shown) => !shown)).toBe(true);
  });

  it('keeps underground without the layer, and drops filters while the layer is off', () => {
    const v: LifelinesView = { ...DEFAULT_LIFELINES_VIEW, filters: { ...DEFAULT_LIFELINE_FILTERS, minAgeYears: 30 }, underground: true };
    expect(encode(v, false)).toBe('under=1');
    expect(decodeViewState('?under=1').layers.lifelines).toBe(false);
  });

  it('ignores bad values instead of failing', () => {
    const search = 'pipes=water,oil&pipeage=abc-999&pipecond=坏,危险&pipemat=<b>,PE&piperisk=maybe&under=yes';
    const v = decode(search);
    expect(decodeViewState(`?${search}`).layers.lifelines).toBe(true);
    expect(Object.entries(v.filters.networks).filter(([, shown]) => shown).map(([n]) => n)).toEqual(['water']);
    expect(v.filters.minAgeYears).toBeNull();
    expect(v.filters.maxAgeYears).toBeNull();
    expect(v.filters.conditions).toEqual(['危险']);
    expect(v.filters.materials).toEqual(['PE']);
    expect(v.highlightRisk).toBe(true);
    expect(v.underground).toBe(false);
  });
});
