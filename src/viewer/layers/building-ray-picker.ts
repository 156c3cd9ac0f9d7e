/**
 * Identifies the clicked building by a CPU ray cast against the buildings' prisms
 * (the pick index the pipeline writes next to the tileset, src/core/building-pick-index.ts)
 * instead of Cesium's GPU pick pass, which on a machine without a GPU (SwiftShader)
 * costs ~70 ms a click because it redraws every building's vertices on the CPU.
 *
 * What the GPU pick would see, the CPU pick honours:
 * - only buildings Cesium drew in the latest frame (tiles reported by `tileVisible`
 *   since the last `preRender`) and that are shown (`feature.show`; filters hide);
 * - terrain in front wins when the GPU would let it: with `globe.depthTestAgainstTerrain`
 *   the globe's own CPU ray test (`globe.pick`, over the terrain tiles rendered last
 *   frame) gives the terrain distance and a farther building loses. Without it (the
 *   viewer's default) Cesium clears the globe's depth before drawing 3D Tiles
 *   (Scene.js, `clearGlobeDepth`), so buildings are drawn over terrain — a wall's foot
 *   where the rendered terrain is above the building's base, a tower behind a hill —
 *   and `scene.pick` returns them; so does this picker;
 * - back faces are not hit (the tiles' materials are single-sided);
 * - `scene.pick` reads a 3×3 pixel square and takes the first object in a spiral from
 *   the centre, so a building one pixel off still counts: when the centre ray misses,
 *   the eight neighbours are tried in that order (a miss costs nine rays, ~1 ms). The
 *   rays go through the centres of the drawing-buffer pixels it reads — for a window
 *   position (x, y) that is (x + ½, y − ½): it reads GL row `height − y`, which lies
 *   just above y. Casting at (x, y) itself disagreed one pixel row up at every edge.
 *
 * It does not answer (`undefined` → the caller falls back to `scene.pick`) while the
 * index is not loaded (or failed: logged once, the picker stays off), outside 3D mode,
 * with vertical exaggeration, with the camera underground, when the buildings tileset is
 * hidden or another 3D tileset is shown (lifelines, before/after split tilesets: the
 * index knows only buildings). A ray that hits no building answers `null` at once — no
 * GPU pick for a miss: that is the fast path for clicks on streets and sky, and the
 * index holds every building the tiles hold, so the GPU would find none there either
 * (bar a pixel at an edge).
 */
import {
  Cartesian2,
  Cartesian3,
  Cesium3DTileset,
  Matrix4,
  Ray,
  SceneMode,
  Transforms,
  type Cesium3DTile,
  type Cesium3DTileFeature,
  type Viewer,
} from 'cesium';
import { decodeBuildingPickIndex, pickPrism, type BuildingPickIndex } from '../../core/building-pick-index.ts';
import type { LoadedBuildings } from './loaded-buildings.ts';

/** What tileset.json's `asset.extras.pickIndex` holds (src/pipeline/buildings/pick-index-writer.ts). */
interface PickIndexReference {
  uri: string;
  sha256?: string;
}

export interface BuildingRayPicker {
  /**
   * The building code under a window position (CSS pixels, as `scene.pick` takes
   * them), null for no building (sky, ground, hidden), or undefined when the CPU
   * picker cannot answer here (see the module comment): ask `scene.pick`.
   */
  pick(windowPosition: Cartesian2): string | null | undefined;
  /** Why `pick` would not answer now, or null when it would. */
  unavailable(): string | null;
  /**
   * What `pick` weighs at a window position's own pixel, for tests and diagnostics: the nearest
   * building hit by the ray with and without the drawn-and-shown filter, and the terrain
   * hit when terrain occludes buildings (distances in metres from the camera). Null
   * when `pick` would not answer.
   */
  explain(windowPosition: Cartesian2): PickExplanation | null;
  /** Resolves true once the index is loaded, false if it is not coming (missing, bad). */
  readonly whenReady: Promise<boolean>;
  /** The decoded pick index once loaded (the analysis tools reuse it: one download), else null. */
  index(): BuildingPickIndex | null;
  destroy(): void;
}

