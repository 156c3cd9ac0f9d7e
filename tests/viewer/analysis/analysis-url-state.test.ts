import { describe, expect, it } from 'vitest';
import { decodeAnalysisView, encodeAnalysisView, MAX_TOOL_POINTS, openTool, type AnalysisView } from '../../../src/viewer/analysis/analysis-url-state.ts';
import { ANALYSIS_TOOL_INFO, TOOLBAR_ORDER, toolForKey } from '../../../src/viewer/analysis/analysis-tools.ts';
import { decodeViewState, DEFAULT_VIEW_STATE, encodeViewState } from '../../../src/viewer/state/url-state.ts';

const roundTrip = (view: AnalysisView | null) => {
  const q = new URLSearchParams();
  encodeAnalysisView(view, q);
  return { text: q.toString(), back: decodeAnalysisView(new URLSearchParams(q.toString())) };
};

describe('analysis tool in the URL', () => {
  it('round-trips every tool with its inputs', () => {
    const views: AnalysisView[] = [
      { tool: 'measure', mode: 'area', points: [[106.5701234, 29.5601234, 245.25], [106.571, 29.561, 250], [106.5705, 29.5615, 251.5]] },
      { tool: 'measure', mode: 'line', points: [] },
      { tool: 'sightline', points: [[106.57, 29.56, 200], [106.58, 29.565, 260.5]], observerHeight: 30, radius: 500 },
      { tool: 'flood', level: 183.5 },
      { tool: 'sun', date: '2027-01-20', time: '10:30', building: 'YZ-00001', mode: 'building', points: [] },
      { tool: 'sun', date: '2027-12-22', time: '09:05', building: null, mode: 'area', points: [[106.57, 29.56, 200], [106.571, 29.56, 201], [106.571, 29.561, 202]] },
    ];
    for (const view of views) {
      const { back } = roundTrip(view);
      // Points are kept to 6 decimals (~0.1 m) and heights to 1 cm.
      if (view.tool === 'measure' && back?.tool === 'measure') {
        expect(back.mode).toBe(view.mode);
        back.points.forEach((p, i) => {
          expect(p[0]).toBeCloseTo(view.points[i]![0], 6);
          expect(p[2]).toBeCloseTo(view.points[i]![2], 2);
        });
      } else expect(back).toEqual(view);
    }
  });

  it('leaves defaults and a closed tool out of the URL', () => {
    expect(roundTrip(null).text).toBe('');
    expect(roundTrip(openTool('measure')).text).toBe('tool=measure');
    expect(roundTrip(openTool('sightline')).text).toBe('tool=sightline');
    expect(encodeViewState(DEFAULT_VIEW_STATE)).toBe('');
  });

  it('drops what a hand-edited link gets wrong instead of failing', () => {
    expect(decodeAnalysisView(new URLSearchParams('tool=nuke'))).toBeNull();
    const m = decodeAnalysisView(new URLSearchParams('tool=measure&tp=106.57,29.56,200;abc;106.58,29.56;999,0,0;106.59,29.57,210'));
    expect(m).toEqual({ tool: 'measure', mode: 'line', points: [[106.57, 29.56, 200], [106.59, 29.57, 210]] });
    expect(decodeAnalysisView(new URLSearchParams('tool=flood&tl=9999'))).toEqual({ tool: 'flood', level: null });
    expect(decodeAnalysisView(new URLSearchParams('tool=sun&td=2027-13-01&tt=25:00&tb=bad&tm=x'))).toEqual({ tool: 'sun', date: null, time: null, building: null, mode: 'building', points: [] });
    expect(decodeAnalysisView(new URLSearchParams('tool=sightline&toh=-3&tr=5'))).toEqual({ tool: 'sightline', points: [], observerHeight: 1.6, radius: null });
    const many = Array.from({ length: MAX_TOOL_POINTS + 50 }, (_, i) => `106.5,29.5,${i}`).join(';');
    const long = decodeAnalysisView(new URLSearchParams(`tool=measure&tp=${many}`));
    expect(long?.tool === 'measure' && long.points.length).toBe(MAX_TOOL_POINTS);
  });

  it('is part of the view: a copied link reopens the tool, and other parameters pass through', () => {
    const search = encodeViewState({ ...DEFAULT_VIEW_STATE, selected: 'YZ-00002', analysis: { tool: 'flood', level: 190.2 } }, new URLSearchParams('basemap=osm&tool=measure&tp=1,2,3'));
    const q = new URLSearchParams(search);
    expect(q.get('tool')).toBe('flood');
    expect(q.get('tl')).toBe('190.20');
    expect(q.get('tp')).toBeNull();
    expect(q.get('basemap')).toBe('osm');
    expect(decodeViewState(search).analysis).toEqual({ tool: 'flood', level: 190.2 });
  });
});

describe('toolbar entries', () => {
  it('give every tool an icon and a distinct shortcut that opens it', () => {
    const keys = TOOLBAR_ORDER.map((id) => ANALYSIS_TOOL_INFO[id].key);
    expect(new Set(keys).size).toBe(TOOLBAR_ORDER.length);
    for (const id of TOOLBAR_ORDER) {
      expect(ANALYSIS_TOOL_INFO[id].icon).toMatch(/^M/);
      expect(toolForKey(ANALYSIS_TOOL_INFO[id].key.toUpperCase())).toBe(id);
    }
    expect(toolForKey('q')).toBeNull();
  });
});
