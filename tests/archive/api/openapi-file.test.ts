import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { archiveOpenApiDocument, openApiJson } from '../../../src/archive/api/openapi-document.ts';

describe('the OpenAPI file', () => {
  it('src/archive/api/openapi.json matches the route schemas (run `npm run archive:openapi` after changing them)', async () => {
    const committed = readFileSync('src/archive/api/openapi.json', 'utf8');
    expect(openApiJson(await archiveOpenApiDocument())).toBe(committed);
  });
});
