/**
 * The analysis tool in the URL (issue 18): which tool is open and its inputs, so a
 * copied link reproduces the measurement, the sightline, the flood level or the sun
 * hours. Pure encode/decode (unit-tested); url-state.ts composes it with the view.
 *
 * Parameters (only while a tool is open; absent = no tool):
 *   tool=measure|sightline|flood|sun|excavate|section   the open tool
 *   tm=line|area                           measure: a line (distances) or a polygon (areas)
 *   tp=lon,lat,h;lon,lat,h…                the tool's points (degrees, ellipsoid metres; 6 and 2 decimals:
 *                                          ~0.1 m and 1 cm, below a click's own precision)
 *   toh=1.6                                sightline: observer's eye above the ground (m)
 *   tr=300                                 sightline: viewshed radius (m); absent = no viewshed
 *   tl=183.50                              flood: water level (m, the DEM's frame)
 *   td=2027-01-20  tt=10:30                sun: day and China Standard Time of the shadows
 *   tb=YZ-00001                            sun: the building whose sun hours are counted
 *   tm=area                                sun: a drawn area (its outline in tp) instead of one building
 *   tz=5                                   excavate: the pit's depth below the ground (m)
 * Excavate's `tp` is the pit's outline, Section's the line drawn.
 */
import { isBuildingCode } from '../../core/building-code.ts';

export const ANALYSIS_TOOLS = ['measure', 'sightline', 'excavate', 'section', 'flood', 'sun'] as const;
export type AnalysisToolId = (typeof ANALYSIS_TOOLS)[number];

/** A clicked point: degrees and ellipsoid metres. */
export type ToolPoint = readonly [lon: number, lat: number, height: number];

export type MeasureMode = 'line' | 'area';
/** Sun hours around one chosen building, or over a drawn area (with its buildings' walls). */
export type SunMode = 'building' | 'area';

export type AnalysisView =
  | { tool: 'measure'; mode: MeasureMode; points: readonly ToolPoint[] }
  | { tool: 'sightline'; points: readonly ToolPoint[]; observerHeight: number; radius: number | null }
  | { tool: 'flood'; level: number | null }
  | { tool: 'sun'; date: string | null; time: string | null; building: string | null; mode: SunMode; points: readonly ToolPoint[] }
  | { tool: 'excavate'; points: readonly ToolPoint[]; depth: number }
  | { tool: 'section'; points: readonly ToolPoint[] };

/** The parameters this module owns (url-state.ts drops them from what it carries through). */
export const ANALYSIS_PARAMS = ['tool', 'tm', 'tp', 'toh', 'tr', 'tl', 'td', 'tt', 'tb', 'tz'] as const;

/** At most this many points in a link: a polygon of 200 corners is a survey, not a sketch. */
export const MAX_TOOL_POINTS = 200;
export const DEFAULT_OBSERVER_HEIGHT_M = 1.6;
/** A utility trench or a basement's first level. */
export const DEFAULT_PIT_DEPTH_M = 5;
export const PIT_DEPTH_RANGE: readonly [number, number] = [0.5, 60];
/** Levels outside this band are typing errors for a city at 160–450 m. */
export const FLOOD_LEVEL_RANGE: readonly [number, number] = [100, 400];

const round = (v: number, digits: number) => Number(v.toFixed(digits));

/** A point as the URL keeps it (6 decimals of a degree, 1 cm): tools store points this way, so a copied link computes the same. */
export function roundPoint([lon, lat, h]: ToolPoint): ToolPoint {
  return [round(lon, 6), round(lat, 6), round(h, 2)];
}

function decodePoints(text: string | null): ToolPoint[] {
  if (!text) return [];
  const out: ToolPoint[] = [];
  for (const part of text.split(';').slice(0, MAX_TOOL_POINTS)) {
    const n = part.split(',').map(Number);
    if (n.length !== 3 || n.some((v) => !Number.isFinite(v))) continue;
    const [lon, lat, h] = n as [number, number, number];
    if (Math.abs(lon) > 180 || Math.abs(lat) > 90 || Math.abs(h) > 1e5) continue;
    out.push([lon, lat, h]);
  }
  return out;
}

