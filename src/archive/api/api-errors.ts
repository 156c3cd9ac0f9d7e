/**
 * Every API error is JSON `{error, message}`: a stable machine code and a sentence a
 * person can act on, zh-CN and English. One error handler maps Fastify's and Zod's
 * errors onto that shape, so no client ever sees a stack trace or an HTML page.
 * SQLITE_BUSY (another process holds the write lock longer than the server's short busy
 * timeout, see src/server/archive-api-from-env.ts) is 503 with `Retry-After`, not a 500.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { WriteError } from '../store/archive-store.ts';

export function sendError(reply: FastifyReply, status: number, error: string, message: string): FastifyReply {
  return reply.code(status).type('application/json; charset=utf-8').send({ error, message });
}

/** The 404 of a building code the archive does not hold (dossier, footprint, a building's pipes). */
export function noBuildingMessage(code: string): string {
  return `找不到楼栋 ${code}，请检查编码 / no building with code ${code}: check the code`;
}

export function sendWriteError(reply: FastifyReply, e: WriteError): FastifyReply {
  switch (e.kind) {
    case 'not_found':
      return sendError(reply, 404, 'not_found', `找不到楼栋 ${e.code} / no building with code ${e.code}`);
    case 'stale_version':
      return sendError(
        reply,
        409,
        'stale_version',
        `档案已被他人修改（您看到的是版本 ${e.expected}，当前为 ${e.current}），请刷新后重试 / the dossier changed since you loaded it (you had version ${e.expected}, it is now ${e.current}): reload it and try again`,
      );
    case 'invalid':
      return sendError(reply, 422, 'invalid', e.message);
    case 'future_date':
      return sendError(reply, 400, 'future_date', e.message);
  }
}

const CONTEXT_ZH: Record<string, string> = { body: '请求体', querystring: '查询参数', params: '路径参数', headers: '请求头' };

interface ValidationIssue {
  keyword: string;
  instancePath: string;
  message?: string;
  params: Record<string, unknown>;
}

/** One validation issue as "field: 中文 / English"; our own schema messages are bilingual already. */
function describeIssue(v: ValidationIssue): string {
  const field = v.instancePath === '/' ? '' : `${v.instancePath.slice(1).replaceAll('/', '.')}: `;
  const en = v.message ?? v.keyword;
  if (/[\u4e00-\u9fff]/.test(en)) return `${field}${en}`;
  const p = v.params;
  const zh: Record<string, () => string> = {
    invalid_type: () => `类型错误，应为 ${String(p.expected)}`,
    invalid_value: () => `取值无效，可选：${Array.isArray(p.values) ? p.values.join('、') : ''}`,
    too_small: () => `太小或太短（最少 ${String(p.minimum)}）`,
    too_big: () => `太大或太长（最多 ${String(p.maximum)}）`,
    unrecognized_keys: () => `未知字段 ${Array.isArray(p.keys) ? p.keys.join('、') : ''}`,
    invalid_format: () => '格式不正确',
  };
  return `${field}${zh[v.keyword]?.() ?? '不合法'} / ${en}`;
}

/** Seconds a client is told to wait when another process holds the database's write lock. */
export const BUSY_RETRY_AFTER_S = 1;

/** better-sqlite3's SqliteError for a lock it could not get in time (SQLITE_BUSY and its extended codes). */
export function isSqliteBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

export function archiveErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (isSqliteBusy(error)) {
    request.log.warn({ code: error.code }, 'archive database busy: another process holds the write lock');
    reply.header('retry-after', String(BUSY_RETRY_AFTER_S));
    return sendError(
      reply,
      503,
      'busy',
      `档案库正在被另一进程写入（如导入），本次未保存，请 ${BUSY_RETRY_AFTER_S} 秒后重试 / the archive is being written by another process (an import): nothing was saved, try again in ${BUSY_RETRY_AFTER_S} s`,
    );
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const context = error.validationContext ?? 'body';
    const details = (error.validation as unknown as ValidationIssue[]).slice(0, 5).map(describeIssue).join('; ');
    return sendError(reply, 400, 'invalid_request', `${CONTEXT_ZH[context] ?? context}不合法 / invalid ${context}: ${details}`);
  }
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return sendError(reply, 413, 'payload_too_large', '请求体超过 1 MB，请拆分后再提交 / request body over 1 MB: send less at a time');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return sendError(reply, 415, 'unsupported_media_type', '请以 application/json 发送 / send the body as application/json');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return sendError(reply, 400, 'invalid_json', '请求体为空，需要 JSON / the body is empty: send JSON');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return sendError(reply, 400, 'invalid_json', `请求体不是合法的 JSON / the body is not valid JSON: ${error.message}`);
  }
  if (error instanceof SyntaxError || (error.statusCode === 400 && /JSON/i.test(error.message))) {
    return sendError(reply, 400, 'invalid_json', `请求体不是合法的 JSON / the body is not valid JSON: ${error.message}`);
  }
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return sendError(reply, error.statusCode, 'bad_request', `请求有误 / bad request: ${error.message}`);
  }
  request.log.error(error);
  return sendError(reply, 500, 'internal', '服务器内部错误，请稍后重试或联系管理员 / internal server error: try again later or tell the administrator');
}
