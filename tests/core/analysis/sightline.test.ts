import { describe, expect, it } from 'vitest';
import { sightline, viewshed, VIEWSHED_HIDDEN, VIEWSHED_NO_DATA, VIEWSHED_VISIBLE, type SightScene } from '../../../src/core/analysis/sightline.ts';
import { createEnuFrame, WGS84_A, WGS84_F } from '../../../src/core/analysis/geodesy.ts';
import { decodeBuildingPickIndex, encodeBuildingPickIndex, type PickIndexBuilding } from '../../../src/core/building-pick-index.ts';
import type { ElevationGrid } from '../../../src/core/elevation-grid.ts';
import { reasons, value } from './result-helpers.ts';

const DEG = Math.PI / 180;
const LON0 = 106.57;
const LAT0 = 29.56;
const GROUND = 200;
const frame = createEnuFrame([LON0, LAT0, GROUND]);

/** lon/lat of a point east/north metres from the observer, on the frame's plane. */
function at(east: number, north: number): { lon: number; lat: number } {
  const g = frame.toGeodetic(east, north, 0);
  return { lon: g.lon, lat: g.lat };
}

/** A DEM `cols` × `rows` samples, spacing d degrees, west/south corner so the observer is inside; height(col, row). */
function dem(cols: number, rows: number, d: number, height: (col: number, row: number) => number): ElevationGrid {
  const data = new Float32Array(cols * rows);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) data[r * cols + c] = height(c, r);
  return { width: cols, height: rows, west: LON0 - 0.01, north: LAT0 + 0.01, dx: d, dy: d, data };
}

const flat = (cols = 1000, d = 0.0001) => dem(cols, 201, d, () => GROUND);

/** A box building with corners given in the frame (exact by construction). */
function block(code: string, west: number, south: number, east: number, north: number, roofAboveGround: number): PickIndexBuilding {
  const ring = [[west, south], [east, south], [east, north], [west, north]].flatMap(([x, y]) => {
    const p = at(x!, y!);
    return [p.lon, p.lat];
  });
  return { code, polygons: [[Float64Array.from(ring)]], base: GROUND, roof: GROUND + roofAboveGround };
}

function buildings(list: PickIndexBuilding[]) {
  return decodeBuildingPickIndex(encodeBuildingPickIndex(list, { origin: [LON0, LAT0, GROUND] }));
}



const observer = { ...at(0, 0), aboveGround: 1.6 };

describe('sightline past buildings', () => {
  const scene: SightScene = {
    terrain: flat(),
    buildings: buildings([block('YZ-WALL', 90, -10, 110, 10, 30), block('YZ-LOW', 300, -10, 320, 10, 1), block('YZ-BEHIND', 510, -10, 530, 10, 50)]),
  };

  it('is blocked by the building between, at its near wall', () => {
    const r = value(sightline(scene, observer, { ...at(200, 0), aboveGround: 1.6 }));
    expect(r.visible).toBe(false);
    expect(r.obstacle).toMatchObject({ kind: 'building', code: 'YZ-WALL' });
    // The ray runs almost level at 1.6 m: it meets the west wall 90 m out.
    expect(r.obstacle!.distance).toBeCloseTo(90, 1);
    expect(r.obstacle!.position.height).toBeCloseTo(GROUND + 1.6, 1);
    expect(r.distance).toBeCloseTo(200, 2);
  });

  it('sees over a building lower than the line, and is not blocked by one behind the target', () => {
    const over = value(sightline(scene, { ...at(250, 0), aboveGround: 1.6 }, { ...at(400, 0), aboveGround: 1.6 }));
    expect(over.visible).toBe(true);
    expect(over.obstacle).toBeNull();
    expect(value(sightline(scene, { ...at(200, 0), aboveGround: 1.6 }, { ...at(500, 0), aboveGround: 10 })).visible).toBe(true);
  });

  it('looks over the wall from high enough: the roof edge by similar triangles', () => {
    // From 1.6 m at x = 0 to a target at x = 200: the line clears the roof (30 m at x = 90…110)
    // iff it is above 30 m at x = 90 → target height h with 1.6 + (h − 1.6)·90/200 > 30 → h > 64.71 m.
    expect(value(sightline(scene, observer, { ...at(200, 0), aboveGround: 64.5 })).visible).toBe(false);
    expect(value(sightline(scene, observer, { ...at(200, 0), aboveGround: 65 })).visible).toBe(true);
    // Just below: it hits the wall's top at 90 m.
    const r = value(sightline(scene, observer, { ...at(200, 0), aboveGround: 64.5 }));
    expect(r.obstacle!.position.height).toBeCloseTo(GROUND + 1.6 + (62.9 * 90) / 200, 0);
  });

  it('honours isCandidate (hidden buildings do not block)', () => {
    const r = value(sightline({ ...scene, isCandidate: (i) => i !== 0 }, observer, { ...at(200, 0), aboveGround: 1.6 }));
    expect(r.visible).toBe(true);
  });
});

