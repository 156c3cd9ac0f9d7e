/**
 * The viewer's one click handler: builds the click's PickContext (scene picks done
 * lazily, at most once each: a pick reads back from the GPU, 60-80 ms a click on
 * SwiftShader) and hands it to the PickRouter (pick-router.ts). Renders inside
 * Resium's <Viewer>.
 */
import { ScreenSpaceEventHandler, ScreenSpaceEventType, type Cartesian2 } from 'cesium';
import { useEffect } from 'react';
import { useCesium } from 'resium';
import type { PickContext, PickRouter } from './pick-router.ts';

/** drillPick's limit: enough to reach a pipe under faded buildings and translucent terrain. */
const DRILL_LIMIT = 8;

export function PickHandler({ router }: { router: PickRouter }) {
  const { viewer } = useCesium();
  useEffect(() => {
    if (!viewer) return;
    // Cesium's click handler does not pass the DOM event; its pointerup (window, capture:
    // before Cesium's listener) gives the time the user let go, for yz:pick's `ms`.
    let pointerUpAt: number | null = null;
    const onPointerUp = (e: PointerEvent) => (pointerUpAt = e.timeStamp);
    window.addEventListener('pointerup', onPointerUp, { capture: true });
    const click = new ScreenSpaceEventHandler(viewer.scene.canvas);
    click.setInputAction((event: { position: Cartesian2 }) => {
      const now = performance.now();
      const startedAt = pointerUpAt !== null && now - pointerUpAt < 1000 ? pointerUpAt : now;
      pointerUpAt = null;
      let picked: { value: unknown } | null = null;
      let drilled: unknown[] | null = null;
      const context: PickContext<Cartesian2> = {
        position: event.position,
        startedAt,
        // drillPick's first object is scene.pick's (it calls pick repeatedly, hiding each hit).
        pick: () => (picked ??= { value: drilled ? drilled[0] : viewer.scene.pick(event.position) }).value,
        drill: () => (drilled ??= viewer.scene.drillPick(event.position, DRILL_LIMIT) as unknown[]),
      };
      router.route(context);
    }, ScreenSpaceEventType.LEFT_CLICK);
    return () => {
      click.destroy();
      window.removeEventListener('pointerup', onPointerUp, { capture: true });
    };
  }, [viewer, router]);
  return null;
}
