import { Matrix4, type Viewer } from 'cesium';
import { describe, expect, it } from 'vitest';
import { adaptiveResolutionOf } from '../../src/viewer/scene/adaptive-resolution.ts';
import { applyRenderProfile, isSoftwareRenderer, wantsFullRendering } from '../../src/viewer/scene/software-rendering.ts';

describe('isSoftwareRenderer', () => {
  it('recognises the usual software rasterizers', () => {
    expect(isSoftwareRenderer('ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)')).toBe(true);
    expect(isSoftwareRenderer('llvmpipe (LLVM 15.0.6, 256 bits)')).toBe(true);
    expect(isSoftwareRenderer('ANGLE (Microsoft, Microsoft Basic Render Driver Direct3D11 vs_5_0 ps_5_0)')).toBe(true);
  });
  it('leaves GPUs alone', () => {
    expect(isSoftwareRenderer('ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 Direct3D11 vs_5_0 ps_5_0, D3D11)')).toBe(false);
    expect(isSoftwareRenderer('Apple M2')).toBe(false);
    expect(isSoftwareRenderer('WebKit WebGL')).toBe(false);
  });
});

/** A stand-in for the parts of a Cesium viewer the profile touches. */
function fakeViewer(renderer: string, surface: Record<string, unknown> | undefined = { _loadQueueTimeSlice: 5 }) {
  const gl = {
    RENDERER: 0x1f01,
    getExtension: (name: string) => (name === 'WEBGL_debug_renderer_info' ? { UNMASKED_RENDERER_WEBGL: 0x9246 } : null),
    getParameter: (p: number) => (p === 0x9246 ? renderer : 'WebKit WebGL'),
  };
  const scene = {
    canvas: { getContext: (kind: string) => (kind === 'webgl2' ? gl : null) },
    msaaSamples: 4,
    postProcessStages: { fxaa: { enabled: true } },
    globe: { _surface: surface, tilesLoaded: true },
    skyAtmosphere: { show: true },
    skyBox: { show: true },
    backgroundColor: null as unknown,
    primitives: { length: 0, get: () => undefined },
    postRender: { addEventListener: () => () => {} },
    requestRender: () => {},
  };
  const viewer = {
    scene,
    resolutionScale: 1,
    isDestroyed: () => false,
    camera: { viewMatrix: Matrix4.clone(Matrix4.IDENTITY) },
    cesiumWidget: { resize: () => {} },
    clock: { onTick: { addEventListener: () => () => {} } },
  };
  return { viewer: viewer as unknown as Viewer, scene, surface };
}

describe('applyRenderProfile', () => {
  it('lightens a software renderer: no MSAA, no FXAA, no sky atmosphere, a larger tile-load budget, adaptive resolution', () => {
    const { viewer, scene, surface } = fakeViewer('SwiftShader Device');
    const profile = applyRenderProfile(viewer);
    expect(profile).toMatchObject({ software: true, applied: true, msaaSamples: 1, fxaa: false, loadBudgetMs: 250, skyAtmosphere: false, busyScale: 0.35 });
    expect(scene.msaaSamples).toBe(1);
    expect(scene.skyAtmosphere.show).toBe(false);
    expect(scene.skyBox.show).toBe(false);
    expect(scene.backgroundColor).not.toBeNull();
    expect(surface!._loadQueueTimeSlice).toBe(250);
    expect(adaptiveResolutionOf(viewer)?.busyScale).toBe(0.35);
  });
  it('can keep full resolution while busy', () => {
    const { viewer } = fakeViewer('SwiftShader Device');
    expect(applyRenderProfile(viewer, { busyScale: 1 }).busyScale).toBeNull();
    expect(adaptiveResolutionOf(viewer)).toBeUndefined();
  });
  it('keeps Cesium defaults on a GPU', () => {
    const { viewer, scene, surface } = fakeViewer('NVIDIA GeForce RTX 3060');
    expect(applyRenderProfile(viewer)).toMatchObject({ software: false, applied: false, msaaSamples: 4, fxaa: true, loadBudgetMs: 5, skyAtmosphere: true, busyScale: null });
    expect(adaptiveResolutionOf(viewer)).toBeUndefined();
    expect(scene.msaaSamples).toBe(4);
    expect(surface!._loadQueueTimeSlice).toBe(5);
  });
  it('keeps the defaults when asked for full rendering', () => {
    const { viewer } = fakeViewer('llvmpipe');
    expect(applyRenderProfile(viewer, { full: true })).toMatchObject({ software: true, applied: false, msaaSamples: 4 });
    expect(wantsFullRendering('?render=full&lang=en')).toBe(true);
    expect(wantsFullRendering('?lang=en')).toBe(false);
  });
  it('reports a Cesium without the private load budget instead of inventing one', () => {
    const { viewer } = fakeViewer('SwiftShader', {});
    expect(applyRenderProfile(viewer).loadBudgetMs).toBeNull();
  });
});
