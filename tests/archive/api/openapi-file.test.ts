import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { archiveOpenApiDocument, openApiJson } from '../../../src/archive/api/openapi-document.ts';

type Operations = Record<string, Record<string, { responses?: Record<string, unknown> }>>;

describe('the OpenAPI file', () => {
  it('src/archive/api/openapi.json matches the route schemas (run `npm run archive:openapi` after changing them)', async () => {
    const committed = readFileSync('src/archive/api/openapi.json', 'utf8');
    expect(openApiJson(await archiveOpenApiDocument())).toBe(committed);
  });

  it('declares 503 busy on every route that writes, and on no read (reads never wait for the write lock)', async () => {
    const paths = (await archiveOpenApiDocument()).paths as Operations;
    const busy: string[] = [];
    const writes: string[] = [];
    for (const [path, methods] of Object.entries(paths)) {
      for (const [method, op] of Object.entries(methods)) {
        const name = `${method.toUpperCase()} ${path}`;
        if (method !== 'get') writes.push(name);
        if (op.responses?.['503']) busy.push(name);
      }
    }
    expect(writes.sort()).toEqual(['DELETE /api/session', 'POST /api/buildings/{code}/inspections', 'POST /api/session', 'POST /api/users', 'PUT /api/buildings/{code}/plan']);
    expect(busy.sort()).toEqual(writes);
  });
});
