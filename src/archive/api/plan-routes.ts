/** `PUT /api/buildings/:code/plan` (planner or admin): creates or replaces the building's renovation plan. */
import type { ArchiveApiContext, ZodApp } from './api-context.ts';
import { PlanRequestSchema, PlanSavedSchema } from '../../core/api/plan-contracts.ts';
import { CodeParamsSchema } from '../../core/api/request-fields.ts';
import { sendWriteError } from './api-errors.ts';
import { apiRoute } from './api-route.ts';

export function registerPlanRoutes(app: ZodApp, ctx: ArchiveApiContext): void {
  app.put(
    '/buildings/:code/plan',
    apiRoute(ctx, { access: 'planner', tag: 'buildings', summary: '一楼一策改造方案 / create or replace the renovation plan (role planner or admin)', errors: [404, 409, 422], writes: true }, { params: CodeParamsSchema, body: PlanRequestSchema, response: { 200: PlanSavedSchema, 201: PlanSavedSchema } }),
    async (request, reply) => {
      const user = request.archiveUser!;
      const result = await ctx.archive.putPlan(request.params.code, request.body, { name: user.name, userId: user.id });
      if (!result.ok) return sendWriteError(reply, result.error);
      void ctx.feed.notify();
      return reply.code(result.value.created ? 201 : 200).send({ plan: result.value.plan, version: result.value.version });
    },
  );
}