function encodePoints(points: readonly ToolPoint[]): string {
  return points.map(([lon, lat, h]) => `${round(lon, 6)},${round(lat, 6)},${round(h, 2)}`).join(';');
}

function decodeNumber(text: string | null, min: number, max: number): number | null {
  if (text === null || text.trim() === '') return null;
  const n = Number(text);
  return Number.isFinite(n) && n >= min && n <= max ? n : null;
}

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export function decodeAnalysisView(q: URLSearchParams): AnalysisView | null {
  const tool = q.get('tool');
  switch (tool) {
    case 'measure':
      return { tool, mode: q.get('tm') === 'area' ? 'area' : 'line', points: decodePoints(q.get('tp')) };
    case 'sightline':
      return {
        tool,
        points: decodePoints(q.get('tp')).slice(0, 2),
        observerHeight: decodeNumber(q.get('toh'), 0, 500) ?? DEFAULT_OBSERVER_HEIGHT_M,
        radius: decodeNumber(q.get('tr'), 10, 5000),
      };
    case 'flood':
      return { tool, level: decodeNumber(q.get('tl'), ...FLOOD_LEVEL_RANGE) };
    case 'sun': {
      const date = q.get('td'), time = q.get('tt'), building = q.get('tb');
      return {
        tool,
        date: date && DATE.test(date) ? date : null,
        time: time && TIME.test(time) ? time : null,
        building: isBuildingCode(building) ? building : null,
        mode: q.get('tm') === 'area' ? 'area' : 'building',
        points: decodePoints(q.get('tp')),
      };
    }
    case 'excavate':
      return { tool, points: decodePoints(q.get('tp')), depth: decodeNumber(q.get('tz'), ...PIT_DEPTH_RANGE) ?? DEFAULT_PIT_DEPTH_M };
    case 'section':
      return { tool, points: decodePoints(q.get('tp')) };
    default:
      return null;
  }
}

export function encodeAnalysisView(view: AnalysisView | null, q: URLSearchParams): void {
  if (!view) return;
  q.set('tool', view.tool);
  switch (view.tool) {
    case 'measure':
      if (view.mode !== 'line') q.set('tm', view.mode);
      if (view.points.length > 0) q.set('tp', encodePoints(view.points));
      break;
    case 'sightline':
      if (view.points.length > 0) q.set('tp', encodePoints(view.points));
      if (view.observerHeight !== DEFAULT_OBSERVER_HEIGHT_M) q.set('toh', String(round(view.observerHeight, 2)));
      if (view.radius !== null) q.set('tr', String(Math.round(view.radius)));
      break;
    case 'flood':
      if (view.level !== null) q.set('tl', view.level.toFixed(2));
      break;
    case 'sun':
      if (view.date) q.set('td', view.date);
      if (view.time) q.set('tt', view.time);
      if (view.building) q.set('tb', view.building);
      if (view.mode === 'area') q.set('tm', 'area');
      if (view.points.length > 0) q.set('tp', encodePoints(view.points));
      break;
    case 'excavate':
      if (view.points.length > 0) q.set('tp', encodePoints(view.points));
      if (view.depth !== DEFAULT_PIT_DEPTH_M) q.set('tz', String(round(view.depth, 2)));
      break;
    case 'section':
      if (view.points.length > 0) q.set('tp', encodePoints(view.points));
      break;
  }
}

/** A freshly opened tool: no points, the defaults. */
export function openTool(tool: AnalysisToolId): AnalysisView {
  switch (tool) {
    case 'measure':
      return { tool, mode: 'line', points: [] };
    case 'sightline':
      return { tool, points: [], observerHeight: DEFAULT_OBSERVER_HEIGHT_M, radius: null };
    case 'flood':
      return { tool, level: null };
    case 'sun':
      return { tool, date: null, time: null, building: null, mode: 'building', points: [] };
    case 'excavate':
      return { tool, points: [], depth: DEFAULT_PIT_DEPTH_M };
    case 'section':
      return { tool, points: [] };
  }
}
