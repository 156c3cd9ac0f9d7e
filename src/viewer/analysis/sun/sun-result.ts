/**
 * The Sunlight tool's answer: the sun's azimuth and elevation over Yuzhong at the chosen
 * instant (astronomy-engine via core sun-position.ts) and, for the chosen building, the
 * sun hours of its surroundings (sun-hours-job.ts): the share of ground and facade
 * points below 1 h and 2 h, the facade's best and worst, and whether its ground-floor
 * facade falls short of the 2 h of 大寒日 because of what stands around it. Pure.
 */
import type { TFunction } from 'i18next';
import { createEnuFrame } from '../../../core/analysis/geodesy.ts';
import { chinaStandardDate, CHINA_STANDARD_OFFSET_MS, solarTerm, type CalendarDate } from '../../../core/analysis/solar-terms.ts';
import { sunPosition } from '../../../core/analysis/sun-position.ts';
import type { BuildingPickIndex } from '../../../core/building-pick-index.ts';
import type { AnalysisResult, Cell, SummaryLine } from '../analysis-result.ts';
import type { AnalysisView } from '../analysis-url-state.ts';
import type { SunHoursAnswer, SunHoursRequest } from './sun-hours-job.ts';

/** Where the sun is computed when no building is chosen: 解放碑, the district's centre. */
export const YUZHONG_CENTRE = { lon: 106.5772, lat: 29.5572 } as const;
export const DEFAULT_TIME = '12:00';

export interface SunNumbers extends Record<string, Cell> {
  /** UTC milliseconds of the shadows' instant. */
  instant: number;
  azimuthDeg: number | null;
  elevationDeg: number | null;
  building: string | null;
  points: number | null;
  groundBelow1h: number | null;
  groundBelow2h: number | null;
  facadeBelow2h: number | null;
  facadeMinHours: number | null;
  facadeMaxHours: number | null;
  /** The ground-floor facade falls short of the threshold because of its surroundings. */
  facadeShort: boolean | null;
  /** Residential buildings (an area: those in it) whose ground-floor facade falls short. */
  shortBuildings: number | null;
  windowStartUtc: number | null;
  windowEndUtc: number | null;
  computeMs: number | null;
}

const pad = (n: number) => String(n).padStart(2, '0');
export const formatDate = (d: CalendarDate) => `${d.year}-${pad(d.month)}-${pad(d.day)}`;

export function parseDate(text: string): CalendarDate {
  const [year, month, day] = text.split('-').map(Number) as [number, number, number];
  return { year, month, day };
}

/** The day the tool opens on: this year's 大寒 (the standard's day). */
export function defaultSunDate(now: number = Date.now()): string {
  const year = chinaStandardDate(now).year;
  const m = solarTerm('major-cold', year);
  return m.ok ? formatDate(m.value.date) : `${year}-01-20`;
}

/** UTC milliseconds of a China Standard Time day and HH:MM. */
export function chinaInstant(date: string, time: string): number {
  const d = parseDate(date);
  const [h, m] = time.split(':').map(Number) as [number, number];
  return Date.UTC(d.year, d.month - 1, d.day, h, m) - CHINA_STANDARD_OFFSET_MS;
}

const share = (v: number) => `${(v * 100).toFixed(1)} %`;
const hoursText = (h: number) => `${h.toFixed(2)} h`;
const clock = (utc: number) => {
  const d = new Date(utc + CHINA_STANDARD_OFFSET_MS);
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
};

