/**
 * Water from polygons (a GeoJSON of rivers/lakes) instead of the river level: each
 * tile's 256 × 256 mask is rasterised with @napi-rs/canvas (even-odd fill, so holes —
 * islands — stay land).
 */
import { createCanvas } from '@napi-rs/canvas';
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';
import type { LonLatRect } from './dem-coverage.ts';
import { TerrainInputError } from '../../sources/terrain-input-error.ts';
import { readGeoJsonCollectionSync } from '../../sources/geojson-stream.ts';
import { WATER_MASK_SIZE } from './water-mask.ts';

/** Polygons as lists of rings (lon/lat), with their bounding boxes. */
export interface WaterPolygon {
  rings: Position[][];
  bbox: LonLatRect;
}

function polygonsOf(geometry: Geometry | null): Position[][][] {
  if (!geometry) return [];
  if (geometry.type === 'Polygon') return [geometry.coordinates];
  if (geometry.type === 'MultiPolygon') return geometry.coordinates;
  if (geometry.type === 'GeometryCollection') return geometry.geometries.flatMap(polygonsOf);
  return [];
}

export function parseWaterPolygons(fc: FeatureCollection | Feature, file: string): WaterPolygon[] {
  const features = fc.type === 'FeatureCollection' ? fc.features : [fc];
  const out: WaterPolygon[] = [];
  for (const f of features) {
    for (const rings of polygonsOf(f.geometry)) {
      const bbox = { west: Infinity, south: Infinity, east: -Infinity, north: -Infinity };
      for (const ring of rings)
        for (const [lon, lat] of ring) {
          bbox.west = Math.min(bbox.west, lon!);
          bbox.east = Math.max(bbox.east, lon!);
          bbox.south = Math.min(bbox.south, lat!);
          bbox.north = Math.max(bbox.north, lat!);
        }
      if (rings.length > 0) out.push({ rings, bbox });
    }
  }
  if (out.length === 0) {
    throw new TerrainInputError('bad-vector-data', file, `${file}: 没有水域多边形 / no Polygon or MultiPolygon features: pass a GeoJSON of water areas, or omit --water to use the river level.`);
  }
  return out;
}

export function loadWaterPolygons(file: string): WaterPolygon[] {
  // The shared GeoJSON reader (src/sources/geojson-stream.ts): a single Feature comes back as a collection of one.
  const read = readGeoJsonCollectionSync(file);
  if (!read.ok) throw new TerrainInputError('bad-vector-data', file, `${read.problems.map((p) => p.message).join('; ')} (水域 / the water polygons, --water)`);
  return parseWaterPolygons(read.value, file);
}

const intersects = (a: LonLatRect, b: LonLatRect) => a.west < b.east && a.east > b.west && a.south < b.north && a.north > b.south;

export function polygonWaterMask(rect: LonLatRect, polygons: readonly WaterPolygon[]): Uint8Array {
  const n = WATER_MASK_SIZE;
  const hits = polygons.filter((p) => intersects(p.bbox, rect));
  if (hits.length === 0) return Uint8Array.of(0);
  const canvas = createCanvas(n, n);
  const ctx = canvas.getContext('2d');
  const sx = n / (rect.east - rect.west);
  const sy = n / (rect.north - rect.south);
  ctx.fillStyle = '#fff';
  for (const p of hits) {
    ctx.beginPath();
    for (const ring of p.rings) {
      ring.forEach(([lon, lat], i) => {
        const x = (lon! - rect.west) * sx;
        const y = (rect.north - lat!) * sy;
        if (i === 0) ctx.moveTo(x, y);
        else ctx.lineTo(x, y);
      });
      ctx.closePath();
    }
    ctx.fill('evenodd');
  }
  const rgba = ctx.getImageData(0, 0, n, n).data;
  const mask = new Uint8Array(n * n);
  let water = 0;
  for (let i = 0; i < n * n; i++) {
    if (rgba[i * 4 + 3]! >= 128) {
      mask[i] = 255;
      water++;
    }
  }
  if (water === 0) return Uint8Array.of(0);
  if (water === n * n) return Uint8Array.of(255);
  return mask;
}
