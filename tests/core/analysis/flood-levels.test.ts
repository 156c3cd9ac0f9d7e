import { describe, expect, it } from 'vitest';
import {
  CUNTAN_WUSONG_ABOVE_1985_M,
  FLOOD_LEVEL_PRESETS,
  cuntanLevelInDemFrame,
} from '../../../src/core/analysis/flood-levels.ts';

function preset(id: string) {
  const p = FLOOD_LEVEL_PRESETS.find((q) => q.id === id);
  if (!p) throw new Error(`no preset ${id}`);
  return p;
}

describe('flood level presets', () => {
  it('orders warning < guarantee < the 1981 crest < the 2020 crest, as the sources rank them', () => {
    const warning = preset('cuntan-warning').publishedM;
    const guarantee = preset('cuntan-guarantee').publishedM;
    const c1981 = preset('cuntan-crest-1981').publishedM;
    const c2020 = preset('cuntan-crest-2020').publishedM;
    expect(warning).toBeLessThan(guarantee);
    expect(guarantee).toBeLessThan(c1981);
    // 2020 beat the station record of 1981 ("超越1939年建站以来历史极值191.41米").
    expect(c1981).toBeLessThan(c2020);
  });

  it('agrees with the published "above the guarantee level" figures of 2020-08-20', () => {
    const guarantee = preset('cuntan-guarantee').publishedM;
    // 洪峰水位191.62米(超保8.12米); 8时 191.55米,超过保证水位8.05米.
    expect(191.62 - guarantee).toBeCloseTo(8.12, 6);
    expect(191.55 - guarantee).toBeCloseTo(8.05, 6);
    expect(preset('cuntan-crest-2020').publishedM).toBe(191.62);
  });

  it('reproduces the bulletins\' own 吴淞 → 黄海 conversions at 寸滩', () => {
    // 重庆市水文监测总站 bulletins, each printing one reading on both datums.
    expect(cuntanLevelInDemFrame(167.79)).toBeCloseTo(166.3, 6);
    expect(cuntanLevelInDemFrame(175.84)).toBeCloseTo(174.35, 6);
    expect(cuntanLevelInDemFrame(163.13)).toBeCloseTo(161.64, 6);
    // And the warning level those bulletins measure against: 167.79 + 12.71, 175.84 + 4.66.
    expect(167.79 + 12.71).toBeCloseTo(preset('cuntan-warning').publishedM, 6);
    expect(175.84 + 4.66).toBeCloseTo(preset('cuntan-warning').publishedM, 6);
  });

  it('gives every preset its level in the DEM frame from its datum', () => {
    for (const p of FLOOD_LEVEL_PRESETS) {
      const expected = p.datum === 'wusong' ? p.publishedM - CUNTAN_WUSONG_ABOVE_1985_M : p.publishedM;
      expect(p.levelM, p.id).toBeCloseTo(expected, 6);
    }
  });

  it('cites every preset: publisher, title, date and address', () => {
    expect(FLOOD_LEVEL_PRESETS.length).toBeGreaterThan(0);
    expect(new Set(FLOOD_LEVEL_PRESETS.map((p) => p.id)).size).toBe(FLOOD_LEVEL_PRESETS.length);
    for (const p of FLOOD_LEVEL_PRESETS) {
      expect(p.citations.length, p.id).toBeGreaterThan(0);
      for (const c of p.citations) {
        expect(c.publisher.length, p.id).toBeGreaterThan(0);
        expect(c.title.length, p.id).toBeGreaterThan(0);
        expect(c.date, p.id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(c.url, p.id).toMatch(/^https?:\/\/[^\s]+$/);
      }
      expect(p.label.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(p.label.en).toMatch(/[A-Za-z]/);
    }
  });
});
