/** `POST /api/users` and `GET /api/users` (admin only): accounts are created by an admin, never by sign-up. */
import { z } from 'zod';
import { createAccount } from '../service/accounts.ts';
import type { ArchiveApiContext, ZodApp } from './api-context.ts';
import { NewUserRequestSchema, UserViewSchema } from '../../core/api/session-contracts.ts';
import { sendError } from './api-errors.ts';
import { apiRoute } from './api-route.ts';

export function registerUserRoutes(app: ZodApp, ctx: ArchiveApiContext): void {
  app.post(
    '/users',
    apiRoute(ctx, { access: 'admin', tag: 'users', summary: '新建用户 / create a user (admin)', errors: [409], writes: true }, { body: NewUserRequestSchema, response: { 201: UserViewSchema } }),
    async (request, reply) => {
      const { name, role, password } = request.body;
      const admin = request.archiveUser!;
      const result = await createAccount(ctx.store, name, role, password, { name: admin.name, userId: admin.id });
      if (!result.ok) return sendError(reply, 409, 'user_exists', `用户 ${name} 已存在 / user ${name} already exists`);
      return reply.code(201).send(result.value);
    },
  );

  app.get(
    '/users',
    apiRoute(ctx, { access: 'admin', tag: 'users', summary: '用户列表 / list users (admin)' }, { response: { 200: z.array(UserViewSchema) } }),
    async () => ctx.store.listUsers(),
  );
}
