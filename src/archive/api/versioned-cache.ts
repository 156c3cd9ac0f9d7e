/**
 * A small cache whose entries are valid for one archive change version: any write
 * (through this server or another process) bumps the version and so empties it.
 * Reads far outnumber writes, so whole-cache invalidation is simple and cheap.
 */
export class VersionedCache<V> {
  private version = -1;
  private readonly entries = new Map<string, V>();

  constructor(private readonly maxEntries = 20_000) {}

  get(version: number, key: string): V | undefined {
    if (version !== this.version) return undefined;
    return this.entries.get(key);
  }

  set(version: number, key: string, value: V): void {
    if (this.maxEntries <= 0) return;
    if (version !== this.version) {
      this.entries.clear();
      this.version = version;
    }
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, value);
  }
}
