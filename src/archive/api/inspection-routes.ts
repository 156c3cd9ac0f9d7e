/**
 * `POST /api/buildings/:code/inspections` (inspector): records an inspection; a grade change
 * also makes an appraisal. Dates after today (Asia/Shanghai) are refused: the current grade is
 * the latest appraisal's, so a future date would pin it. A back-dated grade change is kept in
 * the history but does not move the grade when a newer appraisal exists, and the answer says so.
 */
import type { ArchiveApiContext, ZodApp } from './api-context.ts';
import { CodeParams, ErrorBody, InspectionRequest, InspectionResponse } from './api-schemas.ts';
import { sendError, sendWriteError } from './api-errors.ts';

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
      const today = ctx.today();
      if (request.body.date > today) {
        return sendError(
          reply,
          400,
          'future_date',
          `巡查日期 date（${request.body.date}）晚于今天（${today}，北京时间），请填写实际巡查日期 / date (${request.body.date}) is after today (${today}, Asia/Shanghai): give the day the inspection was made`,
        );
      }
      const result = await ctx.store.recordInspection(request.params.code, request.body, { name: user.name, userId: user.id });
      if (!result.ok) return sendWriteError(reply, result.error);
      void ctx.feed.notify();
      const { gradeApplied, currentAppraisal } = result.value;
      const message =
        gradeApplied || !currentAppraisal
          ? null
          : `已记录，但等级未改为 ${request.body.grade}：${currentAppraisal.date} 有更新的鉴定（${currentAppraisal.grade} 级），当前等级仍为 ${currentAppraisal.grade} / recorded, but the grade stays ${currentAppraisal.grade}: a newer appraisal (${currentAppraisal.date}, grade ${currentAppraisal.grade}) outranks this inspection's ${request.body.grade}`;
      return reply.code(201).send({ ...result.value, message });
    },
  );
}
