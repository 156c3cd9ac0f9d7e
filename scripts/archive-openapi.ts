/** `npm run archive:openapi`: regenerate src/archive/api/openapi.json from the route schemas. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { archiveOpenApiDocument, openApiJson } from '../src/archive/api/openapi-document.ts';
import { PROJECT_ROOT } from './project-root.ts';

const path = join(PROJECT_ROOT, 'src', 'archive', 'api', 'openapi.json');
writeFileSync(path, openApiJson(await archiveOpenApiDocument()));
console.log(`已写入 / wrote ${path}`);