export interface BuildingRayPickerOptions {
  viewer: Viewer;
  tileset: Cesium3DTileset;
  /** The layer's features by code (feature.show tells whether a filter hides one). */
  loaded: LoadedBuildings;
  /** The tileset's first complete load: the index is fetched after it, not competing with tiles. */
  firstLoad: Promise<void>;
  /** Default: the global fetch. */
  fetch?: typeof fetch;
}

export interface PickExplanation {
  anyBuilding: { code: string; distance: number } | null;
  candidate: { code: string; distance: number } | null;
  terrainDistance: number | null;
}

declare global {
  interface Window {
    /** The CPU building picker of the desk (README "Automation handle"): for tests and benchmarks. */
    yzBuildingPicker?: BuildingRayPicker;
  }
}

/**
 * The order in which `scene.pick` looks at its 3×3 pixels (PickFramebuffer.js,
 * pickObjectsFromPixels: a spiral from the centre), as window-pixel offsets (y down).
 */
const PICK_SPIRAL: readonly (readonly [number, number])[] = [[0, 0], [1, 0], [1, 1], [0, 1], [-1, 1], [-1, 0], [-1, -1], [0, -1], [1, -1]];

/** The tile a feature belongs to (`Cesium3DTileFeature.content` is public API but missing from the typings). */
function tileOf(feature: Cesium3DTileFeature): Cesium3DTile {
  return (feature as unknown as { content: { tile: Cesium3DTile } }).content.tile;
}

