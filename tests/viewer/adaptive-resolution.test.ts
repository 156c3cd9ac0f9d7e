import { Matrix4, type Viewer } from 'cesium';
import { describe, expect, it } from 'vitest';
import { adaptiveResolutionOf, installAdaptiveResolution, scaleFor } from '../../src/viewer/scene/adaptive-resolution.ts';

describe('scaleFor', () => {
  const options = { busyScale: 0.35, restScale: 1 };
  const still = { cameraMoved: false, globeLoading: false, tilesetsLoading: false };
  it('draws a still, loaded scene at the rest scale', () => {
    expect(scaleFor(still, options)).toBe(1);
  });
  it('drops to the busy scale while the camera moves or anything loads', () => {
    expect(scaleFor({ ...still, cameraMoved: true }, options)).toBe(0.35);
    expect(scaleFor({ ...still, globeLoading: true }, options)).toBe(0.35);
    expect(scaleFor({ ...still, tilesetsLoading: true }, options)).toBe(0.35);
  });
  it('never goes above a rest scale that is already lower', () => {
    expect(scaleFor({ ...still, cameraMoved: true }, { busyScale: 0.35, restScale: 0.25 })).toBe(0.25);
  });
});

/** The parts of a viewer the plugin touches; `frame()` plays one rendered frame. */
function fakeViewer() {
  const listeners = new Set<() => void>();
  const ticks = new Set<() => void>();
  let resizes = 0;
  let renders = 0;
  const globe = { tilesLoaded: false };
  const camera = { viewMatrix: Matrix4.clone(Matrix4.IDENTITY) };
  const viewer = {
    resolutionScale: 1,
    isDestroyed: () => false,
    camera,
    cesiumWidget: { resize: () => resizes++ },
    clock: {
      onTick: {
        addEventListener: (f: () => void) => {
          ticks.add(f);
          return () => ticks.delete(f);
        },
      },
    },
    scene: {
      globe,
      primitives: { length: 0, get: () => undefined },
      postRender: {
        addEventListener: (f: () => void) => {
          listeners.add(f);
          return () => listeners.delete(f);
        },
      },
      requestRender: () => renders++,
    },
  };
  return {
    viewer: viewer as unknown as Viewer,
    fake: viewer,
    globe,
    camera,
    frame: () => listeners.forEach((f) => f()),
    tick: () => ticks.forEach((f) => f()),
    resizes: () => resizes,
    renders: () => renders,
    listeners: () => listeners.size + ticks.size,
  };
}

describe('installAdaptiveResolution', () => {
  it('draws loading frames low, then asks for one full-resolution frame once still', () => {
    const { viewer, fake, globe, frame, renders } = fakeViewer();
    const adaptive = installAdaptiveResolution(viewer, { busyScale: 0.35 });
    frame();
    expect(fake.resolutionScale).toBe(0.35);
    expect(adaptive.busy).toBe(true);
    globe.tilesLoaded = true;
    const before = renders();
    frame();
    expect(fake.resolutionScale).toBe(1);
    expect(adaptive.busy).toBe(false);
    expect(renders()).toBe(before + 1);
    frame();
    expect(renders()).toBe(before + 1);
  });

  it('goes low while the camera moves', () => {
    const { viewer, fake, globe, camera, frame } = fakeViewer();
    globe.tilesLoaded = true;
    installAdaptiveResolution(viewer);
    frame();
    expect(fake.resolutionScale).toBe(1);
    camera.viewMatrix = Matrix4.fromTranslation({ x: 10, y: 0, z: 0 } as never);
    frame();
    expect(fake.resolutionScale).toBe(0.35);
    frame();
    expect(fake.resolutionScale).toBe(1);
  });

  it('drops the scale before the first frame of a user-moved camera is drawn', () => {
    const { viewer, fake, globe, camera, frame, tick, resizes } = fakeViewer();
    globe.tilesLoaded = true;
    installAdaptiveResolution(viewer);
    tick();
    frame();
    expect(fake.resolutionScale).toBe(1);
    expect(resizes()).toBe(0);
    camera.viewMatrix = Matrix4.fromTranslation({ x: 10, y: 0, z: 0 } as never);
    tick();
    expect(fake.resolutionScale).toBe(0.35);
    expect(resizes()).toBe(1);
    tick();
    expect(resizes()).toBe(1);
    frame();
    expect(fake.resolutionScale).toBe(0.35);
    tick();
    frame();
    expect(fake.resolutionScale).toBe(1);
  });

  it('keeps out of the way while suspended (the PNG export sets its own scale)', () => {
    const { viewer, fake, frame } = fakeViewer();
    const adaptive = installAdaptiveResolution(viewer);
    frame();
    expect(fake.resolutionScale).toBe(0.35);
    const resume = adaptive.suspend();
    expect(fake.resolutionScale).toBe(1);
    fake.resolutionScale = 3;
    frame();
    expect(fake.resolutionScale).toBe(3);
    fake.resolutionScale = 1;
    resume();
    resume();
    frame();
    expect(fake.resolutionScale).toBe(0.35);
  });

  it('is found by viewer, replaced by a second install, and removed cleanly', () => {
    const { viewer, fake, frame, listeners } = fakeViewer();
    const first = installAdaptiveResolution(viewer);
    const second = installAdaptiveResolution(viewer, { busyScale: 0.5 });
    expect(listeners()).toBe(2);
    expect(adaptiveResolutionOf(viewer)).toBe(second);
    expect(first).not.toBe(second);
    frame();
    expect(fake.resolutionScale).toBe(0.5);
    second.remove();
    expect(fake.resolutionScale).toBe(1);
    expect(adaptiveResolutionOf(viewer)).toBeUndefined();
    expect(listeners()).toBe(0);
  });
});
