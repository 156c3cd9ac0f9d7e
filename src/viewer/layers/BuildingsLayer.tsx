/**
 * The buildings tileset (tiles/buildings, 3D Tiles 1.1), coloured by the current
 * safety grade joined at run time by building code: each feature gets its colour
 * when its tile loads, and only the changed buildings are recoloured when a grade
 * changes — no tile rebuild, no style with thousands of conditions. Also: filters
 * (non-matching buildings are hidden), the selected building's silhouette, and
 * picking (registered with the PickRouter, picking/pick-router.ts): by a CPU ray cast
 * on the pick index first (building-ray-picker.ts), `scene.pick` when that cannot
 * answer. Every building identification is announced as a `yz:pick` window event.
 * A missing or corrupt tile is logged and skipped.
 */
import {
  Cesium3DTileColorBlendMode,
  Cesium3DTileFeature,
  Cesium3DTileset,
  Color,
  PostProcessStageLibrary,
  type Cartesian2,
  type PostProcessStageComposite,
} from 'cesium';
import { useEffect, useRef } from 'react';
import { useCesium } from 'resium';
import { isBuildingCode } from '../../core/building-code.ts';
import type { BuildingPickIndex } from '../../core/building-pick-index.ts';
import { BUILDING_TILE_PROPERTIES } from '../../core/tile-properties.ts';
import type { GradesFeed } from '../api/grades-feed.ts';
import { type BuildingFilters, matchesFilters } from '../filters/building-filter.ts';
import { buildingColourCss } from './building-colouring.ts';
import { firstAllTilesLoaded, type LoadedBuilding, LoadedBuildings } from './loaded-buildings.ts';
import { cesiumColour } from './cesium-colour.ts';
import { createBuildingRayPicker, type BuildingRayPicker } from './building-ray-picker.ts';
import { PICK_PRIORITY, type PickRouter } from '../picking/pick-router.ts';

export const BUILDINGS_TILESET_URL = '/tiles/buildings/tileset.json';
const SELECTION_COLOUR = Color.fromCssColorString('#00e5ff');

export interface BuildingsLayerHandle {
  tileset: Cesium3DTileset | null;
  loaded: LoadedBuildings;
  /** Resolves at the tileset's first complete load (at once if there is no tileset). */
  firstLoad: Promise<void>;
  /** The buildings' prisms (the CPU picker's index, src/core/building-pick-index.ts), or null when there is none. */
  pickIndex(): Promise<BuildingPickIndex | null>;
}

export interface BuildingsLayerProps {
  feed: GradesFeed;
  overlayOn: boolean;
  filters: BuildingFilters;
  /** Codes in the filtered area (null while unknown or no area filter). */
  areaCodes: ReadonlySet<string> | null;
  selected: string | null;
  /** Identify clicks with `scene.pick` only (lifelines or underground view: the pick index knows only buildings). */
  gpuPickOnly?: boolean;
  /** Where the layer registers what it can pick (read once per viewer). */
  pickRouter: PickRouter;
  /** A click on a building (its code), or on something else (null). */
  onPick(code: string | null): void;
  onReady(handle: BuildingsLayerHandle): void;
}

/** `detail` of the `yz:pick` window event (README "Automation handle"). */
export interface BuildingPickEventDetail {
  code: string | null;
  method: 'cpu' | 'gpu';
  /** From the DOM pointer event to the identification (or the handler's own time if there was none). */
  ms: number;
}

/** The building code a picked object carries, if it is a building's tile feature. */
function buildingCodeOf(picked: unknown): string | null {
  const id = picked instanceof Cesium3DTileFeature ? (picked.getProperty(BUILDING_TILE_PROPERTIES.id) as unknown) : null;
  return isBuildingCode(id) ? id : null;
}

