/**
 * The Section tool's answer along a drawn line: the ground profile (core section.ts on
 * the analysis grid), the buildings crossed with their grade, and the pipes crossed at
 * their depth (from the archive: GET /api/analysis/pipes-along); the numbers, the
 * tables and the chart's option (echarts, built here so it is tested without a canvas).
 * Pure.
 */
import type { TFunction } from 'i18next';
import { buildingsAlong, groundProfile, type CrossedBuilding, type GroundProfile } from '../../../core/analysis/section.ts';
import { formatLength } from '../../../core/analysis/measure.ts';
import { gradeInfo, type GradeOrUnappraised } from '../../../core/grades.ts';
import type { PipesAlong } from '../../../core/api/analysis-contracts.ts';
import type { AnalysisResult, Cell, SummaryLine } from '../analysis-result.ts';
import type { AnalysisScene } from '../analysis-scene.ts';
import type { ToolPoint } from '../analysis-url-state.ts';

/** A pipe the line crosses (the archive's answer, GET /api/analysis/pipes-along). */
export type CrossedPipe = PipesAlong['pipes'][number];

export interface SectionNumbers extends Record<string, Cell> {
  lengthM: number | null;
  groundMinM: number | null;
  groundMaxM: number | null;
  /** Sum of the rises along the line (m). */
  climbM: number | null;
  buildings: number | null;
  pipes: number | null;
}

export interface SectionOutcome {
  result: AnalysisResult<SectionNumbers>;
  profile: GroundProfile | null;
  crossed: (CrossedBuilding & { grade: GradeOrUnappraised })[];
  pipes: (CrossedPipe & { groundM: number | null })[];
}

/** The ground at a distance along the profile (linear between samples), or null. */
export function groundAt(profile: GroundProfile, distance: number): number | null {
  const d = profile.distance;
  if (d.length === 0 || distance < d[0]! || distance > d[d.length - 1]!) return null;
  let lo = 0, hi = d.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (d[mid]! <= distance) lo = mid;
    else hi = mid;
  }
  const t = d[hi] === d[lo] ? 0 : (distance - d[lo]!) / (d[hi]! - d[lo]!);
  const g = profile.ground[lo]! + t * (profile.ground[hi]! - profile.ground[lo]!);
  return Number.isFinite(g) ? g : null;
}

const r2 = (v: number) => Math.round(v * 100) / 100;

export function sectionResult(points: readonly ToolPoint[], scene: AnalysisScene, grades: ReadonlyMap<string, GradeOrUnappraised>, pipesIn: readonly CrossedPipe[] | null, t: TFunction, notes: readonly string[] = []): SectionOutcome {
  const n: SectionNumbers = { lengthM: null, groundMinM: null, groundMaxM: null, climbM: null, buildings: null, pipes: null };
  const allNotes = [...notes];
  const summary: SummaryLine[] = [];
  const ll = points.map(([lon, lat]) => ({ lon, lat }));
  let profile: GroundProfile | null = null;
  if (points.length < 2) allNotes.push(t('section.needPoints'));
  else if (!scene.terrain) allNotes.push(...scene.problems);
  else {
    const p = groundProfile(ll, scene.terrain);
    if (p.ok) profile = p.value;
    else allNotes.push(...p.problems.map((x) => x.message));
  }
  const crossed: SectionOutcome['crossed'] = [];
  if (points.length >= 2 && scene.buildings) {
    const c = buildingsAlong(scene.buildings, ll);
    if (c.ok) for (const b of c.value) crossed.push({ ...b, grade: grades.get(b.code) ?? null });
  }
  const pipes = (pipesIn ?? []).map((p) => ({ ...p, groundM: profile ? groundAt(profile, p.distanceM) : null }));
  if (profile) {
    let min = Infinity, max = -Infinity, climb = 0;
    for (let i = 0; i < profile.ground.length; i++) {
      const g = profile.ground[i]!;
      if (!Number.isFinite(g)) continue;
      min = Math.min(min, g);
      max = Math.max(max, g);
      const prev = profile.ground[i - 1];
      if (i > 0 && prev !== undefined && Number.isFinite(prev) && g > prev) climb += g - prev;
    }
    n.lengthM = profile.length;
    n.groundMinM = Number.isFinite(min) ? min : null;
    n.groundMaxM = Number.isFinite(max) ? max : null;
    n.climbM = climb;
    summary.push({ key: 'lengthM', label: t('section.length'), text: formatLength(profile.length) });
    if (n.groundMinM !== null) summary.push({ key: 'groundMinM', label: t('section.groundRange'), text: `${n.groundMinM.toFixed(1)} – ${n.groundMaxM!.toFixed(1)} m` });
    summary.push({ key: 'climbM', label: t('section.climb'), text: `${climb.toFixed(1)} m` });
  }
  if (points.length >= 2) {
    n.buildings = crossed.length;
    summary.push({ key: 'buildings', label: t('section.buildings'), text: String(new Set(crossed.map((c) => c.code)).size) });
    if (pipesIn) {
      n.pipes = pipes.length;
      summary.push({ key: 'pipes', label: t('section.pipes'), text: String(pipes.length) });
    }
  }
  const tables: AnalysisResult['tables'][number][] = [
    {
      name: 'buildings',
      title: t('section.buildingsTable'),
      columns: [{ key: 'code', label: t('flood.col.code') }, { key: 'grade', label: t('flood.col.grade') }, { key: 'fromM', label: t('section.from') }, { key: 'toM', label: t('section.to') }, { key: 'heightM', label: t('section.height') }],
      rows: crossed.map((c) => ({ code: c.code, grade: c.grade, fromM: r2(c.from), toM: r2(c.to), heightM: r2(c.top - c.base) })),
    },
    {
      name: 'pipes',
      title: t('section.pipesTable'),
      columns: [{ key: 'id', label: t('flood.col.pipe') }, { key: 'network', label: t('flood.col.network') }, { key: 'atM', label: t('section.at') }, { key: 'depthM', label: t('flood.col.pipeDepth') }, { key: 'installYear', label: t('section.installYear') }],
      rows: pipes.map((p) => ({ id: p.id, network: p.network, atM: r2(p.distanceM), depthM: p.depthM, installYear: p.installYear ?? null })),
    },
  ];
  const features: AnalysisResult['features'][number][] = [];
  if (points.length >= 2) features.push({ type: 'Feature', geometry: { type: 'LineString', coordinates: points.map(([lon, lat, h]) => [lon, lat, h]) }, properties: { role: 'section', ...n } });
  for (const p of pipes) features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: [p.lon, p.lat] }, properties: { role: 'pipe-crossing', id: p.id, network: p.network, depthM: p.depthM, atM: r2(p.distanceM) } });
  return { result: { tool: 'section', summary, tables, features, numbers: n, notes: allNotes }, profile, crossed, pipes };
}

