/**
 * The Flood tool's answer at a level: the water (the river-connected cells below the
 * level, computed here on the analysis grid with core floodFill, for the map) and the
 * lists the archive API answers (GET /api/analysis/flood: the buildings whose door is
 * under water with address, grade, plan and depth, counted by grade and renewal area;
 * the pipe segments under water) — the same route the wall screen and a report use, so
 * they agree. Pure.
 */
import type { TFunction } from 'i18next';
import { floodFill, type FloodMap } from '../../../core/analysis/flood.ts';
import { formatArea, formatLength } from '../../../core/analysis/measure.ts';
import type { AnalysisResult, Cell, SummaryLine } from '../analysis-result.ts';
import type { AnalysisScene } from '../analysis-scene.ts';

/** What the archive's flood route answers (src/core/api/analysis-contracts.ts, FloodReportSchema). */
export interface FloodReportLike {
  level: number;
  floodedAreaM2: number;
  maxDepthM: number;
  buildings: readonly { code: string; address: string | null; grade: string | null; plan: string | null; areaId: string | null; areaName: string | null; groundM: number; depthM: number }[];
  byGrade: readonly { key: string | null; count: number }[];
  byArea: readonly { key: string | null; name?: string | null; count: number }[];
  pipes: readonly { id: string; network: string | null; depthM: number | null; lengthM: number; floodedLengthM: number; maxWaterDepthM: number }[];
  totalFloodedLengthM: number;
}

export interface FloodNumbers extends Record<string, Cell> {
  level: number | null;
  floodedAreaM2: number | null;
  maxDepthM: number | null;
  buildings: number | null;
  /** Buildings under water by grade: A, B, C, D and not appraised. */
  gradeA: number | null;
  gradeB: number | null;
  gradeC: number | null;
  gradeD: number | null;
  gradeNone: number | null;
  pipes: number | null;
  pipesFloodedLengthM: number | null;
}

const r2 = (v: number) => Math.round(v * 100) / 100;