describe('sightline over terrain', () => {
  const d = 0.0002;
  const ridgeCol = 100; // 0.02° east of the DEM's west edge, i.e. 0.01° east of the observer
  const ridge = dem(300, 201, d, (c) => (c === ridgeCol ? GROUND + 60 : GROUND));
  const ridgeLon = ridge.west + ridgeCol * d;

  it('is blocked by a ridge on the flank where the ground reaches the line', () => {
    const target = { lon: LON0 + 0.02, lat: LAT0, aboveGround: 1.6 };
    const r = value(sightline({ terrain: ridge }, observer, target));
    expect(r.visible).toBe(false);
    expect(r.obstacle!.kind).toBe('terrain');
    // Bilinear flank from 200 m at ridgeLon − d up to 260 m at ridgeLon: at 201.6 m it is
    // 1.6/60 of the way up (the line sags < 0.1 m here over its 2 km).
    const expectedLon = ridgeLon - d + (1.6 / 60) * d;
    expect(Math.abs(r.obstacle!.position.lon - expectedLon)).toBeLessThan(0.01 * d);
    expect(r.obstacle!.position.lat).toBeCloseTo(LAT0, 5);
    // The obstacle is on the line (its reported distance is where it is).
    const p = frame.toLocal(r.obstacle!.position.lon, r.obstacle!.position.lat, r.obstacle!.position.height);
    expect(Math.hypot(p[0], p[1])).toBeCloseTo(r.obstacle!.distance, 1);
  });

  it('sees over the ridge from high enough', () => {
    const r = value(sightline({ terrain: ridge }, { ...observer, aboveGround: 80 }, { lon: LON0 + 0.02, lat: LAT0, aboveGround: 80 }));
    expect(r.visible).toBe(true);
  });

  it('lets the bulge of the Earth block two low points far apart on flat ground', () => {
    // Flat DEM (constant ellipsoid height) 10 km wide. Two points h = 1 m above it, D = 8 km
    // apart: the chord sags t(1 − t)·D²/2R below them, which exceeds h between the roots of
    // t(1 − t) = 2Rh/D² (R ≈ N east-west, 0.3 % from M: well inside the tolerance).
    const wide = dem(1100, 201, 0.0001, () => GROUND);
    const wideAt = (east: number) => frame.toGeodetic(east, 0, 0);
    const D = 8000;
    const h = 1;
    const e2 = WGS84_F * (2 - WGS84_F);
    const R = WGS84_A / Math.sqrt(1 - e2 * Math.sin(LAT0 * DEG) ** 2);
    const k = (2 * R * h) / (D * D);
    const t1 = (1 - Math.sqrt(1 - 4 * k)) / 2;
    const far = wideAt(D);
    const r = value(sightline({ terrain: wide }, { lon: LON0, lat: LAT0, aboveGround: h }, { lon: far.lon, lat: far.lat, aboveGround: h }));
    expect(r.visible).toBe(false);
    expect(r.obstacle!.kind).toBe('terrain');
    expect(Math.abs(r.obstacle!.distance - t1 * D)).toBeLessThan(0.01 * t1 * D);
    // At 3 km the sag (0.18 m) is below 1 m: visible.
    const near = wideAt(3000);
    expect(value(sightline({ terrain: wide }, { lon: LON0, lat: LAT0, aboveGround: h }, { lon: near.lon, lat: near.lat, aboveGround: h })).visible).toBe(true);
  });

  it('takes absolute heights too, and fails for points without ground or NaN', () => {
    const r = value(sightline({ terrain: ridge }, { lon: LON0, lat: LAT0, height: 300 }, { lon: LON0 + 0.02, lat: LAT0, height: 300 }));
    expect(r.visible).toBe(true);
    expect(r.observer.height).toBe(300);
    expect(reasons(sightline({}, observer, { lon: LON0 + 0.01, lat: LAT0, height: 0 }))).toEqual(['no-ground']);
    expect(reasons(sightline({ terrain: ridge }, observer, { lon: 120, lat: LAT0, aboveGround: 1 }))).toEqual(['no-ground']);
    expect(reasons(sightline({ terrain: ridge }, { lon: Number.NaN, lat: LAT0, aboveGround: 1 }, observer))).toEqual(['not-finite']);
    expect(reasons(sightline({ terrain: ridge }, observer, observer, { step: 0 }))).toEqual(['bad-option']);
  });
});

