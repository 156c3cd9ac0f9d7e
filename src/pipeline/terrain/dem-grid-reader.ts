/**
 * The DEM as the feature tileset commands (tiles:buildings, tiles:lifelines) read it:
 * the grid, or the reader's error as a value. Moved from tiles3d/tileset-command.ts
 * (issue 16), so the shared tile layer imports nothing from terrain.
 */
import type { ElevationGrid } from '../../core/elevation-grid.ts';
import { readDem, undeclaredVoidsNote } from '../../sources/dem-reader.ts';
import { isTerrainInputError } from '../../sources/terrain-input-error.ts';

/** Reads the DEM (GeoTIFF or SRTM .hgt, via the terrain pipeline's reader) or says why not. */
export async function readDemGrid(path: string, crs?: string): Promise<{ ok: true; grid: ElevationGrid; note: string | null } | { ok: false; error: string }> {
  try {
    const dem = await readDem(path, crs ? { crs } : {});
    return { ok: true, grid: dem.grid, note: undeclaredVoidsNote(dem, path) };
  } catch (error) {
    // The terrain reader's errors already name the file, the cause and the fix.
    if (isTerrainInputError(error)) return { ok: false, error: error.message };
    return { ok: false, error: `无法读取高程模型 / cannot read the DEM ${path}: ${(error as Error).message}` };
  }
}
