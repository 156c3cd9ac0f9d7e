/**
 * `POST /api/buildings/:code/inspections` (inspector): records an inspection; a grade change
 * also makes an appraisal. Dates after today (Asia/Shanghai) are refused: the current grade is
 * the latest appraisal's, so a future date would pin it. A back-dated grade change is kept in
 * the history but does not move the grade when a newer appraisal exists, and the answer says so.
 */
import type { ArchiveApiContext, ZodApp } from './api-context.ts';
import { CodeParams, ErrorBody, InspectionRequest, InspectionResponse } from './api-schemas.ts';
import { sendWriteError } from './api-errors.ts';

export function registerInspectionRoutes(app: ZodApp, ctx: ArchiveApiContext): void {
  app.post(
    '/buildings/:code/inspections',
    {
      onRequest: ctx.requireRole('inspector'),
      schema: {
        tags: ['buildings'],
        summary: '记录巡查 / record an inspection (role inspector); send the dossier version you saw',
        params: CodeParams,
        body: InspectionRequest,
        response: { 201: InspectionResponse, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 413: ErrorBody },
      },
    },
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
