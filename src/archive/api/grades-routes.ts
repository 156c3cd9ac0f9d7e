/**
 * `GET /api/grades` (whole map, ETag, pre-gzipped; `?since=` for changes only) and
 * `GET /api/grades/stream` (server-sent events with each change as it is committed).
 */
import { gzipSync } from 'node:zlib';
import type { FastifyReply } from 'fastify';
import type { ArchiveApiContext, ZodApp } from './api-context.ts';
import { apiRoute } from './api-route.ts';
import { GradeMapSchema, GradesQuerySchema } from '../../core/api/grade-contracts.ts';

export function registerGradesRoutes(app: ZodApp, ctx: ArchiveApiContext): void {
  app.get(
    '/grades',
    {
      ...apiRoute(ctx, { access: 'reader', tag: 'grades', summary: '地图着色数据 / code → [grade, plan status] for the whole district (ETag; 304 with If-None-Match), or the changes since a version' }, { querystring: GradesQuerySchema, response: { 200: GradeMapSchema } }),
      // The body is gzipped once per version below; on-the-fly compression would redo it per request.
      compress: false,
    },
    async (request, zodReply) => {
      // Pre-serialized bodies (string, gzip buffer): the raw reply, the schema documents the shape.
      const reply = zodReply as FastifyReply;
      reply.header('cache-control', 'no-cache').header('vary', 'accept-encoding');
      const acceptsGzip = /\bgzip\b/.test(request.headers['accept-encoding'] ?? '');
      reply.type('application/json; charset=utf-8');
      if (request.query.since !== undefined) {
        // Deltas are usually tiny, but `since=0` or a stale client gets the whole map: compress those here.
        const json = JSON.stringify(await ctx.feed.since(request.query.since));
        if (acceptsGzip && json.length > 1024) return reply.header('content-encoding', 'gzip').send(gzipSync(json));
        return reply.send(json);
      }
      const body = await ctx.feed.full();
      reply.header('etag', body.etag);
      if (etagMatches(request.headers['if-none-match'], body.etag)) return reply.code(304).send();
      if (acceptsGzip) return reply.header('content-encoding', 'gzip').send(body.gzip);
      return reply.send(body.json);
    },
  );

  app.get(
    '/grades/stream',
    {
      onRequest: ctx.requireReader,
      compress: false,
      schema: {
        tags: ['grades'],
        summary: '等级变化事件流 / server-sent events: `grades` events carry {version, since, buildings} for each committed change',
        querystring: GradesQuerySchema,
      },
    },
    async (request, reply) => {
      const lastEventId = Number(request.headers['last-event-id']);
      const since = Number.isInteger(lastEventId) && lastEventId >= 0 ? lastEventId : request.query.since;
      reply.hijack();
      await ctx.feed.subscribe(reply.raw, since);
    },
  );
}

/** If-None-Match may list several tags or weak ones (`W/"…"`, e.g. after a proxy recompressed). */
function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t.replace(/^W\//, '') === etag;
  });
}
