/**
 * Resolves the session cookie to a user once per request, and the role guards built
 * on it. Requests without the cookie cost nothing here.
 */
import type { FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import { roleAllows, ROLE_INFO } from '../auth/roles.ts';
import { SESSION_COOKIE } from '../auth/session-tokens.ts';
import { sessionUser } from '../service/accounts.ts';
import type { Role } from '../../core/roles.ts';
import type { ArchiveStore } from '../store/archive-store.ts';
import { sendError } from './api-errors.ts';

export function sessionResolver(store: ArchiveStore) {
  return async (request: FastifyRequest): Promise<void> => {
    request.archiveUser = null;
    const token = request.cookies?.[SESSION_COOKIE];
    if (!token || token.length > 200) return;
    request.archiveUser = await sessionUser(store, token, new Date());
  };
}

export function roleGuard(...roles: Role[]): onRequestAsyncHookHandler {
  return async function guard(request: FastifyRequest, reply: FastifyReply) {
    const user = request.archiveUser;
    if (!user) return sendError(reply, 401, 'unauthorized', '请先登录 (POST /api/session) / log in first (POST /api/session)');
    if (!roleAllows(user.role, roles)) {
      const need = roles.map((r) => `${ROLE_INFO[r].zh}/${ROLE_INFO[r].en}`).join(', ');
      return sendError(reply, 403, 'forbidden', `您的角色（${ROLE_INFO[user.role].zh}）无权执行此操作，需要：${need} / your role (${user.role}) may not do this; it needs: ${need}`);
    }
  };
}
