/**
 * What keeps a wall screen alive for days: bounded tile caches (the buildings
 * tileset's and the globe's), and a page reload shortly after a lost WebGL context
 * (the viewer's banner says what happened meanwhile; a reload is the only way back).
 */
import { Cesium3DTileset, type Viewer } from 'cesium';

export interface CacheLimits {
  /** Trim each 3D tileset's cache to this many bytes when tiles are not needed. */
  tilesetCacheBytes: number;
  /** Headroom a single view may use above `tilesetCacheBytes`. */
  tilesetOverflowBytes: number;
  /** Terrain/imagery tiles the globe keeps beyond those in view. */
  globeTileCacheSize: number;
}

export const SCREEN_CACHE_LIMITS: CacheLimits = {
  tilesetCacheBytes: 192 * 1024 * 1024,
  tilesetOverflowBytes: 64 * 1024 * 1024,
  globeTileCacheSize: 200,
};

/** Idempotent: call again when a tileset may have been added. */
export function applyCacheLimits(viewer: Viewer, limits: CacheLimits = SCREEN_CACHE_LIMITS): void {
  viewer.scene.globe.tileCacheSize = limits.globeTileCacheSize;
  const primitives = viewer.scene.primitives;
  for (let i = 0; i < primitives.length; i++) {
    const p = primitives.get(i) as unknown;
    if (p instanceof Cesium3DTileset) {
      p.cacheBytes = limits.tilesetCacheBytes;
      p.maximumCacheOverflowBytes = limits.tilesetOverflowBytes;
    }
  }
}

/** Reloads the page `delayMs` after the WebGL context is lost; returns the undo. */
export function reloadOnContextLost(viewer: Viewer, delayMs = 5000, reload: () => void = () => window.location.reload()): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const canvas = viewer.scene.canvas;
  const onLost = () => {
    clearTimeout(timer);
    timer = setTimeout(reload, delayMs);
  };
  canvas.addEventListener('webglcontextlost', onLost);
  return () => {
    clearTimeout(timer);
    canvas.removeEventListener('webglcontextlost', onLost);
  };
}
