/** `PUT /api/buildings/:code/plan` (planner or admin): creates or replaces the building's renovation plan. */
import type { ArchiveApiContext, ZodApp } from './api-context.ts';
import { CodeParams, ErrorBody, PlanRequest, PlanResponse } from './api-schemas.ts';
import { sendWriteError } from './api-errors.ts';

export function registerPlanRoutes(app: ZodApp, ctx: ArchiveApiContext): void {
  app.put(
    '/buildings/:code/plan',
    {
      onRequest: ctx.requireRole('planner'),
      schema: {
        tags: ['buildings'],
        summary: '一楼一策改造方案 / create or replace the renovation plan (role planner or admin)',
        params: CodeParams,
        body: PlanRequest,
        response: { 200: PlanResponse, 201: PlanResponse, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody },
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