export function floodResult(level: number | null, map: FloodMap | null, report: FloodReportLike | null, t: TFunction, notes: readonly string[] = []): AnalysisResult<FloodNumbers> {
  const n: FloodNumbers = { level, floodedAreaM2: null, maxDepthM: null, buildings: null, gradeA: null, gradeB: null, gradeC: null, gradeD: null, gradeNone: null, pipes: null, pipesFloodedLengthM: null };
  const summary: SummaryLine[] = [];
  const allNotes = [...notes];
  if (level === null) allNotes.push(t('flood.needLevel'));
  else summary.push({ key: 'level', label: t('flood.level'), text: `${level.toFixed(2)} m` });
  const area = report?.floodedAreaM2 ?? map?.areaM2 ?? null;
  const depth = report?.maxDepthM ?? map?.maxDepthM ?? null;
  if (level !== null && area !== null) {
    n.floodedAreaM2 = area;
    n.maxDepthM = depth;
    summary.push({ key: 'floodedAreaM2', label: t('flood.area'), text: formatArea(area) });
    if (depth !== null) summary.push({ key: 'maxDepthM', label: t('flood.maxDepth'), text: `${depth.toFixed(2)} m` });
  }
  const tables: AnalysisResult['tables'][number][] = [];
  const features: AnalysisResult['features'][number][] = [];
  if (report) {
    n.buildings = report.buildings.length;
    const byGrade = new Map(report.byGrade.map((g) => [g.key, g.count]));
    n.gradeA = byGrade.get('A') ?? 0;
    n.gradeB = byGrade.get('B') ?? 0;
    n.gradeC = byGrade.get('C') ?? 0;
    n.gradeD = byGrade.get('D') ?? 0;
    n.gradeNone = byGrade.get(null) ?? 0;
    n.pipes = report.pipes.length;
    n.pipesFloodedLengthM = report.totalFloodedLengthM;
    summary.push({ key: 'buildings', label: t('flood.buildings'), text: `${report.buildings.length} (A ${n.gradeA} · B ${n.gradeB} · C ${n.gradeC} · D ${n.gradeD} · ${t('flood.noGrade')} ${n.gradeNone})` });
    summary.push({ key: 'pipes', label: t('flood.pipes'), text: `${report.pipes.length} · ${formatLength(report.totalFloodedLengthM)}` });
    tables.push({
      name: 'buildings',
      title: t('flood.buildingsTable'),
      columns: [
        { key: 'code', label: t('flood.col.code') },
        { key: 'address', label: t('flood.col.address') },
        { key: 'grade', label: t('flood.col.grade') },
        { key: 'depthM', label: t('flood.col.depth') },
        { key: 'groundM', label: t('flood.col.ground') },
        { key: 'area', label: t('flood.col.area') },
        { key: 'plan', label: t('flood.col.plan') },
      ],
      rows: report.buildings.map((b) => ({ code: b.code, address: b.address, grade: b.grade, depthM: r2(b.depthM), groundM: r2(b.groundM), area: b.areaName ?? b.areaId, plan: b.plan })),
    });
    tables.push({
      name: 'areas',
      title: t('flood.byArea'),
      columns: [{ key: 'area', label: t('flood.col.area') }, { key: 'count', label: t('flood.col.count') }],
      rows: report.byArea.map((a) => ({ area: a.name ?? a.key ?? t('flood.noArea'), count: a.count })),
    });
    tables.push({
      name: 'pipes',
      title: t('flood.pipesTable'),
      columns: [
        { key: 'id', label: t('flood.col.pipe') },
        { key: 'network', label: t('flood.col.network') },
        { key: 'floodedLengthM', label: t('flood.col.floodedLength') },
        { key: 'lengthM', label: t('flood.col.length') },
        { key: 'maxWaterDepthM', label: t('flood.col.waterDepth') },
        { key: 'depthM', label: t('flood.col.pipeDepth') },
      ],
      rows: report.pipes.map((p) => ({ id: p.id, network: p.network, floodedLengthM: r2(p.floodedLengthM), lengthM: r2(p.lengthM), maxWaterDepthM: r2(p.maxWaterDepthM), depthM: p.depthM })),
    });
  }
  if (map?.bounds && level !== null) {
    features.push({ type: 'Feature', geometry: { type: 'MultiPolygon', coordinates: waterPolygons(map) }, properties: { role: 'water', level, floodedAreaM2: n.floodedAreaM2, maxDepthM: n.maxDepthM, buildings: n.buildings, pipes: n.pipes } });
  }
  return { tool: 'flood', summary, tables, features, numbers: n, notes: allNotes };
}

/** The water as one rectangle per run of flooded cells (exact: the cells are the squares around the samples). */
export function waterPolygons(map: FloodMap): number[][][][] {
  const { west, north, dx, dy } = map.grid;
  const out: number[][][][] = [];
  const q = (v: number) => Math.round(v * 1e7) / 1e7;
  for (let k = 0; k < map.runs.length; k += 3) {
    const row = map.runs[k]!, c0 = map.runs[k + 1]!, c1 = map.runs[k + 2]!;
    const w = q(west + (c0 - 0.5) * dx), e = q(west + (c1 + 0.5) * dx), n = q(north - (row - 0.5) * dy), s = q(north - (row + 0.5) * dy);
    out.push([[[w, s], [e, s], [e, n], [w, n], [w, s]]]);
  }
  return out;
}

/** The flood of the analysis grid at a level, or why not. */
export function floodOf(scene: AnalysisScene, level: number): { map: FloodMap | null; problems: string[] } {
  if (!scene.terrain || !scene.riverCells) return { map: null, problems: [] };
  const r = floodFill(scene.terrain, level, { kind: 'cells', cells: scene.riverCells });
  return r.ok ? { map: r.value, problems: [] } : { map: null, problems: r.problems.map((p) => p.message) };
}