export function createBuildingRayPicker(options: BuildingRayPickerOptions): BuildingRayPicker {
  const { viewer, tileset, loaded } = options;
  const scene = viewer.scene;
  let index: BuildingPickIndex | null = null;
  let failed: string | null = null;
  let destroyed = false;
  let ecefToLocal: Matrix4 | null = null;

  // Tiles drawn in the latest rendered frame. preRender is raised only for frames that
  // render (request-render mode skips the others), and tileVisible only in render passes.
  const drawn = new Set<Cesium3DTile>();
  const removePreRender = scene.preRender.addEventListener(() => drawn.clear());
  const removeVisible = tileset.tileVisible.addEventListener((tile: Cesium3DTile) => drawn.add(tile));

  const whenReady = options.firstLoad.then(async () => {
    if (destroyed) return false;
    const reference = (tileset.asset as { extras?: { pickIndex?: PickIndexReference } } | undefined)?.extras?.pickIndex;
    if (!reference?.uri) {
      failed = 'no pick index in tileset.json';
      console.warn('建筑拣选索引缺失，点击改用 GPU 拣选 / the buildings tileset names no pick index (asset.extras.pickIndex); clicks use the GPU pick. Fix: npm run tiles:buildings');
      return false;
    }
    const resource = tileset.resource.getDerivedResource({ url: reference.uri, ...(reference.sha256 ? { queryParameters: { v: reference.sha256 } } : {}) });
    try {
      const response = await (options.fetch ?? fetch)(resource.url);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const decoded = decodeBuildingPickIndex(await response.arrayBuffer());
      if (destroyed) return false;
      const { lon, lat, height } = decoded.origin;
      const toEcef = Transforms.eastNorthUpToFixedFrame(Cartesian3.fromDegrees(lon, lat, height));
      ecefToLocal = Matrix4.inverseTransformation(toEcef, new Matrix4());
      index = decoded;
      return true;
    } catch (error) {
      failed = error instanceof Error ? error.message : String(error);
      console.warn(`建筑拣选索引加载失败，点击改用 GPU 拣选 / building pick index ${resource.url} not loaded (${failed}); clicks use the GPU pick. Fix: npm run tiles:buildings`);
      return false;
    }
  });

  const isCandidate = (i: number): boolean => {
    for (const feature of loaded.featuresOf(index!.codes[i]!)) {
      if (feature.show && drawn.has(tileOf(feature))) return true;
    }
    return false;
  };

  const unavailable = (): string | null => {
    if (destroyed) return 'destroyed';
    if (!index) return failed ? `pick index not loaded: ${failed}` : 'pick index loading';
    if (scene.mode !== SceneMode.SCENE3D) return 'not in 3D mode';
    if (scene.verticalExaggeration !== 1) return 'vertical exaggeration';
    if (scene.cameraUnderground) return 'camera underground';
    if (!tileset.show) return 'buildings hidden';
    for (let i = 0; i < scene.primitives.length; i++) {
      const p = scene.primitives.get(i) as unknown;
      if (p !== tileset && p instanceof Cesium3DTileset && p.show) return 'another 3D tileset is shown';
    }
    return null;
  };

  const scratchRay = new Ray();
  const localOrigin = new Cartesian3();
  const localDirection = new Cartesian3();
  const terrainHit = new Cartesian3();

  const terrainOccludes = () => scene.globe.show && scene.globe.depthTestAgainstTerrain;

  const castRay = (windowPosition: Cartesian2, filtered: boolean) => {
    const ray = viewer.camera.getPickRay(windowPosition, scratchRay);
    if (!ray) return null;
    Matrix4.multiplyByPoint(ecefToLocal!, ray.origin, localOrigin);
    Matrix4.multiplyByPointAsVector(ecefToLocal!, ray.direction, localDirection);
    const hit = pickPrism(
      index!,
      { origin: [localOrigin.x, localOrigin.y, localOrigin.z], direction: [localDirection.x, localDirection.y, localDirection.z] },
      filtered ? { isCandidate } : {},
    );
    return { ray, hit };
  };

  const explain = (windowPosition: Cartesian2): PickExplanation | null => {
    if (unavailable() !== null) return null;
    const named = (hit: { index: number; distance: number } | null | undefined) => (hit ? { code: index!.codes[hit.index]!, distance: hit.distance } : null);
    const any = castRay(gpuPixelCentre(windowPosition, 0, 0), false);
    const candidate = castRay(gpuPixelCentre(windowPosition, 0, 0), true);
    const ground = candidate && terrainOccludes() ? scene.globe.pick(candidate.ray, scene, terrainHit) : undefined;
    return {
      anyBuilding: named(any?.hit),
      candidate: named(candidate?.hit),
      terrainDistance: ground && candidate ? Cartesian3.distance(candidate.ray.origin, ground) : null,
    };
  };

  /** The building seen through one pixel (centre at `windowPosition`), or null. */
  const pickPixel = (windowPosition: Cartesian2): string | null => {
    const cast = castRay(windowPosition, true);
    if (!cast?.hit) return null;
    const { ray, hit } = cast;
    // Terrain only matters when there is a building to hide (a miss never pays for it)
    // and when the GPU depth-tests buildings against it (see the module comment).
    const ground = terrainOccludes() ? scene.globe.pick(ray, scene, terrainHit) : undefined;
    // The frame is rigid, so hit.distance (metres along the ray) is an ECEF distance too.
    if (ground && Cartesian3.distance(ray.origin, ground) < hit.distance) return null;
    return index!.codes[hit.index]!;
  };

  const pixel = new Cartesian2();
  /**
   * The window position (CSS px) of the centre of the drawing-buffer pixel that
   * `scene.pick` reads at spiral offset (dx, dy) around `windowPosition` (Picking.js:
   * column ⌊x·sx⌋, GL row ⌊height − y·sy⌋; GL rows count upwards).
   */
  const gpuPixelCentre = (windowPosition: Cartesian2, dx: number, dy: number): Cartesian2 => {
    const canvas = scene.canvas;
    const sx = scene.drawingBufferWidth / canvas.clientWidth;
    const sy = scene.drawingBufferHeight / canvas.clientHeight;
    const height = scene.drawingBufferHeight;
    const column = Math.floor(windowPosition.x * sx) + dx;
    const row = Math.floor(height - windowPosition.y * sy) - dy;
    pixel.x = (column + 0.5) / sx;
    pixel.y = (height - (row + 0.5)) / sy;
    return pixel;
  };

  const pick = (windowPosition: Cartesian2): string | null | undefined => {
    if (unavailable() !== null) return undefined;
    for (const [dx, dy] of PICK_SPIRAL) {
      const code = pickPixel(gpuPixelCentre(windowPosition, dx, dy));
      if (code !== null) return code;
    }
    return null;
  };

  const picker: BuildingRayPicker = {
    pick,
    unavailable,
    explain,
    whenReady,
    index: () => index,
    destroy() {
      destroyed = true;
      removePreRender();
      removeVisible();
      drawn.clear();
      index = null;
      if (window.yzBuildingPicker === picker) delete window.yzBuildingPicker;
    },
  };
  window.yzBuildingPicker = picker;
  return picker;
}