/** Network colours on the chart (the lifelines layer's, src/viewer/layers/lifeline-styling.ts). */
const NETWORK_COLOURS: Record<string, string> = { water: '#2563eb', storm: '#06b6d4', sewage: '#92400e', gas: '#eab308', power: '#dc2626', telecom: '#16a34a' };

/** The echarts option: ground as a filled line, buildings as bars from base to roof in their grade's colour, pipes as points at their depth. */
export function sectionChartOption(outcome: SectionOutcome, t: TFunction): Record<string, unknown> {
  const p = outcome.profile;
  const ground: [number, number | null][] = [];
  if (p) {
    // At most ~1,500 points on the chart: a 3 km line at 2 m would be 1,500 already.
    const every = Math.max(1, Math.ceil(p.distance.length / 1500));
    for (let i = 0; i < p.distance.length; i += every) ground.push([r2(p.distance[i]!), Number.isFinite(p.ground[i]!) ? r2(p.ground[i]!) : null]);
  }
  const onChart = outcome.pipes.filter((x) => x.groundM !== null && x.depthM !== null);
  const heights = [...ground.map((g) => g[1]).filter((h): h is number => h !== null), ...outcome.crossed.map((c) => c.top), ...onChart.map((x) => x.groundM! - x.depthM!)];
  const min = heights.length ? Math.floor(Math.min(...heights) - 5) : 0;
  return {
    animation: false,
    backgroundColor: 'transparent',
    grid: { left: 48, right: 12, top: 24, bottom: 36 },
    tooltip: { trigger: 'item' },
    legend: { data: [t('section.ground'), t('section.buildings'), t('section.pipes')], textStyle: { color: '#e2e8f0' }, top: 0 },
    xAxis: { type: 'value', name: 'm', min: 0, max: p ? Math.ceil(p.length) : undefined, axisLabel: { color: '#cbd5e1' } },
    yAxis: { type: 'value', name: 'm', min, axisLabel: { color: '#cbd5e1' }, splitLine: { lineStyle: { color: 'rgba(148,163,184,0.2)' } } },
    series: [
      { name: t('section.ground'), type: 'line', data: ground, showSymbol: false, lineStyle: { color: '#a3a3a3', width: 1.5 }, areaStyle: { color: 'rgba(120,113,108,0.55)', origin: 'start' } },
      {
        name: t('section.buildings'),
        type: 'custom',
        // SectionChart.tsx puts the drawing function here (a rectangle from base to roof).
        renderItem: 'section-building',
        encode: { x: [0, 1], y: [2, 3] },
        data: outcome.crossed.map((c) => ({ value: [r2(c.from), r2(c.to), r2(c.base), r2(c.top)], name: c.code, itemStyle: { color: gradeInfo(c.grade).color } })),
      },
      {
        name: t('section.pipes'),
        type: 'scatter',
        symbolSize: 9,
        data: onChart.map((x) => ({ value: [r2(x.distanceM), r2(x.groundM! - x.depthM!)], name: `${x.id} (${x.network}, ${x.depthM} m)`, itemStyle: { color: NETWORK_COLOURS[x.network] ?? '#e2e8f0' } })),
      },
    ],
  };
}
