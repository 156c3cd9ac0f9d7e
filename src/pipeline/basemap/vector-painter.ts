/**
 * Draws the basemap's vector layers onto a block's canvas with @napi-rs/canvas: green
 * areas, building footprints, roads by class (casing then fill, real width in pixels
 * with a per-class minimum), and the district outline on top.
 */
import type { SKRSContext2D } from '@napi-rs/canvas';
import type { Position } from 'geojson';
import type { LonLatRect } from '../terrain/dem-coverage.ts';
import { queryRect, type BasemapSources } from './basemap-sources.ts';
import { BASEMAP_STYLE, ROAD_DRAW_ORDER } from './basemap-style.ts';

const M_PER_DEG = 111_320;

export function paintVectors(ctx: SKRSContext2D, sources: BasemapSources, rect: LonLatRect, width: number, height: number, z: number): void {
  const sx = width / (rect.east - rect.west);
  const sy = height / (rect.north - rect.south);
  const metresPerPx = M_PER_DEG / sy;
  const trace = (coords: Position[], close: boolean) => {
    coords.forEach(([lon, lat], i) => {
      const x = (lon! - rect.west) * sx;
      const y = (rect.north - lat!) * sy;
      if (i === 0) ctx.moveTo(x, y);
      else ctx.lineTo(x, y);
    });
    if (close) ctx.closePath();
  };
  ctx.lineJoin = 'round';
  ctx.lineCap = 'round';

  const { greenArea, building, roads, outline } = BASEMAP_STYLE;
  if (z >= greenArea.minZoom) {
    ctx.fillStyle = greenArea.fill;
    for (const p of queryRect(sources.green, rect)) {
      ctx.beginPath();
      for (const ring of p.rings) trace(ring, true);
      ctx.fill('evenodd');
    }
  }
  if (z >= building.minZoom) {
    ctx.fillStyle = building.fill;
    ctx.strokeStyle = building.stroke;
    ctx.lineWidth = 1;
    for (const p of queryRect(sources.buildings, rect)) {
      ctx.beginPath();
      for (const ring of p.rings) trace(ring, true);
      ctx.fill('evenodd');
      if (z >= building.minZoom + 1) ctx.stroke();
    }
  }

  // Margin so a wide road whose centreline is just outside still paints its edge.
  const roadsHere = queryRect(sources.roads, rect, (40 / M_PER_DEG) * 2);
  for (const pass of ['casing', 'fill'] as const) {
    for (const cls of ROAD_DRAW_ORDER) {
      const style = roads[cls];
      if (z < style.minZoom) continue;
      const dash = 'dash' in style ? style.dash : undefined;
      if (pass === 'casing' && dash) continue;
      ctx.strokeStyle = pass === 'casing' ? style.casing : style.fill;
      ctx.setLineDash(dash ? dash.map((d) => d * Math.max(1, 2 / metresPerPx)) : []);
      for (const road of roadsHere) {
        if (road.cls !== cls) continue;
        const w = Math.max(style.minPx, road.widthM / metresPerPx);
        ctx.lineWidth = pass === 'casing' ? w + Math.max(1, w * 0.15) * 2 : w;
        ctx.beginPath();
        trace(road.coords, false);
        ctx.stroke();
      }
    }
  }
  ctx.setLineDash([]);

  if (z >= outline.minZoom) {
    ctx.strokeStyle = outline.stroke;
    ctx.lineWidth = outline.widthPx;
    ctx.setLineDash([...outline.dash]);
    for (const p of queryRect(sources.outline, rect)) {
      ctx.beginPath();
      for (const ring of p.rings) trace(ring, true);
      ctx.stroke();
    }
    ctx.setLineDash([]);
  }
}
