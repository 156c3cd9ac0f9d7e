/**
 * Terrain from our own server: quantized-mesh tiles at `/tiles/terrain/` with vertex
 * normals (lighting) and the water mask (rivers), in place of the smooth ellipsoid. If
 * the tiles are not there (not built yet) the globe falls back to the ellipsoid rather
 * than failing to start.
 */
import { Cartesian3, CesiumTerrainProvider, Color, DirectionalLight, EllipsoidTerrainProvider, Matrix4, type TerrainProvider, Transforms } from 'cesium';
import { useEffect } from 'react';
import { useCesium } from 'resium';
import { readViewerConfig, type TerrainConfig } from '../config.ts';

export async function createTerrainProvider(config: TerrainConfig = readViewerConfig().terrain): Promise<TerrainProvider> {
  if (config.kind === 'ellipsoid') return new EllipsoidTerrainProvider();
  try {
    return await CesiumTerrainProvider.fromUrl(config.url, { requestVertexNormals: true, requestWaterMask: true });
  } catch (error) {
    console.warn(`地形未加载，使用椭球 / terrain not loaded (${error instanceof Error ? error.message : String(error)}); using the ellipsoid. Run "npm run tiles:terrain".`);
    return new EllipsoidTerrainProvider();
  }
}

/** World-space direction of light coming from the north-west, 45° up, over the district. */
function lightFromNorthWest(): Cartesian3 {
  const enu = Transforms.eastNorthUpToFixedFrame(Cartesian3.fromDegrees(106.55, 29.55));
  // Travelling south-east and down: east +, north −, up −.
  const local = Cartesian3.normalize(new Cartesian3(0.5, -0.5, -Math.SQRT1_2), new Cartesian3());
  return Cartesian3.normalize(Matrix4.multiplyByPointAsVector(enu, local, new Cartesian3()), new Cartesian3());
}

/**
 * Shades the terrain with its vertex normals under a fixed light from the north-west
 * (the map convention), so slopes read the same at any hour on an unattended screen.
 * Render inside Resium's <Viewer>.
 */
export function TerrainLighting(): null {
  const { viewer } = useCesium();
  useEffect(() => {
    if (!viewer) return;
    const { scene } = viewer;
    const previousLight = scene.light;
    scene.light = new DirectionalLight({ direction: lightFromNorthWest(), color: Color.WHITE, intensity: 2.0 });
    scene.globe.enableLighting = true;
    // Keep the night side from darkening the district whatever the clock says.
    scene.globe.dynamicAtmosphereLighting = false;
    return () => {
      scene.light = previousLight;
      scene.globe.enableLighting = false;
    };
  }, [viewer]);
  return null;
}
