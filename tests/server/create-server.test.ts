import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from '../../src/server/create-server.ts';

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A raw GET: unlike fetch, it sends the path exactly as written (no `..` folding). */
function rawGet(port: number, path: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('createServer', () => {
  let dir: string;
  let app: FastifyInstance;
  let port: number;
  const bigJson = JSON.stringify({ levels: Array.from({ length: 500 }, (_, i) => ({ level: i, tiles: [i, i + 1] })) });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'yz-server-'));
    const tiles = join(dir, 'tiles');
    const viewer = join(dir, 'viewer');
    mkdirSync(join(tiles, 'terrain', '0', '0'), { recursive: true });
    mkdirSync(join(viewer, 'assets'), { recursive: true });
    writeFileSync(join(dir, 'secret.txt'), 'do not serve');
    writeFileSync(join(tiles, 'terrain', 'layer.json'), bigJson);
    writeFileSync(join(tiles, 'terrain', '0', '0', '0.terrain'), Buffer.alloc(2048, 7));
    mkdirSync(join(tiles, 'buildings'));
    mkdirSync(join(tiles, 'overlays'));
    writeFileSync(join(tiles, 'buildings', 'b.glb'), Buffer.alloc(4096, 1));
    writeFileSync(join(tiles, 'overlays', 'roads.geojson'), '{"type":"FeatureCollection","features":[]}');
    writeFileSync(join(tiles, '.hidden'), 'hidden');
    writeFileSync(join(viewer, 'index.html'), '<!doctype html><title>viewer</title>');
    writeFileSync(join(viewer, 'assets', 'index-abc.js'), 'console.log(1);'.repeat(200));
    app = await createServer({ viewerDir: viewer, tilesDir: tiles, version: '9.9.9' });
    await app.listen({ port: 0, host: '127.0.0.1' });
    port = (app.server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the viewer at / and its assets as immutable', async () => {
    const index = await rawGet(port, '/');
    expect(index.status).toBe(200);
    expect(index.headers['content-type']).toMatch(/^text\/html/);
    expect(index.body.toString()).toContain('<title>viewer</title>');
    const asset = await rawGet(port, '/assets/index-abc.js');
    expect(asset.headers['content-type']).toMatch(/javascript/);
    expect(asset.headers['cache-control']).toContain('immutable');
  });

  it('serves tiles with geospatial content types', async () => {
    const cases: Array<[string, RegExp]> = [
      ['/tiles/terrain/layer.json', /^application\/json/],
      ['/tiles/terrain/0/0/0.terrain', /^application\/vnd\.quantized-mesh/],
      ['/tiles/buildings/b.glb', /^model\/gltf-binary/],
      ['/tiles/overlays/roads.geojson', /^application\/geo\+json/],
    ];
    for (const [path, type] of cases) {
      const res = await rawGet(port, path);
      expect(res.status, path).toBe(200);
      expect(res.headers['content-type'], path).toMatch(type);
    }
  });

  it('compresses when the client accepts it, and the bytes round-trip', async () => {
    const res = await rawGet(port, '/tiles/terrain/layer.json', { 'Accept-Encoding': 'gzip' });
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(res.body).toString()).toBe(bigJson);
    const plain = await rawGet(port, '/tiles/terrain/layer.json');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(bigJson);
    const glb = await rawGet(port, '/tiles/buildings/b.glb', { 'Accept-Encoding': 'gzip' });
    expect(glb.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(glb.body)).toEqual(Buffer.alloc(4096, 1));
  });

  it.each([
    '/tiles/../secret.txt',
    '/tiles/..%2fsecret.txt',
    '/tiles/%2e%2e/secret.txt',
    '/tiles/%2e%2e%2fsecret.txt',
    '/tiles/%252e%252e%252fsecret.txt',
    '/tiles/..%5csecret.txt',
    '/tiles/terrain/..%2f..%2fsecret.txt',
    '/../secret.txt',
    '/tiles/%00',
    '/tiles/.hidden',
  ])('answers path trick %s with 404 and no file content', async (path) => {
    const res = await rawGet(port, path);
    expect(res.status).toBe(404);
    expect(res.body.toString()).not.toContain('do not serve');
  });

  it('refuses a malformed escape as a bad request, without content', async () => {
    const res = await rawGet(port, '/tiles/%E0%A4%A');
    expect(res.status).toBe(400);
    expect(res.body.toString()).not.toContain('do not serve');
  });

  it('has an API with JSON errors', async () => {
    const health = await rawGet(port, '/api/health');
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body.toString())).toEqual({ status: 'ok', version: '9.9.9' });
    const missing = await rawGet(port, '/api/nope');
    expect(missing.status).toBe(404);
    expect(missing.headers['content-type']).toMatch(/^application\/json/);
  });

  it('answers 503 with the fix when the viewer is not built', async () => {
    const bare = await createServer({ viewerDir: join(dir, 'no-such-viewer'), tilesDir: join(dir, 'tiles') });
    const res = await bare.inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(503);
    expect(res.body).toContain('npm run build:viewer');
    await bare.close();
  });

  it('serves no source data: every file of a source folder under tiles/ is 404, also with CORS or HEAD', async () => {
    // The sample's source files as they once lay in tiles/source (still there in older checkouts).
    const tiles = mkdtempSync(join(tmpdir(), 'yz-source-'));
    const source = join(tiles, 'source');
    mkdirSync(join(source, 'nested'), { recursive: true });
    const files = ['archive.csv', 'archive.xlsx', 'lifelines.geojson', 'dem.tif', 'buildings.geojson', 'areas.geojson', 'rail.geojson', 'roads.geojson', 'nested/x.json'];
    for (const file of files) writeFileSync(join(source, file), 'code,grade,hazards\nYZ-0001,D,secret');
    writeFileSync(join(tiles, 'README.md'), 'secret');
    mkdirSync(join(tiles, 'buildings'));
    writeFileSync(join(tiles, 'buildings', 'tileset.json'), '{}');
    const app = await createServer({ viewerDir: join(tiles, 'no-viewer'), tilesDir: tiles });
    try {
      expect((await app.inject({ method: 'GET', url: '/tiles/buildings/tileset.json' })).statusCode).toBe(200);
      for (const url of [...files.map((f) => `/tiles/source/${f}`), '/tiles/source/', '/tiles/source', '/tiles/README.md', '/tiles/']) {
        for (const method of ['GET', 'HEAD'] as const) {
          const res = await app.inject({ method, url, headers: { origin: 'https://elsewhere.example' } });
          expect(res.statusCode, `${method} ${url}`).toBe(404);
          expect(res.body).not.toContain('secret');
          expect(res.headers['access-control-allow-origin']).toBeUndefined();
        }
      }
    } finally {
      await app.close();
      rmSync(tiles, { recursive: true, force: true });
    }
  });
});
