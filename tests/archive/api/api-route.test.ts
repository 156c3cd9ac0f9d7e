import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { errorStatuses } from '../../../src/archive/api/api-route.ts';

const doc = { tag: 'buildings', summary: 's' } as const;

describe('the error statuses of a route', () => {
  it('follow from its access: 401 for readers, 401 and 403 for a role, none for anyone', () => {
    expect(errorStatuses({ ...doc, access: 'anyone' }, {})).toEqual([]);
    expect(errorStatuses({ ...doc, access: 'reader' }, {})).toEqual([401]);
    expect(errorStatuses({ ...doc, access: 'planner' }, {})).toEqual([401, 403]);
  });

  it('add 400 for validated input, 503 for a write, and the handler’s own, ascending and once each', () => {
    expect(errorStatuses({ ...doc, access: 'reader' }, { querystring: z.object({}) })).toEqual([400, 401]);
    expect(errorStatuses({ ...doc, access: 'anyone', errors: [429, 401], writes: true }, { body: z.object({}) })).toEqual([400, 401, 429, 503]);
    expect(errorStatuses({ ...doc, access: 'inspector', errors: [409, 404, 401], writes: true }, { params: z.object({}) })).toEqual([400, 401, 403, 404, 409, 503]);
  });
});
