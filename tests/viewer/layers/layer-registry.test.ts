/**
 * The layer registry is the one list: every core layer id once, the tour flags equal
 * to the tour schema's ids, URL parameters that no two layers share, and the defaults
 * the URL state leaves out.
 */
import { describe, expect, it } from 'vitest';
import { LAYER_IDS, TOUR_LAYER_IDS } from '../../../src/core/layer-ids.ts';
import { TourStepSchema } from '../../../src/core/tour-schema.ts';
import { DEFAULT_LAYERS, LAYERS } from '../../../src/viewer/layers/layer-registry.ts';
import { decodeViewState, DEFAULT_VIEW_STATE, encodeViewState } from '../../../src/viewer/state/url-state.ts';

describe('layer registry', () => {
  it('lists every core layer id once, in order', () => {
    expect(LAYERS.map((l) => l.id)).toEqual([...LAYER_IDS]);
  });

  it('lets tours switch exactly the layers the tour schema accepts', () => {
    expect(LAYERS.filter((l) => l.tours).map((l) => l.id)).toEqual([...TOUR_LAYER_IDS]);
    for (const l of LAYERS) expect(TourStepSchema.shape.layers.safeParse([l.id]).success).toBe(l.tours);
  });

  it('gives each own URL parameter to one layer only, and labels every layer in both languages', () => {
    const params = LAYERS.flatMap((l) => (l.url.kind === 'own' ? l.url.params : []));
    expect(new Set(params).size).toBe(params.length);
    expect(params).not.toContain('layers');
    for (const l of LAYERS) expect(l.label['zh-CN'].length * l.label.en.length).toBeGreaterThan(0);
  });

  it('round-trips every single layer switch through the URL, and the defaults stay out of it', () => {
    expect(encodeViewState({ ...DEFAULT_VIEW_STATE, layers: { ...DEFAULT_LAYERS } })).toBe('');
    for (const l of LAYERS) {
      const layers = { ...DEFAULT_LAYERS, [l.id]: !DEFAULT_LAYERS[l.id] };
      const search = encodeViewState({ ...DEFAULT_VIEW_STATE, layers });
      expect(search).not.toBe('');
      expect(decodeViewState(search).layers).toEqual(layers);
    }
  });
});
