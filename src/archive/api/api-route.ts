/**
 * One archive route's options, written once: who may call it (the guard), where the
 * OpenAPI document lists it (tag, summary), its schemas, and every error status it can
 * answer, each with the `{error, message}` body. Every route module repeated the same
 * nine-line block with the access errors listed by hand (issue 16); here they follow from
 * the access and the inputs, so a route cannot forget the 401 of its guard, the 400 of
 * its validation or the 503 of a write that meets another process's lock.
 */
import type { onRequestAsyncHookHandler } from 'fastify';
import type { z } from 'zod';
import { ApiErrorSchema } from '../../core/api/error-contract.ts';
import type { Role } from '../../core/roles.ts';
import type { ArchiveApiContext } from './api-context.ts';

/** The OpenAPI tags, described in archive-api-plugin.ts. */
export type ApiTag = 'buildings' | 'grades' | 'stats' | 'areas' | 'lifelines' | 'analysis' | 'export' | 'session' | 'users';

/** Statuses an archive route answers with the `{error, message}` body. */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 503;

export interface ApiRouteDoc {
  /**
   * Who may call it: `anyone`; `reader` (open, or any logged-in user with ARCHIVE_READS=login:
   * 401); a role (that role or admin: 401 without a session, 403 with another role).
   */
  access: 'anyone' | 'reader' | Role;
  tag: ApiTag;
  summary: string;
  /** Errors the handler itself answers (404 not_found, 409 stale_version, …). 400 (validation) and the access errors are added. */
  errors?: readonly ErrorStatus[];
  /** It writes to the database: 503 `busy` + Retry-After when another process holds the write lock (api-errors.ts). */
  writes?: boolean;
}

interface RouteSchemas {
  params?: z.ZodType;
  querystring?: z.ZodType;
  body?: z.ZodType;
  /** Success bodies by status; the error bodies are added. */
  response?: Partial<Record<200 | 201, z.ZodType>>;
}

type Ok<S extends RouteSchemas> = S extends { response: infer R } ? R : unknown;

export interface ApiRouteOptions<S extends RouteSchemas> {
  onRequest?: onRequestAsyncHookHandler;
  schema: Omit<S, 'response'> & { tags: ApiTag[]; summary: string; response: Ok<S> & Record<ErrorStatus, typeof ApiErrorSchema> };
}

/** The statuses a route with this access and these schemas can answer with an error, ascending. */
export function errorStatuses(doc: ApiRouteDoc, schemas: RouteSchemas): ErrorStatus[] {
  const statuses = new Set<ErrorStatus>(doc.errors);
  if (schemas.params || schemas.querystring || schemas.body) statuses.add(400);
  if (doc.access !== 'anyone') statuses.add(401);
  if (doc.access !== 'anyone' && doc.access !== 'reader') statuses.add(403);
  if (doc.writes) statuses.add(503);
  return [...statuses].sort((a, b) => a - b);
}

export function apiRoute<const S extends RouteSchemas>(ctx: ArchiveApiContext, doc: ApiRouteDoc, schemas: S): ApiRouteOptions<S> {
  const errors = Object.fromEntries(errorStatuses(doc, schemas).map((status) => [status, ApiErrorSchema]));
  // The spread's type is what ApiRouteOptions spells out, but TypeScript cannot follow a spread of a generic.
  const schema = { tags: [doc.tag], summary: doc.summary, ...schemas, response: { ...schemas.response, ...errors } } as unknown as ApiRouteOptions<S>['schema'];
  if (doc.access === 'anyone') return { schema };
  return { onRequest: doc.access === 'reader' ? ctx.requireReader : ctx.requireRole(doc.access), schema };
}
