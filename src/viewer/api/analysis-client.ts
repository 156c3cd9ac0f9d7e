/**
 * The analysis toolkit's server side for the viewer (issue 18): the archive's flood
 * report (`src/archive/api/analysis-routes.ts`) through the one HTTP client, checked
 * against its contract; the CSV download URL; and the build's analysis grid
 * (`/tiles/terrain/analysis-grid.bin`, the DEM and the river cells), decoded with the
 * core codec so the viewer's own Flood tool fills the same grid as the server.
 *
 * The grid is binary, so it cannot go through `requestJson`; it fails the same way
 * (ArchiveError: `network` with status 0, the HTTP status otherwise, and `bad_grid` (502)
 * when the bytes are not an analysis grid, e.g. the viewer's HTML from a server without
 * the tiles), and an abort rejects with the abort itself. The sample's file is 7.9 MB,
 * 2.5 MB in transit (the server's brotli), decoded in ~45 ms.
 */
import { ANALYSIS_GRID_FILE, decodeAnalysisGrid, type AnalysisGrid } from '../../core/analysis/analysis-grid.ts';
import { FloodReportSchema, PipesAlongSchema, PipesWithinSchema, type FloodCsvList, type FloodReport, type PipesAlong, type PipesWithin } from '../../core/api/analysis-contracts.ts';
import { problemText } from '../../core/problem.ts';
import { ArchiveError, requestParsed, type RequestOptions } from './http-client.ts';

/** Where the build publishes the grid (the terrain folder, beside LOCAL_TERRAIN_URL's tiles). */
export const ANALYSIS_GRID_URL = `/tiles/${ANALYSIS_GRID_FILE}`;

/** Extra options for tests (a stand-in fetch, another origin). */
export type AnalysisClientOptions = Pick<RequestOptions, 'fetch' | 'baseUrl'>;

const levelQuery = (level: number) => `level=${encodeURIComponent(String(level))}`;

/** The flood report at `level` (m, DEM frame): the archive's buildings and pipes under water. */
export function fetchFloodReport(level: number, signal?: AbortSignal, options: AnalysisClientOptions = {}): Promise<FloodReport> {
  return requestParsed(`/api/analysis/flood?${levelQuery(level)}`, FloodReportSchema, { ...options, signal });
}

/** `lon,lat;…` to 7 decimals (1 cm). */
const coordinates = (points: readonly (readonly [number, number])[]) => encodeURIComponent(points.map(([lon, lat]) => `${lon.toFixed(7)},${lat.toFixed(7)}`).join(';'));

/** The pipes a drawn line crosses (the Section tool). */
export function fetchPipesAlong(line: readonly (readonly [number, number])[], signal?: AbortSignal, options: AnalysisClientOptions = {}): Promise<PipesAlong> {
  return requestParsed(`/api/analysis/pipes-along?line=${coordinates(line)}`, PipesAlongSchema, { ...options, signal });
}

/** The pipes inside a drawn outline (the Excavate tool). */
export function fetchPipesWithin(ring: readonly (readonly [number, number])[], signal?: AbortSignal, options: AnalysisClientOptions = {}): Promise<PipesWithin> {
  return requestParsed(`/api/analysis/pipes-within?ring=${coordinates(ring)}`, PipesWithinSchema, { ...options, signal });
}

/** The URL of the report's buildings or pipes as CSV (UTF-8 with BOM), for a download link. */
export function floodCsvUrl(level: number, list: FloodCsvList, baseUrl = ''): string {
  return `${baseUrl}/api/analysis/flood.csv?${levelQuery(level)}&list=${list}`;
}

/** The build's analysis grid, decoded; rejects with ArchiveError (see the header). */
export async function fetchAnalysisGrid(signal?: AbortSignal, options: AnalysisClientOptions = {}): Promise<AnalysisGrid> {
  const send = options.fetch ?? globalThis.fetch;
  const url = `${options.baseUrl ?? ''}${ANALYSIS_GRID_URL}`;
  let response: Response;
  try {
    response = await send(url, { signal, credentials: 'same-origin', headers: { accept: 'application/octet-stream' } });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ArchiveError(0, 'network', `无法连接 / no answer from ${ANALYSIS_GRID_URL}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  if (!response.ok) {
    const missing = response.status === 404 ? '分析网格尚未构建,请运行构建 / the analysis grid is not built: run the build (npm run build or npm start)' : `请求失败 / HTTP ${response.status}`;
    throw new ArchiveError(response.status, response.status === 404 ? 'not_found' : 'http', `${ANALYSIS_GRID_URL}: ${missing}`);
  }
  let bytes: ArrayBuffer;
  try {
    bytes = await response.arrayBuffer();
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ArchiveError(0, 'network', `下载中断 / ${ANALYSIS_GRID_URL}: the download broke off: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  const decoded = decodeAnalysisGrid(bytes);
  if (!decoded.ok) throw new ArchiveError(502, 'bad_grid', `${ANALYSIS_GRID_URL}: ${decoded.problems.map(problemText).join('; ')}`, { cause: decoded.problems });
  return decoded.value;
}