export function sunResult(date: string, time: string, answer: SunHoursAnswer | null, index: BuildingPickIndex | null, t: TFunction, notes: readonly string[] = []): AnalysisResult<SunNumbers> {
  const instant = chinaInstant(date, time);
  const where = answer?.centre ?? YUZHONG_CENTRE;
  const sun = sunPosition(where.lon, where.lat, instant);
  const n: SunNumbers = { instant, azimuthDeg: null, elevationDeg: null, building: answer?.code ?? null, points: null, groundBelow1h: null, groundBelow2h: null, facadeBelow2h: null, facadeMinHours: null, facadeMaxHours: null, facadeShort: null, shortBuildings: null, windowStartUtc: null, windowEndUtc: null, computeMs: null };
  const summary: SummaryLine[] = [];
  if (sun.ok) {
    n.azimuthDeg = sun.value.azimuth;
    n.elevationDeg = sun.value.elevation;
    summary.push({ key: 'azimuthDeg', label: t('sun.azimuth'), text: `${sun.value.azimuth.toFixed(1)}°` });
    summary.push({ key: 'elevationDeg', label: t('sun.elevation'), text: `${sun.value.elevation.toFixed(1)}°` });
  }
  const tables: AnalysisResult['tables'][number][] = [];
  const features: AnalysisResult['features'][number][] = [];
  if (answer) {
    const { samples, result } = answer;
    n.points = result.hours.length;
    n.groundBelow1h = result.shares.ground.belowOneHour;
    n.groundBelow2h = result.shares.ground.belowTwoHours;
    n.facadeBelow2h = result.shares.facade.belowTwoHours;
    n.windowStartUtc = answer.window.start;
    n.windowEndUtc = answer.window.end;
    n.computeMs = Math.round(answer.ms);
    let fMin = Infinity, fMax = -Infinity;
    for (let p = 0; p < samples.buildings.length; p++) {
      if (samples.buildings[p]! < 0) continue;
      fMin = Math.min(fMin, result.hours[p]!);
      fMax = Math.max(fMax, result.hours[p]!);
    }
    n.facadeMinHours = Number.isFinite(fMin) ? fMin : null;
    n.facadeMaxHours = Number.isFinite(fMax) ? fMax : null;
    n.facadeShort = answer.code === null ? null : answer.shortfall !== null;
    n.shortBuildings = answer.shortfalls.length;
    const termName = answer.term ? t(`sun.terms.${answer.term}`) : date;
    summary.push({ key: 'building', label: t('sun.building'), text: answer.code ?? t('sun.area') });
    summary.push({ key: 'window', label: t('sun.window'), text: `${termName} ${answer.window.startHour}–${answer.window.endHour} ${t('sun.apparent')} (${clock(answer.window.start)}–${clock(answer.window.end)})` });
    summary.push({ key: 'groundBelow1h', label: t('sun.groundBelow1h'), text: share(n.groundBelow1h) });
    summary.push({ key: 'groundBelow2h', label: t('sun.groundBelow2h'), text: share(n.groundBelow2h) });
    if (n.facadeMinHours !== null) summary.push({ key: 'facadeMinHours', label: t('sun.facadeRange'), text: `${hoursText(n.facadeMinHours)} – ${hoursText(n.facadeMaxHours!)}` });
    if (answer.code !== null) summary.push({ key: 'facadeShort', label: t('sun.facadeShort'), text: n.facadeShort ? t('sun.short', { short: answer.shortfall!.short, points: answer.shortfall!.couldMeet }) : t('sun.meets') });
    else summary.push({ key: 'shortBuildings', label: t('sun.shortBuildings'), text: String(n.shortBuildings) });
    tables.push({
      name: 'shortfalls',
      title: t('sun.shortTable'),
      columns: [{ key: 'code', label: t('flood.col.code') }, { key: 'short', label: t('sun.shortPoints') }, { key: 'bestHours', label: t('sun.bestHours') }],
      rows: answer.shortfalls.map((s) => ({ code: s.code, short: `${s.short}/${s.couldMeet}`, bestHours: Math.round(s.bestHours * 100) / 100 })),
    });
    summary.push({ key: 'computeMs', label: t('sun.computeMs'), text: `${n.computeMs} ms · ${n.points} ${t('sun.pointsUnit')}` });
    const frame = index ? createEnuFrame([index.origin.lon, index.origin.lat, index.origin.height]) : null;
    const rows: Record<string, Cell>[] = [];
    for (let p = 0; p < samples.buildings.length; p++) {
      const g = frame ? frame.toGeodetic(samples.positions[3 * p]!, samples.positions[3 * p + 1]!, samples.positions[3 * p + 2]!) : null;
      const kind = samples.buildings[p]! < 0 ? 'ground' : 'facade';
      const hours = Math.round(result.hours[p]! * 100) / 100;
      rows.push({ index: p + 1, kind, hours, lon: g ? Number(g.lon.toFixed(7)) : null, lat: g ? Number(g.lat.toFixed(7)) : null, height: g ? Number(g.height.toFixed(2)) : null });
      if (g) features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: [g.lon, g.lat, g.height] }, properties: { kind, hours, possibleHours: Math.round(result.possibleHours[p]! * 100) / 100, below2h: result.failed[p] === 1 } });
    }
    tables.push({ name: 'points', title: t('sun.pointsTable'), columns: [{ key: 'index', label: '#' }, { key: 'kind', label: t('sun.kind') }, { key: 'hours', label: t('sun.hours') }, { key: 'lon', label: 'lon' }, { key: 'lat', label: 'lat' }, { key: 'height', label: 'h (m)' }], rows });
  }
  return { tool: 'sun', summary, tables, features, numbers: n, notes: [...notes] };
}

/** The worker's request for the view: one building, or the outline with the residential buildings known. */
export function sunRequest(view: Extract<AnalysisView, { tool: 'sun' }>, date: string, codes: readonly string[], useOf: (code: string) => string | null): SunHoursRequest {
  const day = parseDate(date);
  if (view.mode !== 'area') return { code: view.building ?? '', date: day };
  return { ring: view.points.map(([lon, lat]) => [lon, lat] as const), residential: codes.filter((c) => useOf(c) === '住宅'), date: day };
}
