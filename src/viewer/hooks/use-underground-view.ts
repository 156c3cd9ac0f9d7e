/**
 * The underground view while it is on (scene/underground-mode.ts): buildings fade so
 * the pipes show through, and re-fade when grades recolour them.
 */
import type { Viewer } from 'cesium';
import { useEffect } from 'react';
import type { GradesFeed } from '../api/grades-feed.ts';
import type { BuildingsLayerHandle } from '../layers/BuildingsLayer.tsx';
import { enterUndergroundMode, type UndergroundMode } from '../scene/underground-mode.ts';

export function useUndergroundView(viewer: Viewer | null, on: boolean, buildings: Promise<BuildingsLayerHandle>, feed: GradesFeed): void {
  useEffect(() => {
    if (!viewer || !on) return;
    let mode: UndergroundMode | null = null;
    let live = true;
    void buildings.then((h) => {
      if (live) mode = enterUndergroundMode(viewer, h);
    });
    const off = feed.onGrades(() => mode?.refade());
    return () => {
      live = false;
      off();
      mode?.exit();
    };
  }, [viewer, on, buildings, feed]);
}
