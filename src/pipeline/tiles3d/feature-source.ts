/**
 * Feeds input features one by one to a consumer, for every feature tileset
 * (buildings, lifelines). Sync sources (generators, arrays) skip for-await's
 * promise per feature, which is most of the read time on a million features.
 */

/** What a tileset step reads: a file reader's async stream, or a generator/array. */
export type FeatureSource<F> = AsyncIterable<F> | Iterable<F>;

/** Feeds each feature to `take` until it returns true (stop); says whether it stopped. */
export async function feedFeatures<F>(source: FeatureSource<F>, take: (feature: F) => boolean): Promise<boolean> {
  if (Symbol.iterator in source) {
    for (const feature of source) if (take(feature)) return true;
    return false;
  }
  for await (const feature of source) if (take(feature)) return true;
  return false;
}
