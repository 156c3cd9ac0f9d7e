/**
 * `POST /api/session` logs in (httpOnly cookie with a random token; only its hash is
 * stored), `DELETE /api/session` logs out, `GET /api/session` says who is logged in.
 * Wrong passwords are throttled per client address and name (`auth/login-throttle.ts`),
 * so guessing is slowed but nobody can lock a real user out.
 */
import { LoginThrottle } from '../auth/login-throttle.ts';
import { SESSION_COOKIE } from '../auth/session-tokens.ts';
import { closeSession, openSession, verifyLogin } from '../service/accounts.ts';
import type { ArchiveApiContext, ZodApp } from './api-context.ts';
import { LoginRequestSchema, SessionSchema } from '../../core/api/session-contracts.ts';
import { sendError } from './api-errors.ts';
import { apiRoute } from './api-route.ts';

export function registerSessionRoutes(app: ZodApp, ctx: ArchiveApiContext, throttle: LoginThrottle = new LoginThrottle()): void {
  const cookieOptions = { httpOnly: true, sameSite: 'strict' as const, path: '/api', secure: ctx.config.cookieSecure };

  app.post(
    '/session',
    apiRoute(ctx, { access: 'anyone', tag: 'session', summary: '登录 / log in; sets the httpOnly session cookie', errors: [401, 429], writes: true }, { body: LoginRequestSchema, response: { 200: SessionSchema } }),
    async (request, reply) => {
      const { name, password } = request.body;
      const address = request.ip;
      const verdict = throttle.check(address, name);
      if (verdict.kind === 'refused') {
        const wait = verdict.retryAfterS;
        const zhWait = wait < 120 ? `${wait} 秒` : `${Math.ceil(wait / 60)} 分钟`;
        const enWait = wait < 120 ? `${wait} s` : `${Math.ceil(wait / 60)} min`;
        reply.header('retry-after', String(wait));
        return sendError(
          reply,
          429,
          'too_many_attempts',
          verdict.scope === 'pair'
            ? `此地址对该用户名的密码错误次数过多，请 ${zhWait}后再试 / too many wrong passwords for this name from your address: try again in ${enWait}`
            : `此地址的密码错误次数过多，请 ${zhWait}后再试 / too many wrong passwords from your address: try again in ${enWait}`,
        );
      }
      if (verdict.delayMs > 0) await new Promise((done) => setTimeout(done, verdict.delayMs));
      const user = await verifyLogin(ctx.store, name, password);
      if (!user) {
        throttle.fail(address, name);
        return sendError(reply, 401, 'invalid_credentials', '用户名或密码错误 / wrong user name or password');
      }
      throttle.succeed(address, name);
      const { token, maxAgeS } = await openSession(ctx.store, user.id, ctx.config.sessionHours);
      reply.setCookie(SESSION_COOKIE, token, { ...cookieOptions, maxAge: maxAgeS });
      return { user };
    },
  );

  app.delete(
    '/session',
    apiRoute(ctx, { access: 'anyone', tag: 'session', summary: '退出登录 / log out', writes: true }, { response: { 200: SessionSchema } }),
    async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) await closeSession(ctx.store, token);
      reply.clearCookie(SESSION_COOKIE, cookieOptions);
      return { user: null };
    },
  );

  app.get(
    '/session',
    apiRoute(ctx, { access: 'anyone', tag: 'session', summary: '当前用户 / who is logged in' }, { response: { 200: SessionSchema } }),
    async (request) => ({ user: request.archiveUser }),
  );
}
