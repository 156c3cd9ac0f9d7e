/**
 * Old residential communities (老旧小区) in the sense of the 2025–2027 plan: the census
 * covers communities built 2001–2010, whose pipes, lifts, parking and services are
 * renewed with residents co-funding.
 */
import type { BuildingProperties } from './building.ts';

export const OLD_COMMUNITY_YEARS = { from: 2001, to: 2010 } as const;

/** True for a residential building of a named community built in the census years. */
export function isOldCommunityBuilding(p: Pick<BuildingProperties, 'use' | 'community' | 'year_built'>): boolean {
  return (
    p.use === '住宅' &&
    p.community !== null &&
    p.year_built >= OLD_COMMUNITY_YEARS.from &&
    p.year_built <= OLD_COMMUNITY_YEARS.to
  );
}
