/**
 * Import rules, checked by `npm run lint` (`npm run lint:imports` alone): one house, one
 * direction (issue 16). The folders depend on each other one way only:
 *
 *   scripts/ → build/, server/, archive/, pipeline/, core/
 *   build/ → pipeline/, archive/, sample/, core/
 *   server/ → archive/, core/
 *   archive/ → sources/, core/
 *   pipeline/ → sources/, core/; inside it: buildings/, lifelines/ → tiles3d/, terrain/
 *             (the DEM); tiles3d/, terrain/, basemap/, overlays/ → workers/, publish/.
 *             tiles3d/ imports no layer, terrain/ no feature layer, workers/ and
 *             publish/ no layer at all.
 *   sample/ → sources/, core/ (it writes source files; its synthetic/ generators type
 *             their output with the sources' RawFeature)
 *   sources/ → core/ (one reader and validator per exchange file, for the pipeline and
 *             the archive alike: both accept exactly the same features)
 *   viewer/ → core/
 *
 * and one npm package is fenced in: better-sqlite3 only from src/archive/store/sqlite/
 * (the archive's other code talks to the store interfaces), and from the GeoPackage
 * reader, src/sources/formats/geopackage-reader.ts (a GeoPackage is an SQLite file).
 *
 * Rules are written by path pattern, so a folder that does not exist yet (src/server,
 * src/sources) is covered the day it appears. Type-only imports count: a cycle through
 * `import type` is still a cycle for whoever reads the code.
 */
/** An error when a module under `from` imports one under `to` (path patterns). */
function folderRule(name, comment, from, to) {
  return { name, severity: 'error', comment, from: { path: from }, to: { path: to } };
}

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No import cycle anywhere: a cycle means two modules are one module in two files.',
      from: {},
      to: { circular: true },
    },
    folderRule(
      'core-is-pure',
      'src/core holds the shared types and rules, for Node and the browser alike: it imports only src/core (and pure npm packages such as zod), no other folder.',
      '^src/core/',
      '^(src/(?!core/)|scripts/|tests/|bench/)',
    ),
    {
      name: 'core-has-no-node-builtins',
      severity: 'error',
      comment: 'src/core runs in the browser too: no node:fs, node:path or any other Node built-in.',
      from: { path: '^src/core/' },
      to: { dependencyTypes: ['core'] },
    },
    folderRule(
      'viewer-only-core',
      'The viewer is a browser bundle: it talks to the pipeline and the archive through the tiles and the API, never by importing their code.',
      '^src/viewer/',
      '^src/(pipeline|archive|build|server|sources)/',
    ),
    {
      name: 'viewer-no-node-builtins',
      severity: 'error',
      comment: 'The viewer runs in the browser: no Node built-ins.',
      from: { path: '^src/viewer/' },
      to: { dependencyTypes: ['core'] },
    },
    folderRule(
      'pipeline-not-archive-server-build',
      'The pipeline turns source files into tiles; it knows nothing of the archive, the server or the build plan that runs it.',
      '^src/pipeline/',
      '^src/(archive|server|build)/',
    ),
    folderRule(
      'archive-not-server-build-pipeline',
      'The archive is a library: the server serves it and the build plan imports into it, not the other way round. It reads the exchange files through src/sources (the same readers and validators as the pipeline), never through the pipeline.',
      '^src/archive/',
      '^src/(server|build|pipeline)/',
    ),
    folderRule(
      'sources-only-core',
      'src/sources reads and validates the exchange files (footprints, pipes, GeoJSON streamed) for the pipeline and the archive alike: it imports src/core, never its readers.',
      '^src/sources/',
      '^src/(pipeline|archive|build|server|viewer)/',
    ),
    folderRule(
      'sample-writes-source-files',
      'src/sample generates the exchange files a district would hand over; it imports only src/sources and src/core, nothing of the pipeline, the archive, the server, the build plan or the viewer.',
      '^src/sample/',
      '^src/(pipeline|archive|server|build|viewer)/',
    ),
    {
      name: 'only-build-imports-sample',
      severity: 'error',
      comment: 'Only the build plan (the sample step) runs the sample generator: the pipeline and the archive read its files, as they would a real district\'s.',
      from: { path: '^src/', pathNot: '^src/(build|sample)/' },
      to: { path: '^src/sample/' },
    },
    // Inside the pipeline (issue 16): the shared layers know none of their users.
    folderRule(
      'tiles3d-knows-no-layer',
      'src/pipeline/tiles3d is the shared tile layer (meshes and property columns in, glb out): the layers register their encoders with it, it imports none of them.',
      '^src/pipeline/tiles3d/',
      '^src/pipeline/(buildings|lifelines|terrain|basemap|overlays)/',
    ),
    folderRule(
      'terrain-not-feature-layers',
      'Terrain is built first and used by the feature layers (their DEM), never the other way round.',
      '^src/pipeline/terrain/',
      '^src/pipeline/(buildings|lifelines)/',
    ),
    folderRule(
      'shared-pipeline-modules-know-no-layer',
      'The worker pool (src/pipeline/workers) and the publishing (src/pipeline/publish) serve every layer: they import no layer folder, nor tiles3d.',
      '^src/pipeline/(workers|publish)/',
      '^src/pipeline/(buildings|lifelines|terrain|basemap|overlays|tiles3d)/',
    ),
    {
      name: 'sqlite-only-in-its-store',
      severity: 'error',
      comment: 'The archive talks to storage through src/archive/store/ (interfaces): only the SQLite implementation, src/archive/store/sqlite/, imports better-sqlite3, so a second backend replaces it without touching the service, the importers or the API (issue 16). scripts/, tests and bench may still open the file directly. One exception, src/sources/formats/geopackage-reader.ts: a hand-over GeoPackage is itself an SQLite file (issue 17), opened read-only, and has nothing to do with the archive\'s store.',
      from: { path: '^src/', pathNot: '^src/archive/store/sqlite/|^src/sources/formats/geopackage-reader\\.ts$' },
      to: { path: '(^|/)node_modules/(@types/)?better-sqlite3/' },
    },
    folderRule(
      'server-not-build',
      'The server serves what the build made; scripts/ wire the two together.',
      '^src/server/',
      '^src/build/',
    ),
    {
      name: 'only-entry-points-import-build',
      severity: 'error',
      comment: 'src/build orchestrates the libraries; only scripts/ (and tests, bench) import it.',
      from: { path: '^src/', pathNot: '^src/build/' },
      to: { path: '^src/build/' },
    },
    folderRule(
      'src-not-entry-points',
      'Library code never imports the command-line entry points, the tests or the benchmarks.',
      '^src/',
      '^(scripts|tests|bench)/',
    ),
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import the checker cannot resolve is an import it cannot check.',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    // npm packages stay in the graph as leaves (not followed, not excluded), so a rule can name one (better-sqlite3).
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|tiles|var)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.d.ts', '.js', '.mjs', '.cjs', '.json'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};
