/**
 * The wall's grades ring: every label whole (wrapped, never truncated with "...") and
 * inside its panel, at the panel sizes of a 16:9 wall at 4K and 1080p and a 32:9 wall,
 * in both languages. Laid out by echarts itself (server-side rendering) with real text
 * measurement from @napi-rs/canvas.
 */
import { createCanvas } from '@napi-rs/canvas';
import * as echarts from 'echarts';
import { describe, expect, it } from 'vitest';
import type { ArchiveStats } from '../../../src/core/archive-stats.ts';
import { gradesChart } from '../../../src/viewer/screen/kpi-charts.ts';

echarts.setPlatformAPI({ createCanvas: () => createCanvas(1, 1) as unknown as HTMLCanvasElement });

const stats = {
  version: 1,
  buildings: 12_012,
  byGrade: { A: 7032, B: 2829, C: 1164, D: 382, unappraised: 605 },
  byPlanStatus: { 待评估: 0, 已立项: 0, 设计中: 0, 施工中: 0, 已完成: 0 },
  byArea: [],
  inspectionsThisMonth: 0,
  month: '2026-11',
} satisfies ArchiveStats;

// Chart area of the grades panel (width × height) and the screen's label size (use-screen-font.ts).
const PANELS = [
  { wall: '16:9 4K', width: 862, height: 875, fontPx: 41 },
  { wall: '16:9 1080p', width: 431, height: 430, fontPx: 21 },
  { wall: '32:9 3840×1080', width: 580, height: 430, fontPx: 21 },
];

interface LabelEl {
  getTextContent(): { getBoundingRect(): { clone(): Rect }; getComputedTransform(): number[] | null };
}
interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
  applyTransform(m: number[] | null): void;
  intersect(other: Rect): boolean;
}

describe('the grades ring on the wall screen', () => {
  for (const panel of PANELS) {
    for (const language of ['zh-CN', 'en']) {
      it(`${panel.wall}, ${language}: labels whole and inside the panel, not on top of each other`, () => {
        const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: panel.width, height: panel.height });
        try {
          const option = gradesChart(stats, { language, fontPx: panel.fontPx, labels: { c: 'C', d: 'D', buildings: '栋', segments: '段' } });
          chart.setOption({ ...(option as object), animation: false });
          const texts = [...chart.renderToSVGString().matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!);
          expect(texts.length).toBeGreaterThanOrEqual(10);
          expect(texts.filter((t) => t.includes('...') || t.includes('…'))).toEqual([]);
          // Every count shows in full.
          for (const n of Object.values(stats.byGrade)) expect(texts).toContain(String(n));

          const data = (chart as unknown as { getModel(): { getSeriesByIndex(i: number): { getData(): { count(): number; getItemGraphicEl(i: number): LabelEl } } } })
            .getModel()
            .getSeriesByIndex(0)
            .getData();
          const rects: Rect[] = [];
          for (let i = 0; i < data.count(); i++) {
            const label = data.getItemGraphicEl(i).getTextContent();
            const r = label.getBoundingRect().clone();
            r.applyTransform(label.getComputedTransform());
            expect(r.x).toBeGreaterThanOrEqual(0);
            expect(r.y).toBeGreaterThanOrEqual(0);
            expect(r.x + r.width).toBeLessThanOrEqual(panel.width);
            expect(r.y + r.height).toBeLessThanOrEqual(panel.height);
            for (const other of rects) expect(r.intersect(other)).toBe(false);
            rects.push(r);
          }
        } finally {
          chart.dispose();
        }
      });
    }
  }
});