export function BuildingsLayer(props: BuildingsLayerProps) {
  const { viewer } = useCesium();
  const latest = useRef(props);
  latest.current = props;
  const state = useRef<{ loaded: LoadedBuildings; tileset: Cesium3DTileset | null; silhouette: PostProcessStageComposite | null } | null>(null);

  const styleOne = (feature: Cesium3DTileFeature, building: LoadedBuilding) => {
    const p = latest.current;
    const grade = p.feed.grades.get(building.code);
    feature.color = cesiumColour(buildingColourCss(grade, p.overlayOn));
    feature.show = matchesFilters(building, grade, p.filters, p.areaCodes);
  };

  const restyle = (codes?: Iterable<string>) => {
    const s = state.current;
    if (!s) return;
    if (codes) {
      for (const code of codes) {
        const b = s.loaded.building(code);
        if (b) for (const f of s.loaded.featuresOf(code)) styleOne(f, b);
      }
    } else for (const [b, list] of s.loaded.entries()) for (const f of list) styleOne(f, b);
    viewer?.scene.requestRender();
  };

  const highlight = () => {
    const s = state.current;
    if (!s?.silhouette) return;
    const code = latest.current.selected;
    const features = code ? s.loaded.featuresOf(code) : [];
    const edges = s.silhouette.get(0) as unknown as { selected: Cesium3DTileFeature[] };
    edges.selected = features;
    s.silhouette.enabled = features.length > 0;
    viewer?.scene.requestRender();
  };

  // Load once per viewer.
  useEffect(() => {
    if (!viewer) return;
    const loaded = new LoadedBuildings();
    let silhouette: PostProcessStageComposite | null = null;
    if (PostProcessStageLibrary.isSilhouetteSupported(viewer.scene)) {
      const edges = PostProcessStageLibrary.createEdgeDetectionStage();
      edges.uniforms.color = SELECTION_COLOUR;
      edges.uniforms.length = 0.01;
      edges.selected = [];
      silhouette = PostProcessStageLibrary.createSilhouetteStage([edges]);
      silhouette.enabled = false;
      viewer.scene.postProcessStages.add(silhouette);
    }
    const s = { loaded, tileset: null as Cesium3DTileset | null, silhouette };
    state.current = s;
    let cancelled = false;
    let picker: BuildingRayPicker | null = null;

    Cesium3DTileset.fromUrl(BUILDINGS_TILESET_URL, { maximumScreenSpaceError: 16 })
      .then((tileset) => {
        if (cancelled || viewer.isDestroyed()) return tileset.destroy();
        const firstLoad = firstAllTilesLoaded(tileset);
        // The grade colour replaces the tiles' base colour (lighting still shades it), so
        // the colours match the legend instead of being multiplied into dark tones.
        tileset.colorBlendMode = Cesium3DTileColorBlendMode.REPLACE;
        tileset.tileLoad.addEventListener((tile) => {
          loaded.addTile(tile, styleOne);
          if (latest.current.selected) highlight();
        });
        tileset.tileUnload.addEventListener((tile) => loaded.removeTile(tile));
        tileset.tileFailed.addEventListener((error: { url: string; message: string }) => {
          // Skip the tile, keep the rest of the city: a warning, not a broken page.
          console.warn(`建筑瓦片加载失败，已跳过 / building tile skipped: ${error.url}: ${error.message}`);
        });
        viewer.scene.primitives.add(tileset);
        s.tileset = tileset;
        picker = createBuildingRayPicker({ viewer, tileset, loaded, firstLoad });
        const thisPicker = picker;
        latest.current.onReady({ tileset, loaded, firstLoad, pickIndex: () => thisPicker.whenReady.then((ok) => (ok ? thisPicker.index() : null)) });
      })
      .catch((error: unknown) => {
        if (cancelled) return;
        console.warn(`建筑瓦片未加载 / buildings tileset not loaded (${error instanceof Error ? error.message : String(error)}); run "npm run tiles:buildings".`);
        latest.current.onReady({ tileset: null, loaded, firstLoad: Promise.resolve(), pickIndex: () => Promise.resolve(null) });
      });

    const removeGrades = latest.current.feed.onGrades((changed) => restyle(changed.length > 2000 ? undefined : changed));

    // A building: the CPU ray cast, else a tile feature carrying a building code (this
    // tileset's, or the tour's before/after copies of it).
    let identified: Omit<BuildingPickEventDetail, 'code'> | null = null;
    const unregisterPick = latest.current.pickRouter.register<string>({
      id: 'buildings',
      priority: PICK_PRIORITY.buildings,
      match: (context) => {
        const cpu = latest.current.gpuPickOnly ? undefined : picker?.pick(context.position as Cartesian2);
        const code = cpu !== undefined ? cpu : buildingCodeOf(context.pick());
        identified = { method: cpu !== undefined ? 'cpu' : 'gpu', ms: performance.now() - context.startedAt };
        return code ?? undefined;
      },
      onPick: (code) => {
        if (identified) {
          const detail: BuildingPickEventDetail = { code, ...identified };
          window.dispatchEvent(new CustomEvent('yz:pick', { detail }));
          identified = null;
        }
        latest.current.onPick(code);
      },
    });

    return () => {
      cancelled = true;
      removeGrades();
      unregisterPick();
      picker?.destroy();
      if (!viewer.isDestroyed()) {
        if (s.tileset) viewer.scene.primitives.remove(s.tileset);
        if (silhouette) viewer.scene.postProcessStages.remove(silhouette);
      }
      loaded.clear();
      state.current = null;
    };
    // styleOne/restyle/highlight read props through `latest`: load once per viewer.
  }, [viewer]);

  useEffect(() => restyle(), [props.overlayOn, props.filters, props.areaCodes]);
  useEffect(() => highlight(), [props.selected]);

  return null;
}
