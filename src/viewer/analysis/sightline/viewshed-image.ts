/**
 * A viewshed grid as a picture draped on the ground: visible cells green, hidden red,
 * no data clear; placed on the lon/lat rectangle around the grid's corners (the grid is
 * in an east-north-up frame: over 1 km its axes turn from the meridians by < 0.001°).
 */
import { createEnuFrame } from '../../../core/analysis/geodesy.ts';
import { VIEWSHED_HIDDEN, VIEWSHED_VISIBLE, type Viewshed } from '../../../core/analysis/sightline.ts';

export interface ViewshedImage {
  canvas: HTMLCanvasElement;
  /** Degrees. */
  west: number;
  south: number;
  east: number;
  north: number;
}

export function viewshedImage(shed: Viewshed): ViewshedImage {
  const frame = createEnuFrame(shed.frameOrigin);
  const half = shed.cellSize / 2;
  const corners = [
    [shed.x0 - half, shed.y0 - half],
    [shed.x0 + (shed.nx - 0.5) * shed.cellSize, shed.y0 - half],
    [shed.x0 - half, shed.y0 + (shed.ny - 0.5) * shed.cellSize],
    [shed.x0 + (shed.nx - 0.5) * shed.cellSize, shed.y0 + (shed.ny - 0.5) * shed.cellSize],
  ].map(([x, y]) => frame.toGeodetic(x!, y!, 0));
  const canvas = document.createElement('canvas');
  canvas.width = shed.nx;
  canvas.height = shed.ny;
  const ctx = canvas.getContext('2d')!;
  const image = ctx.createImageData(shed.nx, shed.ny);
  for (let j = 0; j < shed.ny; j++) {
    const y = shed.ny - 1 - j; // rows run north; the picture's first row is the north edge
    for (let i = 0; i < shed.nx; i++) {
      const c = shed.cells[j * shed.nx + i];
      const o = 4 * (y * shed.nx + i);
      if (c === VIEWSHED_VISIBLE) image.data.set([34, 197, 94, 150], o);
      else if (c === VIEWSHED_HIDDEN) image.data.set([239, 68, 68, 150], o);
    }
  }
  ctx.putImageData(image, 0, 0);
  return {
    canvas,
    west: Math.min(...corners.map((c) => c.lon)),
    east: Math.max(...corners.map((c) => c.lon)),
    south: Math.min(...corners.map((c) => c.lat)),
    north: Math.max(...corners.map((c) => c.lat)),
  };
}
