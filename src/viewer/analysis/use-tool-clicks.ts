/**
 * While a tool is open it takes the map's clicks (pick router, PICK_PRIORITY.analysis):
 * a click adds the tool's point instead of selecting a building or a pipe, and the
 * layers below are told "not yours" so nothing else opens.
 */
import type { Cartesian2, Viewer } from 'cesium';
import { useEffect, useRef } from 'react';
import { PICK_PRIORITY, type PickRouter } from '../picking/pick-router.ts';
import { pickToolPoint, type ToolPick, type ToolPickOptions } from './analysis-pick.ts';
import type { AnalysisScene } from './analysis-scene.ts';
import { roundPoint } from './analysis-url-state.ts';

export function useToolClicks(router: PickRouter, onClick: ((position: Cartesian2) => void) | null): void {
  const latest = useRef(onClick);
  latest.current = onClick;
  const active = onClick !== null;
  useEffect(() => {
    if (!active) return;
    return router.register<Cartesian2>({
      id: 'analysis',
      priority: PICK_PRIORITY.analysis,
      enabled: () => latest.current !== null,
      match: (context) => context.position as Cartesian2,
      onPick: (position) => {
        if (position) latest.current?.(position);
      },
    });
  }, [router, active]);
}

/**
 * The usual case: each click becomes a point on the terrain or a building (analysis-pick.ts),
 * rounded as the URL keeps it, handed to `onPick`; nothing while the scene data is loading.
 */
export function useToolPicks(viewer: Viewer, scene: AnalysisScene | null, router: PickRouter, onPick: (pick: ToolPick) => void, options: ToolPickOptions = {}): void {
  useToolClicks(
    router,
    scene
      ? (position: Cartesian2) => {
          const hit = pickToolPoint(viewer, scene, position, options);
          if (hit) onPick({ ...hit, point: roundPoint(hit.point) });
        }
      : null,
  );
}
