/**
 * One house, one direction: `src/server` may import `src/archive`, never the other way
 * round; inside the archive the store (interfaces and SQLite) never reaches up into the
 * service or the API, so a second backend needs nothing from above it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** Every relative module a file imports (static, dynamic, re-export), as a path from the project root. */
function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)['"](\.[^'"]+)['"]/g)].map((m) => m[1]!);
  return specifiers.map((s) => relative(ROOT, resolve(dirname(file), s)));
}

function offenders(from: string, forbidden: string[]): string[] {
  return sourceFiles(join(ROOT, from)).flatMap((file) =>
    imports(file)
      .filter((target) => forbidden.some((f) => target === f || target.startsWith(`${f}/`)))
      .map((target) => `${relative(ROOT, file)} → ${target}`),
  );
}

describe('import direction', () => {
  it('src/archive never imports src/server', () => {
    expect(offenders('src/archive', ['src/server'])).toEqual([]);
  });

  it('the store (interfaces and SQLite) never imports the service or the API', () => {
    expect(offenders('src/archive/store', ['src/archive/service', 'src/archive/api', 'src/server'])).toEqual([]);
  });

  it('the service never imports the API or a store implementation', () => {
    expect(offenders('src/archive/service', ['src/archive/api', 'src/archive/store/sqlite', 'src/server'])).toEqual([]);
  });

  it('the API reaches no store implementation but through the OpenAPI generator', () => {
    expect(offenders('src/archive/api', ['src/archive/store/sqlite', 'src/server']).filter((o) => !o.startsWith('src/archive/api/openapi-document.ts'))).toEqual([]);
  });

  it('finds imports at all (the check is not vacuous)', () => {
    expect(offenders('src/server', ['src/archive']).length).toBeGreaterThan(0);
  });
});
