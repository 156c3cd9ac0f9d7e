/**
 * Remembers values for at most `max` distinct keys, then forgets them all and
 * remembers nothing more: a column of a district's file that repeats a few words
 * (小区, 结构类型, 用途) over 100k records is decoded, checked or mapped once per word,
 * while a column unique per record (an address) costs at most `max` entries and is
 * then computed as it comes. Used by the DBF decoder, the code-page scan and the field
 * mapper (src/sources), where one GBK decode or NFKC lookup costs about a microsecond.
 */
export class BoundedMemo<V> {
  private entries: Map<string, V> | null = new Map();

  constructor(private readonly max: number) {}

  /** False once full: a caller can skip making the key. */
  get remembering(): boolean {
    return this.entries !== null;
  }

  /** The remembered value, or undefined (never remembered, or the memo is full). */
  get(key: string): V | undefined {
    return this.entries?.get(key);
  }

  /** Remembers `value` under `key`; the key past `max` distinct ones turns remembering off. */
  set(key: string, value: V): void {
    if (this.entries === null) return;
    if (this.entries.size >= this.max && !this.entries.has(key)) this.entries = null;
    else this.entries.set(key, value);
  }
}
