/**
 * The buildings layer's handle for the rest of the page: as a promise (what waits
 * for the layer: the automation handle, tours, the underground view), as a ref (what
 * reads it now if it is there: the filter count), and `flyTo`, which flies to a
 * building with the position from the archive and the ground from the loaded tiles.
 */
import type { Viewer } from 'cesium';
import { useCallback, useMemo, useRef } from 'react';
import { type BuildingSummary, fetchDossier } from '../api/archive-client.ts';
import type { BuildingsLayerHandle } from '../layers/BuildingsLayer.tsx';
import { flyToBuilding } from '../scene/fly-to-building.ts';

export interface BuildingsLayerAccess {
  /** Resolves when the layer has its handle. */
  ready: Promise<BuildingsLayerHandle>;
  /** Resolves at the tileset's first complete load. */
  firstLoad: Promise<void>;
  current(): BuildingsLayerHandle | null;
  /** For BuildingsLayer's onReady. */
  onReady(handle: BuildingsLayerHandle): void;
  flyTo(code: string, known?: Pick<BuildingSummary, 'lon' | 'lat' | 'height'>): Promise<void>;
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

export function useBuildingsLayer(viewer: Viewer | null): BuildingsLayerAccess {
  const handle = useMemo(() => deferred<BuildingsLayerHandle>(), []);
  const ref = useRef<BuildingsLayerHandle | null>(null);
  const firstLoad = useMemo(() => handle.promise.then((h) => h.firstLoad), [handle]);
  const onReady = useCallback(
    (h: BuildingsLayerHandle) => {
      ref.current = h;
      handle.resolve(h);
    },
    [handle],
  );
  const current = useCallback(() => ref.current, []);
  const flyTo = useCallback(
    async (code: string, known?: Pick<BuildingSummary, 'lon' | 'lat' | 'height'>) => {
      if (!viewer) return;
      const place = known ?? (await fetchDossier(code)).building;
      const loaded = ref.current?.loaded.building(code);
      await flyToBuilding(viewer, { lon: place.lon, lat: place.lat, height: place.height, ground: loaded ? loaded.groundMin : null });
    },
    [viewer],
  );
  return useMemo(() => ({ ready: handle.promise, firstLoad, current, onReady, flyTo }), [handle, firstLoad, current, onReady, flyTo]);
}
