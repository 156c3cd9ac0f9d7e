/**
 * The viewer's API client still spells out three answer shapes by hand (its footprint,
 * its session user, what it reads from a saved inspection). Until it takes them from
 * src/core/archive-views.ts, these type checks (run by `npm run typecheck`, and by vitest)
 * fail when the contract and the client's copies drift apart.
 */
import { describe, expectTypeOf, it } from 'vitest';
import type { BuildingFootprint, InspectionSaved, SessionView, UserView } from '../../src/core/archive-views.ts';
import type { BuildingFootprint as ClientFootprint, InspectionSaved as ClientInspectionSaved, SessionUser } from '../../src/viewer/api/archive-client.ts';

describe('the viewer client’s hand-written answer shapes', () => {
  it('are the contract’s, or the part of it the client reads', () => {
    expectTypeOf<BuildingFootprint>().toEqualTypeOf<ClientFootprint>();
    expectTypeOf<UserView>().toExtend<SessionUser>();
    expectTypeOf<SessionView['user']>().toExtend<SessionUser | null>();
    expectTypeOf<InspectionSaved>().toExtend<ClientInspectionSaved>();
  });
});
