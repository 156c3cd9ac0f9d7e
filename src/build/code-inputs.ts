/**
 * A build step's code inputs, from its import graph instead of a hand-kept folder list
 * (issue 16: the overlays step listed overlays/, publish/ and src/sources but not
 * src/core, so a change to a core rule it uses left the overlays "up to date"). Given
 * the step's entry module(s), esbuild walks every static and literal dynamic import
 * (`metafile`, `bundle: true, write: false, platform: 'node', packages: 'external'`);
 * npm packages stay out (package-lock.json is not a data step's input, as before).
 *
 * Two kinds of edge esbuild does not follow are added here: `new URL('./x',
 * import.meta.url)` with a literal relative path — a worker entry (worker-serve.ts,
 * worker-bootstrap.mjs), walked as a further entry, or a data file or folder the code
 * reads at run time (src/sample/reference/), listed as it is. Type-only imports are
 * erased by esbuild and so are not inputs: a type cannot change what a step writes.
 *
 * The files are those of the checkout the running code is in (what actually builds),
 * not of `ProjectPaths.root`; in every script the two are the same folder. The build
 * engine itself (src/build/*.ts outside steps/) is left out: it decides when a step
 * runs, not what it writes, and listing it would rebuild every tile set whenever the
 * make logic changes. A step's own file (src/build/steps/…) is in.
 *
 * Cost, measured on this checkout (2 cores shared with other work, 3 runs of the full
 * plan): 0.19–0.42 s for all the data steps' graphs the first time in a process
 * (10–230 ms a step, 15–56 files each), then from the per-process cache (< 1 ms);
 * `npm start` asks once per step, and only when it checks the step.
 */
import { buildSync, type Message } from 'esbuild';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The checkout this module is in: the project whose code the steps run. */
export const CODE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface CodeInputsOptions {
  /** The project folder whose files count; default CODE_ROOT. Files outside it (and in node_modules) are never inputs. */
  root?: string;
  /** Left out of the result (path relative to `root`, `/`-separated); default: the build engine, src/build/*.ts outside steps/. */
  exclude?: (relativePath: string) => boolean;
}

export const isBuildEngine = (relativePath: string): boolean => /^src\/build\/[^/]+$/.test(relativePath);

/** `new URL('./literal', import.meta.url)`: a worker entry or a file the module reads at run time. */
const URL_REFERENCE = /new\s+URL\(\s*(['"`])(\.{1,2}\/[^'"`$]*)\1\s*,\s*import\.meta\.url\s*\)/g;
const MODULE_FILE = /\.(?:[cm]?[jt]s|tsx|jsx)$/;

const cache = new Map<string, readonly string[]>();

/**
 * The project files (absolute paths, sorted) that the modules `entries` (file URLs or
 * absolute paths) import, transitively, including the entries; plus the files and
 * folders they reference through `new URL(…, import.meta.url)`. Cached per process by
 * root and entries. Throws (zh-CN / English, with a fix) when a module cannot be parsed.
 */
export function codeInputs(entries: ReadonlyArray<string | URL>, options: CodeInputsOptions = {}): readonly string[] {
  const root = resolve(options.root ?? CODE_ROOT);
  const exclude = options.exclude ?? isBuildEngine;
  const start = entries.map((e) => (e instanceof URL || e.startsWith('file:') ? fileURLToPath(e) : resolve(e)));
  const key = JSON.stringify([root, [...start].sort(), options.exclude ? String(options.exclude) : '']);
  const cached = cache.get(key);
  if (cached) return cached;

  const inside = (path: string) => {
    const rel = relative(root, path);
    return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) && !rel.split(sep).includes('node_modules');
  };
  const modules = new Set<string>();
  const referenced = new Set<string>();
  let pending = start;
  while (pending.length > 0) {
    const found = walk(pending, root);
    pending = [];
    for (const file of found) {
      if (modules.has(file) || !inside(file)) continue;
      modules.add(file);
      for (const match of readFileSync(file, 'utf8').matchAll(URL_REFERENCE)) {
        const target = resolve(dirname(file), match[2]!);
        if (!inside(target)) continue;
        if (MODULE_FILE.test(target) && existsSync(target) && statSync(target).isFile()) {
          if (!modules.has(target)) pending.push(target);
        } else {
          referenced.add(target.endsWith(sep) ? target.slice(0, -1) : target);
        }
      }
    }
  }
  const result = Object.freeze([...modules, ...referenced].filter((path) => !exclude(relative(root, path).split(sep).join('/'))).sort());
  cache.set(key, result);
  return result;
}

/** The absolute paths of every module esbuild reaches from `entries`. */
function walk(entries: string[], root: string): string[] {
  let metafile;
  try {
    ({ metafile } = buildSync({
      entryPoints: entries,
      absWorkingDir: root,
      bundle: true,
      write: false,
      metafile: true,
      platform: 'node',
      format: 'esm',
      packages: 'external',
      outdir: join(root, '.code-inputs'),
      logLevel: 'silent',
    }));
  } catch (error) {
    const errors = (error as { errors?: Message[] }).errors ?? [];
    const first = errors[0];
    const where = first?.location ? `${first.location.file}:${first.location.line}: ${first.text}` : error instanceof Error ? error.message : String(error);
    throw new Error(`无法读取构建步骤的代码依赖 / cannot read a build step's imports: ${where}. 修复 / fix: correct that module (npm run typecheck shows it).`, { cause: error });
  }
  return Object.keys(metafile.inputs).map((input) => resolve(root, input));
}
