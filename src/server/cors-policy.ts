/**
 * Who may talk to the server from a web page on another origin, decided in one place.
 *
 * Writes under `/api` (POST, PUT, PATCH, DELETE) from another site are refused with 403,
 * whatever cookie they carry: SameSite=Strict keeps the session cookie off cross-site
 * requests, but not off requests from a sibling subdomain (same site, other origin), and a
 * login form posted from elsewhere needs no cookie at all. A write is allowed when
 *   1. `Sec-Fetch-Site` is `same-origin` or `none` (the browser vouches; pages cannot set it), or
 *   2. `Origin` names this server (its host and port equal the request's `Host`, or a trusted
 *      proxy's `X-Forwarded-Host`; the scheme is not compared, so a TLS-terminating proxy in
 *      front works), or is in `corsOrigins`, or
 *   3. neither header is sent: not a browser (curl, scripts with a cookie or token). Browsers
 *      always send `Origin` on a cross-site POST, so this lets no web page through.
 * `Origin: null` (sandboxed frames, local files) and a `Sec-Fetch-Site` of `same-site` or
 * `cross-site` without an allowed `Origin` are refused.
 *
 * CORS: `/api` answers CORS, with credentials, only for the origins in `corsOrigins`
 * (`ARCHIVE_CORS_ORIGINS`; default none = same origin only), preflight included; a preflight
 * from any other origin gets 403. `/tiles` is public geometry without secrets, so it stays
 * `Access-Control-Allow-Origin: *` (set where the tiles are served) and this module answers
 * its preflight (OPTIONS) with 204, so a viewer hosted elsewhere can load tiles with any
 * request headers.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export interface OriginPolicyOptions {
  /** Exact origins (`https://viewer.example.org`) allowed to use `/api` from the browser. */
  corsOrigins?: readonly string[];
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const API_METHODS = 'GET, HEAD, POST, PUT, PATCH, DELETE';
const API_REQUEST_HEADERS = 'content-type, if-none-match, last-event-id';
const API_EXPOSED_HEADERS = 'etag, retry-after, content-disposition';

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** host[:port] without the scheme's default port, lower case. */
function authority(hostPort: string, scheme: string): string {
  const lower = hostPort.toLowerCase();
  if ((scheme === 'http:' && lower.endsWith(':80')) || (scheme === 'https:' && lower.endsWith(':443'))) return lower.replace(/:\d+$/, '');
  return lower;
}

/** Whether `origin` is this server as the request addressed it (Host header). */
export function isOwnOrigin(origin: string, host: string | undefined): boolean {
  if (!host) return false;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  return authority(url.host, url.protocol) === authority(host, url.protocol);
}

/** Why a write must be refused, or null when it may go on. */
export function crossSiteWriteRefusal(request: FastifyRequest, corsOrigins: ReadonlySet<string>): string | null {
  const site = header(request, 'sec-fetch-site');
  if (site === 'same-origin' || site === 'none') return null;
  const origin = header(request, 'origin');
  if (origin !== undefined) {
    if (corsOrigins.has(origin) || isOwnOrigin(origin, request.host)) return null;
    return `来源 ${origin}`;
  }
  if (site !== undefined) return `Sec-Fetch-Site: ${site}`;
  return null;
}

function refuse(reply: FastifyReply, error: string, message: string): FastifyReply {
  return reply.code(403).type('application/json; charset=utf-8').send({ error, message });
}

function isApiPath(path: string): boolean {
  return path === '/api' || path.startsWith('/api/');
}

export function registerOriginPolicy(app: FastifyInstance, options: OriginPolicyOptions = {}): void {
  const allowed = new Set(options.corsOrigins ?? []);
  if (allowed.size > 0) {
    // API answers depend on Origin once some origins get CORS: say so to caches, keeping the routes' own Vary.
    app.addHook('onSend', async (request, reply, payload) => {
      if (!isApiPath(request.raw.url?.split('?')[0] ?? '/')) return payload;
      const vary = String(reply.getHeader('vary') ?? '');
      if (!/(^|,)\s*origin\s*(,|$)/i.test(vary)) reply.header('vary', vary ? `${vary}, Origin` : 'Origin');
      return payload;
    });
  }
  app.addHook('onRequest', async (request, reply) => {
    const path = request.raw.url?.split('?')[0] ?? '/';
    const preflight = request.method === 'OPTIONS' && header(request, 'access-control-request-method') !== undefined;

    if (path.startsWith('/tiles/')) {
      if (!preflight) return;
      return reply
        .code(204)
        .header('access-control-allow-origin', '*')
        .header('access-control-allow-methods', 'GET, HEAD')
        .header('access-control-allow-headers', header(request, 'access-control-request-headers') ?? '*')
        .header('access-control-max-age', '86400')
        .send();
    }
    if (!isApiPath(path)) return;

    const origin = header(request, 'origin');
    const corsAllowed = origin !== undefined && allowed.has(origin);
    if (corsAllowed) {
      reply.header('access-control-allow-origin', origin).header('access-control-allow-credentials', 'true');
    }
    if (preflight) {
      if (!corsAllowed) {
        return refuse(
          reply,
          'cors_origin_not_allowed',
          `来源 ${origin ?? '(无)'} 不在 ARCHIVE_CORS_ORIGINS 中，不能跨域访问档案 API / origin ${origin ?? '(none)'} is not in ARCHIVE_CORS_ORIGINS: the archive API answers other origins only when they are listed there`,
        );
      }
      return reply
        .code(204)
        .header('access-control-allow-methods', API_METHODS)
        .header('access-control-allow-headers', API_REQUEST_HEADERS)
        .header('access-control-max-age', '600')
        .send();
    }
    if (corsAllowed) reply.header('access-control-expose-headers', API_EXPOSED_HEADERS);
    if (WRITE_METHODS.has(request.method)) {
      const why = crossSiteWriteRefusal(request, allowed);
      if (why) {
        return refuse(
          reply,
          'cross_site_write',
          `拒绝来自其他网站的写请求（${why}）：请在本系统页面中操作，或由管理员把该来源加入 ARCHIVE_CORS_ORIGINS / cross-site write refused (${why.replace('来源', 'origin')}): use the archive's own pages, or ask the administrator to add that origin to ARCHIVE_CORS_ORIGINS`,
        );
      }
    }
  });
}
