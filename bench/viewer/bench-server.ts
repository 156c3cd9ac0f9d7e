/**
 * The server both viewers are measured against: the product server (`createServer`:
 * built viewer, `/tiles`, `/api`) exactly as `npm start` mounts it, plus, under
 * `/bench/`, the naive page, Cesium's UMD build for it, and the building footprints
 * from the source data (whole, or a subset for smoke runs). Builds what is missing first, as the browser tests do.
 */
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { openArchiveApi } from '../../src/server/archive-api-from-env.ts';
import { createServer } from '../../src/server/create-server.ts';
import { fullBuildPlan } from '../../src/build/build-plan.ts';
import { projectPaths } from '../../src/build/project-paths.ts';
import { runBuildSteps } from '../../src/build/build-steps.ts';

export interface BenchServerOptions {
  /** Project root (tiles/, dist/, var/). */
  root: string;
  /** Run the build steps first (what `npm start` does). Default true. */
  build?: boolean;
}

export interface BenchServer {
  baseUrl: string;
  close(): Promise<void>;
}

/** The first `limit` features of a FeatureCollection, as GeoJSON text. */
export function featureSubset(geojson: string, limit: number): string {
  const collection = JSON.parse(geojson) as { features: unknown[] };
  return JSON.stringify({ ...collection, features: collection.features.slice(0, limit) });
}

async function addBenchRoutes(app: FastifyInstance, root: string, buildingsFile: string): Promise<void> {
  await app.register(fastifyStatic, { root: join(root, 'node_modules', 'cesium', 'Build', 'Cesium'), prefix: '/bench/cesium/', decorateReply: false });
  await app.register(fastifyStatic, { root: join(root, 'bench', 'viewer', 'page'), prefix: '/bench/page/', decorateReply: false });
  let source: string | undefined;
  app.get<{ Querystring: { limit?: string } }>('/bench/buildings-subset.geojson', async (request, reply) => {
    const limit = Number(request.query.limit ?? 1000);
    source ??= readFileSync(buildingsFile, 'utf8');
    return reply.type('application/geo+json').send(featureSubset(source, Number.isFinite(limit) && limit > 0 ? limit : 1000));
  });
  // The naive page's whole footprint source: /tiles serves build outputs only.
  app.get('/bench/buildings.geojson', async (_request, reply) => {
    source ??= readFileSync(buildingsFile, 'utf8');
    return reply.type('application/geo+json').send(source);
  });
}

export async function startBenchServer(options: BenchServerOptions): Promise<BenchServer> {
  const paths = projectPaths(options.root);
  if (options.build ?? true) await runBuildSteps(fullBuildPlan(paths));
  // Reads only: the bench never writes to the archive.
  const archive = openArchiveApi(paths.root);
  const app = await createServer({ viewerDir: paths.viewerDist, tilesDir: paths.tiles, apiPlugins: [archive.plugin] });
  app.addHook('onClose', archive.close);
  await addBenchRoutes(app, options.root, join(paths.sourceData, 'buildings.geojson'));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return { baseUrl: `http://127.0.0.1:${port}`, close: () => app.close() };
}
