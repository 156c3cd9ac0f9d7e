/**
 * Building codes: the stable key that joins footprints, tiles, the archive and the URL.
 * Form: `YZ-` and at least five digits, e.g. `YZ-00001`.
 */

export const BUILDING_CODE_PATTERN = /^YZ-\d{5,}$/;

export function formatBuildingCode(index: number): string {
  if (!Number.isInteger(index) || index < 1) {
    throw new RangeError(`building index must be a positive integer, got ${index}`);
  }
  return `YZ-${String(index).padStart(5, '0')}`;
}

export function isBuildingCode(value: unknown): value is string {
  return typeof value === 'string' && BUILDING_CODE_PATTERN.test(value);
}
