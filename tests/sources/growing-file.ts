/**
 * A GeoJSON file that is still being written: a named pipe whose writer sends the
 * first half of a FeatureCollection, then waits until the reader has produced its
 * first feature (or 5 s, so that a reader which waits for the end of the file fails
 * an assertion instead of hanging) before sending the rest.
 */
import { execFileSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';

export interface GrowingFile {
  path: string;
  /** Call when the reader has its first feature. */
  gotFirst: () => void;
  /** Whether the writer has finished and closed the file. */
  closed: () => boolean;
  /** Resolves when the writer is done. */
  done: Promise<void>;
}

export function growingGeoJson(dir: string, name: string, feature: (i: number) => unknown, count = 1000): GrowingFile {
  const path = join(dir, name);
  execFileSync('mkfifo', [path]);
  const writer = createWriteStream(path);
  let closed = false;
  let gotFirst!: () => void;
  const first = new Promise<void>((resolve) => (gotFirst = resolve));
  const half = Math.floor(count / 2);
  const done = (async () => {
    writer.write(`{"type":"FeatureCollection","features":[${JSON.stringify(feature(0))}`);
    for (let i = 1; i < half; i++) writer.write(`,${JSON.stringify(feature(i))}`);
    await Promise.race([first, new Promise((r) => setTimeout(r, 5_000))]);
    for (let i = half; i < count; i++) writer.write(`,${JSON.stringify(feature(i))}`);
    await new Promise<void>((resolve) => writer.end(']}', resolve));
    closed = true;
  })();
  return { path, gotFirst, closed: () => closed, done };
}
