/**
 * The one Node process users talk to: the built viewer at `/`, tiles at `/tiles/…`
 * and the archive API at `/api/…`. Later parts register their API routes through
 * `apiPlugins`, so this file stays about hosting, not about any one feature.
 *
 * `/tiles/` serves only the published build outputs (`tileFolders`), never the
 * folder as a whole: it once served the source data too (archive.csv with every grade,
 * hazard and plan, 1.85 MB, with CORS `*`, also when ARCHIVE_READS=login closed the
 * API). Each published folder is a symlink to its current version
 * (src/pipeline/publish/published-folder.ts); a request resolves it once and serves
 * from that version's real folder, so the stat and the read of one file never fall
 * on two builds (resolving twice mixed builds in 3 of 2,814 reads during 1,500 publishes).
 */
import { existsSync } from 'node:fs';
import { realpath } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import fastifyCompress from '@fastify/compress';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyPluginAsync, type FastifyReply } from 'fastify';
import { geospatialContentType, isCompressibleType } from './content-types.ts';
import { isSafeRequestPath } from './path-guard.ts';
import { registerOriginPolicy } from './cors-policy.ts';

export interface ServerOptions {
  /** Folder of the built viewer (Vite output). */
  viewerDir: string;
  /** Folder of the tiles (pipeline output); its `tileFolders` are served at `/tiles/<folder>/`. */
  tilesDir: string;
  /** The subfolders of `tilesDir` that are published. Default: `PUBLISHED_TILE_FOLDERS`. */
  tileFolders?: readonly string[];
  /** Extra route plugins mounted under `/api`. */
  apiPlugins?: FastifyPluginAsync[];
  /** Fastify request logging. Default: off. */
  logger?: boolean;
  /** Version reported by `/api/health`. */
  version?: string;
  /** Origins allowed to use `/api` cross-origin (`ARCHIVE_CORS_ORIGINS`); default none. See `cors-policy.ts`. */
  corsOrigins?: readonly string[];
  /** Reverse proxies to believe for the client address, host and scheme (`ARCHIVE_TRUST_PROXY`); default none. */
  trustProxy?: readonly string[];
}

/** What the pipeline publishes under tiles/ for the viewer; anything else there is not served. */
export const PUBLISHED_TILE_FOLDERS: readonly string[] = ['terrain', 'basemap', 'buildings', 'lifelines', 'overlays'];

const NOT_FOUND = { error: 'not_found', message: '找不到该资源 / Not found' };

export async function createServer(options: ServerOptions): Promise<FastifyInstance> {
  const viewerDir = resolve(options.viewerDir);
  const tilesDir = resolve(options.tilesDir);
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: 1024 * 1024, trustProxy: options.trustProxy?.length ? [...options.trustProxy] : false });

  app.addHook('onRequest', async (request, reply) => {
    const rawPath = request.raw.url?.split('?')[0] ?? '/';
    if (!isSafeRequestPath(rawPath)) {
      return reply.code(404).send(NOT_FOUND);
    }
  });

  // Cross-site writes → 403, CORS for /api and /tiles (before any route sees the request).
  registerOriginPolicy(app, { corsOrigins: options.corsOrigins });

  // Must come before @fastify/static so static streams are compressed too.
  await app.register(fastifyCompress, {
    global: true,
    encodings: ['br', 'gzip', 'deflate'],
    threshold: 1024,
    customTypes: (type: string) => isCompressibleType(type),
    // Quality 4 keeps on-the-fly brotli cheap; the big win over gzip is at low levels too.
    brotliOptions: { params: { [(await import('node:zlib')).constants.BROTLI_PARAM_QUALITY]: 4 } },
  });

  const setContentType = (reply: FastifyReply, path: string) => {
    const type = geospatialContentType(path);
    if (type) reply.header('Content-Type', type);
  };

  const tileFolders = new Set(options.tileFolders ?? PUBLISHED_TILE_FOLDERS);
  await app.register(async (tiles) => {
    await tiles.register(fastifyStatic, {
      root: tilesDir,
      serve: false,
      decorateReply: true,
      dotfiles: 'ignore',
      index: false,
      setHeaders: (res, path) => {
        setContentType(res, path);
        // Tiles are immutable per build but rebuilds reuse names: revalidate cheaply by ETag.
        res.header('Cache-Control', 'public, max-age=60, must-revalidate');
        res.header('Access-Control-Allow-Origin', '*');
      },
    });
    tiles.get('/tiles/:folder/*', async (request, reply) => {
      // From the raw URL, still percent-encoded: send decodes it once (the guard above vetted it).
      const rawPath = request.raw.url?.split('?')[0] ?? '';
      const match = /^\/tiles\/([^/]+)\/(.*)$/.exec(rawPath);
      const folder = match?.[1];
      if (!match || folder === undefined || !tileFolders.has(folder)) return reply.code(404).send(NOT_FOUND);
      let root: string;
      try {
        root = await realpath(join(tilesDir, folder));
      } catch {
        return reply.code(404).send(NOT_FOUND);
      }
      return reply.sendFile(`/${match[2] ?? ''}`, root);
    });
  });

  await app.register(
    async (api) => {
      api.get('/health', async () => ({ status: 'ok', version: options.version ?? 'dev' }));
      for (const plugin of options.apiPlugins ?? []) await api.register(plugin);
      api.setNotFoundHandler((_request, reply) => reply.code(404).send(NOT_FOUND));
    },
    { prefix: '/api' },
  );

  if (existsSync(viewerDir)) {
    await app.register(fastifyStatic, {
      root: viewerDir,
      prefix: '/',
      decorateReply: false,
      dotfiles: 'ignore',
      setHeaders: (res, path) => {
        setContentType(res, path);
        // Vite fingerprints everything under /assets/, so those never change.
        if (path.includes('/assets/')) res.header('Cache-Control', 'public, max-age=31536000, immutable');
      },
    });
  } else {
    app.get('/', async (_request, reply) =>
      reply
        .code(503)
        .type('text/plain; charset=utf-8')
        .send(`查看器尚未构建 / The viewer is not built: run "npm run build:viewer" (expected ${viewerDir}).\n`),
    );
  }

  app.setNotFoundHandler((_request, reply) => reply.code(404).send(NOT_FOUND));
  return app;
}
