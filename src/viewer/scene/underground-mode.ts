/**
 * Underground view: the terrain turns translucent near the camera (globe
 * translucency), the camera may pass below the surface (no terrain collision), and
 * the buildings fade so the pipes beneath them show. Entering records every setting
 * it touches; leaving puts each one back exactly, so the normal view returns as it was.
 */
import { Color, NearFarScalar, type Cesium3DTileFeature, type Cesium3DTileset, type Viewer } from 'cesium';

export interface UndergroundOptions {
  /** Terrain opacity near the camera (≤ nearM) and far from it (≥ farM). Defaults 0.25 at 100 m, 0.9 at 5 km. */
  nearAlpha?: number;
  farAlpha?: number;
  nearM?: number;
  farM?: number;
  /** Opacity of the buildings while underground. Default 0.25. */
  buildingAlpha?: number;
}

/** What the mode needs of the buildings layer (its BuildingsLayerHandle fits). */
export interface FadeableBuildings {
  tileset: Cesium3DTileset | null;
  loaded: { entries(): Iterable<[unknown, Cesium3DTileFeature[]]> };
}

export interface UndergroundMode {
  /** Re-applies the fade (after the buildings layer recoloured features, e.g. on a grade change). */
  refade(): void;
  /** Restores every setting. Idempotent. */
  exit(): void;
}

const DEFAULTS: Required<UndergroundOptions> = { nearAlpha: 0.25, farAlpha: 0.9, nearM: 100, farM: 5_000, buildingAlpha: 0.25 };

/** The scene settings the mode changes (typed structurally so tests can pass a plain object). */
export interface UndergroundScene {
  globe: {
    translucency: { enabled: boolean; frontFaceAlphaByDistance: NearFarScalar | undefined };
    depthTestAgainstTerrain: boolean;
  };
  screenSpaceCameraController: { enableCollisionDetection: boolean };
  requestRender(): void;
}

function fadeFeature(feature: Cesium3DTileFeature, alpha: number): void {
  const c = feature.color;
  if (c.alpha !== alpha) feature.color = Color.fromAlpha(c, alpha, c);
}

function fadeTile(tile: { content: { featuresLength: number; getFeature(i: number): Cesium3DTileFeature } }, alpha: number): void {
  const content = tile.content;
  for (let i = 0; i < content.featuresLength; i++) fadeFeature(content.getFeature(i), alpha);
}

/** Applies the scene part of the mode; returns how to undo it. */
export function applyUndergroundScene(scene: UndergroundScene, options: UndergroundOptions = {}): () => void {
  const o = { ...DEFAULTS, ...options };
  const globe = scene.globe;
  const saved = {
    translucent: globe.translucency.enabled,
    alphaByDistance: globe.translucency.frontFaceAlphaByDistance,
    depthTest: globe.depthTestAgainstTerrain,
    collision: scene.screenSpaceCameraController.enableCollisionDetection,
  };
  globe.translucency.enabled = true;
  globe.translucency.frontFaceAlphaByDistance = new NearFarScalar(o.nearM, o.nearAlpha, o.farM, o.farAlpha);
  // Pipes are below the surface: without depth testing against terrain they would draw through hills anyway,
  // with it they are hidden; translucency needs it on to sort correctly.
  globe.depthTestAgainstTerrain = true;
  scene.screenSpaceCameraController.enableCollisionDetection = false;
  scene.requestRender();
  return () => {
    globe.translucency.enabled = saved.translucent;
    globe.translucency.frontFaceAlphaByDistance = saved.alphaByDistance;
    globe.depthTestAgainstTerrain = saved.depthTest;
    scene.screenSpaceCameraController.enableCollisionDetection = saved.collision;
    scene.requestRender();
  };
}

export function enterUndergroundMode(viewer: Viewer, buildings: FadeableBuildings | null, options: UndergroundOptions = {}): UndergroundMode {
  const o = { ...DEFAULTS, ...options };
  const restoreScene = applyUndergroundScene(viewer.scene as unknown as UndergroundScene, o);
  const fadeAll = (alpha: number) => {
    if (!buildings) return;
    for (const [, features] of buildings.loaded.entries()) for (const f of features) fadeFeature(f, alpha);
  };
  fadeAll(o.buildingAlpha);
  // Tiles that load while underground fade too (this listener runs after the layer's own colouring).
  const removeTileLoad = buildings?.tileset?.tileLoad.addEventListener((tile) => fadeTile(tile, o.buildingAlpha));
  let active = true;
  return {
    refade() {
      if (active) fadeAll(o.buildingAlpha);
      viewer.scene.requestRender();
    },
    exit() {
      if (!active) return;
      active = false;
      removeTileLoad?.();
      if (!viewer.isDestroyed()) {
        fadeAll(1);
        restoreScene();
      }
    },
  };
}
