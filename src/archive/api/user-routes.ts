/** `POST /api/users` and `GET /api/users` (admin only): accounts are created by an admin, never by sign-up. */
import { z } from 'zod';
import { createAccount } from '../service/accounts.ts';
import type { ArchiveApiContext, ZodApp } from './api-context.ts';
import { ApiErrorSchema } from '../../core/api/error-contract.ts';
import { NewUserRequestSchema, UserViewSchema } from '../../core/api/session-contracts.ts';
import { sendError } from './api-errors.ts';

export function registerUserRoutes(app: ZodApp, ctx: ArchiveApiContext): void {
  app.post(
    '/users',
    {
      onRequest: ctx.requireRole('admin'),
      schema: {
        tags: ['users'],
        summary: '新建用户 / create a user (admin)',
        body: NewUserRequestSchema,
        response: { 201: UserViewSchema, 400: ApiErrorSchema, 401: ApiErrorSchema, 403: ApiErrorSchema, 409: ApiErrorSchema },
      },
    },
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
    {
      onRequest: ctx.requireRole('admin'),
      schema: { tags: ['users'], summary: '用户列表 / list users (admin)', response: { 200: z.array(UserViewSchema), 401: ApiErrorSchema, 403: ApiErrorSchema } },
    },
    async () => ctx.store.listUsers(),
  );
}
