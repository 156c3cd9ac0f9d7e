/**
 * The dossier and the grades map go out pre-serialized (cached JSON strings, gzip
 * buffers), so Fastify's response serializer never checks them against their schemas.
 * This test does: what the server sends must parse, strictly, with the contract in
 * src/core/api that the OpenAPI document and the viewer's types come from.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { DossierSchema } from '../../../src/core/api/dossier-contracts.ts';
import { GradeMapSchema } from '../../../src/core/api/grade-contracts.ts';
import { type ApiHarness, startApiHarness } from './api-harness.ts';

/** Refuses keys the schema does not name, at every depth the schema is an object. */
function strictParse(schema: z.ZodType, value: unknown): void {
  const result = schema.safeParse(value);
  expect(result.success, JSON.stringify(result.error?.issues.slice(0, 3))).toBe(true);
  expect(result.data).toEqual(value);
}

describe('pre-serialized bodies follow the API contract', () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await startApiHarness();
  });
  afterAll(async () => h.close());

  it('dossiers (graded with a plan, and unappraised) parse with DossierSchema, nothing added or lost', async () => {
    for (const code of ['YZ-00003', 'YZ-00008']) {
      const res = await h.http('GET', `/api/buildings/${code}`);
      expect(res.status).toBe(200);
      strictParse(DossierSchema, res.json());
    }
  });

  it('the whole grades map and a delta parse with GradeMapSchema', async () => {
    const full = await h.http('GET', '/api/grades');
    strictParse(GradeMapSchema, full.json());
    strictParse(GradeMapSchema, (await h.http('GET', '/api/grades?since=0')).json());
  });
});
