/**
 * The pick router decides which layer a click picked: the highest-priority match,
 * whatever order the layers registered in; the others (and everyone on a miss) are
 * told null; a disabled or unregistered layer is neither asked nor told.
 */
import { describe, expect, it } from 'vitest';
import { type Pickable, type PickContext, PickRouter, PICK_PRIORITY } from '../../../src/viewer/picking/pick-router.ts';

const context = (picked: unknown = undefined): PickContext => ({ position: { x: 1, y: 2 }, startedAt: 0, pick: () => picked, drill: () => (picked === undefined ? [] : [picked]) });

/** A layer that matches when `hit` is defined, and records what it was asked and told. */
function layer(id: string, priority: number, hit: string | undefined, enabled = true) {
  const log = { asked: 0, told: [] as Array<string | null> };
  const pickable: Pickable<string> = { id, priority, enabled: () => enabled, match: () => (log.asked++, hit), onPick: (h) => log.told.push(h) };
  return { pickable, log };
}

describe('PickRouter', () => {
  it('gives the click to the highest-priority match, in either registration order', () => {
    for (const order of [['low', 'high'], ['high', 'low']]) {
      const router = new PickRouter();
      const low = layer('buildings', 10, 'YZ-00001');
      const high = layer('lifelines', 20, 'WS-0001');
      for (const name of order) router.register(name === 'low' ? low.pickable : high.pickable);
      expect(router.route(context())).toEqual({ id: 'lifelines', hit: 'WS-0001' });
      expect(high.log.told).toEqual(['WS-0001']);
      expect(low.log.told).toEqual([null]);
      // The loser is not asked once a higher layer matched (its pick would be wasted work).
      expect(low.log.asked).toBe(0);
    }
  });

  it('falls through to a lower priority when the higher one does not match', () => {
    const router = new PickRouter();
    const pipes = layer('lifelines', PICK_PRIORITY.lifelines, undefined);
    const buildings = layer('buildings', PICK_PRIORITY.buildings, 'YZ-00042');
    router.register(buildings.pickable);
    router.register(pipes.pickable);
    expect(router.route(context())).toEqual({ id: 'buildings', hit: 'YZ-00042' });
    expect(pipes.log).toEqual({ asked: 1, told: [null] });
    expect(buildings.log.told).toEqual(['YZ-00042']);
  });

  it('on no match tells every enabled layer null', () => {
    const router = new PickRouter();
    const a = layer('a', 5, undefined);
    const b = layer('b', 1, undefined);
    router.register(a.pickable);
    router.register(b.pickable);
    expect(router.route(context())).toEqual({ id: null, hit: null });
    expect(a.log.told).toEqual([null]);
    expect(b.log.told).toEqual([null]);
  });

  it('breaks priority ties by id, not by registration order', () => {
    for (const reversed of [false, true]) {
      const router = new PickRouter();
      const layers = [layer('beta', 3, 'b'), layer('alpha', 3, 'a')];
      for (const l of reversed ? [...layers].reverse() : layers) router.register(l.pickable);
      expect(router.route(context()).id).toBe('alpha');
      expect(router.ordered().map((p) => p.id)).toEqual(['alpha', 'beta']);
    }
  });

  it('neither asks nor tells a disabled layer', () => {
    const router = new PickRouter();
    const hidden = layer('lifelines', 20, 'WS-0001', false);
    const buildings = layer('buildings', 10, undefined);
    router.register(hidden.pickable);
    router.register(buildings.pickable);
    expect(router.route(context()).id).toBeNull();
    expect(hidden.log).toEqual({ asked: 0, told: [] });
  });

  it('forgets an unregistered layer', () => {
    const router = new PickRouter();
    const pipes = layer('lifelines', 20, 'WS-0001');
    const buildings = layer('buildings', 10, 'YZ-00001');
    const unregister = router.register(pipes.pickable);
    router.register(buildings.pickable);
    unregister();
    expect(router.route(context())).toEqual({ id: 'buildings', hit: 'YZ-00001' });
    expect(pipes.log).toEqual({ asked: 0, told: [] });
  });

  it('passes the click context to the layers', () => {
    const router = new PickRouter();
    const feature = { tileset: 'pipes' };
    router.register<object>({ id: 'x', priority: 1, match: (c) => c.drill().find((h) => (h as { tileset?: string }).tileset === 'pipes') as object | undefined, onPick: () => {} });
    expect(router.route(context(feature)).hit).toBe(feature);
    expect(router.route(context({ tileset: 'buildings' })).hit).toBeNull();
  });
});
