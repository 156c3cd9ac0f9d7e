/**
 * `POST /api/buildings/:code/inspections` (inspector): records an inspection; a grade change
 * also makes an appraisal. Dates after today (Asia/Shanghai) are refused: the current grade is
 * the latest appraisal's, so a future date would pin it. A back-dated grade change is kept in
 * the history but does not move the grade when a newer appraisal exists, and the answer says so.
 */
import type { ArchiveApiContext, ZodApp } from './api-context.ts';
import { InspectionRequestSchema, InspectionSavedSchema } from '../../core/api/inspection-contracts.ts';
import { CodeParamsSchema } from '../../core/api/request-fields.ts';
import { sendWriteError } from './api-errors.ts';
import { apiRoute } from './api-route.ts';

export function registerInspectionRoutes(app: ZodApp, ctx: ArchiveApiContext): void {
  app.post(
    '/buildings/:code/inspections',
    apiRoute(ctx, { access: 'inspector', tag: 'buildings', summary: '记录巡查 / record an inspection (role inspector); send the dossier version you saw', errors: [404, 409, 413], writes: true }, { params: CodeParamsSchema, body: InspectionRequestSchema, response: { 201: InspectionSavedSchema } }),
    async (request, reply) => {
      const user = request.archiveUser!;
      // The rules (no date after today, back-dated grades) are the service's: service/inspections.ts.
      const result = await ctx.archive.recordInspection(request.params.code, request.body, { name: user.name, userId: user.id });
      if (!result.ok) return sendWriteError(reply, result.error);
      void ctx.feed.notify();
      return reply.code(201).send(result.value);
    },
  );
}
