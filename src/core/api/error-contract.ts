/**
 * The body of every archive API error: a stable machine code and a sentence a person can
 * act on, zh-CN / English. One schema for the OpenAPI document (every error status of
 * every route) and for the viewer's client.
 */
import { z } from 'zod';

export const ApiErrorSchema = z.object({
  error: z.string().describe('machine-readable code, e.g. not_found, stale_version'),
  message: z.string().describe('what went wrong and what to do, zh-CN / English'),
});
export type ApiError = z.infer<typeof ApiErrorSchema>;
