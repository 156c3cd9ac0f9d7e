/**
 * The Excavate tool's answer: the pit (core excavation: a flat floor `depth` below the
 * lowest ground on its outline, walls following the ground, the volume), and the pipes
 * inside it from the archive (GET /api/analysis/pipes-within: network, depth, age, risk,
 * the buildings they run under), marked "exposed" when the pit reaches their depth.
 * Pure.
 */
import type { TFunction } from 'i18next';
import { formatArea } from '../../../core/analysis/measure.ts';
import { excavation, type Excavation } from '../../../core/analysis/section.ts';
import type { PipesWithin } from '../../../core/api/analysis-contracts.ts';
import type { AnalysisResult, Cell, SummaryLine } from '../analysis-result.ts';
import type { AnalysisScene } from '../analysis-scene.ts';
import type { ToolPoint } from '../analysis-url-state.ts';

/** A pipe inside the pit's outline (the archive's answer, GET /api/analysis/pipes-within). */
export type PitPipe = PipesWithin['pipes'][number];

export interface ExcavateNumbers extends Record<string, Cell> {
  depthM: number;
  areaM2: number | null;
  volumeM3: number | null;
  floorM: number | null;
  pipes: number | null;
  /** Pipes the pit reaches: their depth is within the pit (ground at the rim's lowest − floor). */
  exposedPipes: number | null;
  atRiskPipes: number | null;
}

export function excavateResult(points: readonly ToolPoint[], depth: number, scene: Pick<AnalysisScene, 'terrain' | 'problems'>, pipes: readonly PitPipe[] | null, t: TFunction, notes: readonly string[] = []): { result: AnalysisResult<ExcavateNumbers>; pit: Excavation | null } {
  const n: ExcavateNumbers = { depthM: depth, areaM2: null, volumeM3: null, floorM: null, pipes: null, exposedPipes: null, atRiskPipes: null };
  const allNotes = [...notes];
  const summary: SummaryLine[] = [{ key: 'depthM', label: t('excavate.depth'), text: `${depth} m` }];
  let pit: Excavation | null = null;
  if (points.length < 3) allNotes.push(t('excavate.needPoints'));
  else if (!scene.terrain) allNotes.push(...scene.problems);
  else {
    const r = excavation(points.map(([lon, lat]) => ({ lon, lat })), depth, scene.terrain);
    if (r.ok) pit = r.value;
    else allNotes.push(...r.problems.map((p) => p.message));
  }
  if (pit) {
    n.areaM2 = pit.areaM2;
    n.volumeM3 = pit.volumeM3;
    n.floorM = pit.floorM;
    summary.push({ key: 'areaM2', label: t('excavate.area'), text: formatArea(pit.areaM2) });
    summary.push({ key: 'volumeM3', label: t('excavate.volume'), text: `${Math.round(pit.volumeM3).toLocaleString('en-US')} m³` });
    summary.push({ key: 'floorM', label: t('excavate.floor'), text: `${pit.floorM.toFixed(2)} m` });
  }
  // A pipe is reached when its depth below its own ground is within the pit there: at least the depth below the lowest rim.
  // A pipe without a cover depth (surveyed by invert elevation) is not judged.
  const reach = (p: PitPipe) => (p.depthM === null ? false : pit && p.groundM !== null ? p.groundM - p.depthM >= pit.floorM : p.depthM <= depth);
  if (pipes) {
    n.pipes = pipes.length;
    n.exposedPipes = pipes.filter(reach).length;
    n.atRiskPipes = pipes.filter((p) => p.atRisk).length;
    summary.push({ key: 'pipes', label: t('excavate.pipes'), text: `${pipes.length} (${n.exposedPipes} ≤ ${depth} m · ${n.atRiskPipes} ${t('excavate.atRisk')})` });
  }
  const tables: AnalysisResult['tables'][number][] = [
    {
      name: 'pipes',
      title: t('excavate.pipesTable'),
      columns: [
        { key: 'id', label: t('flood.col.pipe') },
        { key: 'network', label: t('flood.col.network') },
        { key: 'depthM', label: t('flood.col.pipeDepth') },
        { key: 'ageYears', label: t('excavate.age') },
        { key: 'risk', label: t('excavate.risk') },
        { key: 'reached', label: `≤ ${depth} m` },
        { key: 'buildings', label: t('excavate.buildingsAbove') },
      ],
      rows: (pipes ?? []).map((p) => ({ id: p.id, network: p.network, depthM: p.depthM, ageYears: p.ageYears, risk: p.atRisk ? t('excavate.atRisk') : '', reached: reach(p), buildings: p.buildings.map((b) => `${b.code}${b.grade ? ` (${b.grade})` : ''}`).join(' ') })),
    },
  ];
  const features: AnalysisResult['features'][number][] = [];
  if (points.length >= 3) {
    const ring = points.map(([lon, lat]) => [lon, lat]);
    features.push({ type: 'Feature', geometry: { type: 'Polygon', coordinates: [[...ring, ring[0]!]] }, properties: { role: 'pit', ...n } });
  }
  return { result: { tool: 'excavate', summary, tables, features, numbers: n, notes: allNotes }, pit };
}
