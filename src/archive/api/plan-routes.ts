/** `PUT /api/buildings/:code/plan` (planner or admin): creates or replaces the building's renovation plan. */
import type { ArchiveApiContext, ZodApp } from './api-context.ts';
import { ApiErrorSchema } from '../../core/api/error-contract.ts';
import { PlanRequestSchema, PlanSavedSchema } from '../../core/api/plan-contracts.ts';
import { CodeParamsSchema } from '../../core/api/request-fields.ts';
import { sendWriteError } from './api-errors.ts';

export function registerPlanRoutes(app: ZodApp, ctx: ArchiveApiContext): void {
  app.put(
    '/buildings/:code/plan',
    {
      onRequest: ctx.requireRole('planner'),
      schema: {
        tags: ['buildings'],
        summary: '一楼一策改造方案 / create or replace the renovation plan (role planner or admin)',
        params: CodeParamsSchema,
        body: PlanRequestSchema,
        response: { 200: PlanSavedSchema, 201: PlanSavedSchema, 400: ApiErrorSchema, 401: ApiErrorSchema, 403: ApiErrorSchema, 404: ApiErrorSchema, 409: ApiErrorSchema, 422: ApiErrorSchema },
      },
    },
    async (request, reply) => {
      const user = request.archiveUser!;
      const result = await ctx.archive.putPlan(request.params.code, request.body, { name: user.name, userId: user.id });
      if (!result.ok) return sendWriteError(reply, result.error);
      void ctx.feed.notify();
      return reply.code(result.value.created ? 201 : 200).send({ plan: result.value.plan, version: result.value.version });
    },
  );
}