describe('viewshed', () => {
  it('on flat ground behind one tall wall: the shadow by similar triangles', () => {
    // Observer 20 m above flat ground; a wall 10 m high whose west face is at x = 100 m,
    // y −300…300. A ground point (x, y) looked at 1.5 m up is hidden iff its line crosses
    // x = 100 within the wall (|y|·100/x < 300) below 10 m: 20 − 18.5·100/x < 10 → x < 185.
    const wall = buildings([block('YZ-WALL', 100, -300, 102, 300, 10)]);
    const scene: SightScene = { terrain: flat(), buildings: wall };
    const radius = 400;
    const v = value(viewshed(scene, { ...at(0, 0), aboveGround: 20 }, radius));
    expect(v.cellSize).toBe(10);
    let checked = 0;
    let visible = 0;
    let hidden = 0;
    for (let j = 0; j < v.ny; j++) {
      for (let i = 0; i < v.nx; i++) {
        const x = v.x0 + i * v.cellSize;
        const y = v.y0 + j * v.cellSize;
        const cell = v.cells[j * v.nx + i];
        const r = Math.hypot(x, y);
        // On the circle: in or out, by rounding.
        if (r > radius + 1e-6 || (r > radius - 1e-6 && cell === VIEWSHED_NO_DATA)) {
          expect(cell).toBe(VIEWSHED_NO_DATA);
          continue;
        }
        const behind = x >= 100 && x < 185 && Math.abs((y * 100) / x) < 300;
        if (behind) hidden++;
        else visible++;
        // Skip cells within a metre of the shadow's edges (curvature moves them by cm).
        if (Math.abs(x - 100) < 1 || Math.abs(x - 185) < 1 || Math.abs(Math.abs((y * 100) / x) - 300) < 1) continue;
        expect(cell, `cell at (${x}, ${y})`).toBe(behind ? VIEWSHED_HIDDEN : VIEWSHED_VISIBLE);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(4000);
    expect(v.hiddenCount).toBe(hidden);
    expect(v.visibleCount).toBe(visible);
    expect(v.visibleShare).toBeCloseTo(visible / (visible + hidden), 12);
  });

  it('fails without terrain, with a bad radius, or a grid too large', () => {
    expect(reasons(viewshed({}, { lon: LON0, lat: LAT0, height: 200 }, 100))).toEqual(['no-ground']);
    expect(reasons(viewshed({ terrain: flat() }, observer, 0))).toEqual(['bad-option']);
    expect(reasons(viewshed({ terrain: flat() }, observer, 5000, { cellSize: 1 }))).toEqual(['too-many-cells']);
  });
});
