import { describe, expect, it } from 'vitest';
import { applyUndergroundScene, type UndergroundScene } from '../../src/viewer/scene/underground-mode.ts';

describe('underground mode', () => {
  it('makes the globe translucent, lets the camera under the ground, and restores every setting on exit', () => {
    let renders = 0;
    const scene: UndergroundScene = {
      globe: { translucency: { enabled: false, frontFaceAlphaByDistance: undefined }, depthTestAgainstTerrain: false },
      screenSpaceCameraController: { enableCollisionDetection: true },
      requestRender: () => void renders++,
    };
    const before = JSON.stringify(scene);
    const exit = applyUndergroundScene(scene, { nearAlpha: 0.3 });
    expect(scene.globe.translucency.enabled).toBe(true);
    expect(scene.globe.translucency.frontFaceAlphaByDistance?.nearValue).toBe(0.3);
    expect(scene.globe.translucency.frontFaceAlphaByDistance!.farValue).toBeGreaterThan(0.3);
    expect(scene.screenSpaceCameraController.enableCollisionDetection).toBe(false);
    exit();
    expect(JSON.stringify(scene)).toBe(before);
    expect(renders).toBe(2);
  });
});
