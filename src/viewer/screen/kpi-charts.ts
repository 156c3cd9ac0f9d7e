/**
 * The wall screen's chart options, built from `/api/stats`. Pure (no DOM, no echarts
 * instance): colours come from src/core so the charts and the map agree; text size is
 * handed in, scaled to the screen so it reads from five metres.
 */
import type { ArchiveStats, LifelineRiskCounts } from '../../core/archive-stats.ts';
import { GRADE_INFO, SAFETY_GRADES, UNAPPRAISED_INFO } from '../../core/grades.ts';
import { NETWORK_INFO, NETWORKS } from '../../core/lifelines.ts';
import { PLAN_STATUSES } from '../../core/renovation-plan.ts';
import { vocab } from '../i18n/vocabulary.ts';
import type { EChartOption } from './EChart.tsx';

export interface ChartText {
  language: string;
  /** Base font size (px) for labels. */
  fontPx: number;
  /** Translations of the series names the charts show. */
  labels: { c: string; d: string; buildings: string; segments: string };
}

const TRANSPARENT = 'rgba(0,0,0,0)';

function base(text: ChartText) {
  return { backgroundColor: TRANSPARENT, textStyle: { fontSize: text.fontPx }, animationDuration: 600 };
}

function barAxes(text: ChartText, categories: string[], horizontal: boolean) {
  const category = { type: 'category' as const, data: categories, axisLabel: { fontSize: text.fontPx, interval: 0 }, inverse: horizontal };
  const value = { type: 'value' as const, axisLabel: { fontSize: text.fontPx * 0.8 }, splitLine: { lineStyle: { color: '#333a45' } } };
  return horizontal ? { xAxis: value, yAxis: category } : { xAxis: category, yAxis: value };
}

/** Buildings by grade: a ring with A–D and not appraised. */
export function gradesChart(stats: ArchiveStats, text: ChartText): EChartOption {
  const en = text.language === 'en';
  const data = [
    ...SAFETY_GRADES.map((g) => ({ name: en ? GRADE_INFO[g].en : GRADE_INFO[g].zh, value: stats.byGrade[g], itemStyle: { color: GRADE_INFO[g].color } })),
    { name: en ? UNAPPRAISED_INFO.en : UNAPPRAISED_INFO.zh, value: stats.byGrade.unappraised, itemStyle: { color: UNAPPRAISED_INFO.color } },
  ];
  return {
    ...base(text),
    series: [
      {
        type: 'pie',
        // A smaller ring than the panel allows leaves the sides to the labels: on a 16:9
        // wall the side columns are narrow and the labels are long ("D – whole building dangerous").
        radius: ['26%', '44%'],
        center: ['50%', '50%'],
        label: {
          fontSize: text.fontPx * 0.85,
          formatter: '{b}\n{c}',
          color: '#e8eaed',
          // Labels line up at the panel's edges and wrap (never "…") to the room left beside the ring.
          alignTo: 'edge',
          edgeDistance: 4,
          overflow: 'break',
          minMargin: text.fontPx * 0.2,
          lineHeight: text.fontPx,
        },
        labelLine: { length: text.fontPx * 0.4, length2: 0, maxSurfaceAngle: 80 },
        data,
      },
    ],
  };
}

/** C and D buildings per renewal area (old communities left out: there are hundreds). */
export function areasChart(stats: ArchiveStats, text: ChartText): EChartOption {
  const areas = stats.byArea.filter((a) => a.kind !== 'old-community');
  const names = areas.map((a) => (text.language === 'en' ? a.nameEn : a.name));
  const series = (['C', 'D'] as const).map((g) => ({
    type: 'bar' as const,
    name: g === 'C' ? text.labels.c : text.labels.d,
    stack: 'cd',
    data: areas.map((a) => a.byGrade[g]),
    itemStyle: { color: GRADE_INFO[g].color },
    label: { show: false },
  }));
  return {
    ...base(text),
    legend: { top: 0, textStyle: { fontSize: text.fontPx * 0.9 } },
    grid: { left: 8, right: 16, top: text.fontPx * 2.2, bottom: 4, containLabel: true },
    ...barAxes({ ...text, fontPx: text.fontPx * 0.8 }, names, true),
    series,
  };
}

/** Renovation plans by status, in the order a plan goes through them. */
export function plansChart(stats: ArchiveStats, text: ChartText): EChartOption {
  return {
    ...base(text),
    grid: { left: 8, right: 8, top: text.fontPx * 1.6, bottom: 4, containLabel: true },
    ...barAxes({ ...text, fontPx: text.fontPx * 0.8 }, PLAN_STATUSES.map((s) => vocab('status', s, text.language)), false),
    series: [
      {
        type: 'bar',
        data: PLAN_STATUSES.map((s) => stats.byPlanStatus[s] ?? 0),
        itemStyle: { color: '#4f8cff' },
        label: { show: true, position: 'top', fontSize: text.fontPx * 0.9, color: '#e8eaed' },
      },
    ],
  };
}

/** At-risk pipe segments by network; only called when the archive reports lifelines. */
export function lifelinesChart(lifelines: LifelineRiskCounts, text: ChartText): EChartOption {
  const en = text.language === 'en';
  return {
    ...base(text),
    grid: { left: 8, right: 8, top: text.fontPx * 1.6, bottom: 4, containLabel: true },
    ...barAxes({ ...text, fontPx: text.fontPx * 0.8 }, NETWORKS.map((n) => (en ? NETWORK_INFO[n].en : NETWORK_INFO[n].zh)), false),
    series: [
      {
        type: 'bar',
        name: text.labels.segments,
        data: NETWORKS.map((n) => ({ value: lifelines.byNetwork[n] ?? 0, itemStyle: { color: NETWORK_INFO[n].color } })),
        label: { show: true, position: 'top', fontSize: text.fontPx * 0.9, color: '#e8eaed' },
      },
    ],
  };
}
