/**
 * Content types for the geospatial files we serve that generic mime tables get wrong
 * or do not know. Cesium checks some of them (quantized-mesh), and browsers sniff less
 * when the type is right.
 */
import { extname } from 'node:path';

const GEOSPATIAL_TYPES: Record<string, string> = {
  '.terrain': 'application/vnd.quantized-mesh',
  '.glb': 'model/gltf-binary',
  '.gltf': 'model/gltf+json',
  '.b3dm': 'application/octet-stream',
  '.subtree': 'application/octet-stream',
  '.geojson': 'application/geo+json',
  '.fgb': 'application/octet-stream',
  '.tif': 'image/tiff',
  '.tiff': 'image/tiff',
  '.hgt': 'application/octet-stream',
  '.csv': 'text/csv; charset=utf-8',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.wasm': 'application/wasm',
  '.ktx2': 'image/ktx2',
};

/** Our type for a file path, or undefined to let the generic table decide. */
export function geospatialContentType(filePath: string): string | undefined {
  return GEOSPATIAL_TYPES[extname(filePath).toLowerCase()];
}

/**
 * Types worth compressing on the fly beyond the text/JSON defaults: binary meshes
 * and tiles shrink 2–5× with gzip. Images (PNG/WebP/JPEG) are already compressed.
 */
export function isCompressibleType(contentType: string): boolean {
  return /^(text\/|application\/(javascript|json|geo\+json|vnd\.quantized-mesh|octet-stream|wasm|xml)|model\/gltf|image\/(svg\+xml|tiff))/.test(
    contentType,
  );
}
