import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from '../../../src/server/create-server.ts';
import { buildTerrain } from '../../../src/pipeline/terrain/terrain-builder.ts';
import { syntheticGrid, writeSyntheticGeoTiff } from './synthetic-dem.ts';

/** What CesiumTerrainProvider sends with requestVertexNormals + requestWaterMask. */
const CESIUM_ACCEPT = 'application/vnd.quantized-mesh;extensions=octvertexnormals-watermask,application/octet-stream;q=0.9,*/*;q=0.01';

function get(port: number, path: string, headers: Record<string, string>) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

let dir: string;
let app: FastifyInstance;
let port: number;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'yz-terrain-serve-'));
  writeSyntheticGeoTiff(join(dir, 'dem.tif'), syntheticGrid({ width: 81, height: 61, step: 0.00025 }));
  await buildTerrain({ input: join(dir, 'dem.tif'), outDir: join(dir, 'tiles', 'terrain'), version: '7', workers: 0 });
  mkdirSync(join(dir, 'tiles', 'basemap', '0', '0'), { recursive: true });
  writeFileSync(join(dir, 'tiles', 'basemap', '0', '0', '0.webp'), Buffer.alloc(3000, 1));
  app = await createServer({ viewerDir: join(dir, 'no-viewer'), tilesDir: join(dir, 'tiles') });
  await app.listen({ port: 0, host: '127.0.0.1' });
  port = (app.server.address() as AddressInfo).port;
}, 60_000);

afterAll(async () => {
  await app.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('serving terrain to CesiumTerrainProvider', () => {
  it('serves layer.json as JSON', async () => {
    const res = await get(port, '/tiles/terrain/layer.json', { Accept: 'application/json' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(JSON.parse(res.body.toString()).version).toBe('7');
  });

  it('serves tiles as quantized-mesh, gzipped once when asked, byte-exact', async () => {
    const layer = JSON.parse(readFileSync(join(dir, 'tiles', 'terrain', 'layer.json'), 'utf8')) as { available: Array<Array<{ startX: number; startY: number }>> };
    const z = layer.available.length - 1;
    const { startX, startY } = layer.available[z]![0]!;
    const path = `/tiles/terrain/${z}/${startX}/${startY}.terrain?v=7`;
    const onDisk = readFileSync(join(dir, 'tiles', 'terrain', String(z), String(startX), `${startY}.terrain`));
    const gz = await get(port, path, { Accept: CESIUM_ACCEPT, 'Accept-Encoding': 'gzip, deflate' });
    expect(gz.status).toBe(200);
    expect(gz.headers['content-type']).toMatch(/^application\/vnd\.quantized-mesh/);
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).equals(onDisk)).toBe(true);
    const plain = await get(port, path, { Accept: CESIUM_ACCEPT });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.equals(onDisk)).toBe(true);
  });

  it('does not recompress basemap images', async () => {
    const res = await get(port, '/tiles/basemap/0/0/0.webp', { 'Accept-Encoding': 'gzip' });
    expect(res.headers['content-type']).toBe('image/webp');
    expect(res.headers['content-encoding']).toBeUndefined();
  });
});
