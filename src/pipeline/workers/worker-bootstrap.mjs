// Worker-thread entry when the worker could not be bundled (worker-bundle.ts):
// registers tsx in this thread, then loads the TypeScript handler module named in
// workerData. Plain JS, so it starts the same under tsx, vitest or plain node.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { serveWorkerHandler } = await import('./worker-serve.ts');
const module = await import(workerData.handler);
serveWorkerHandler(module.createWorkerHandler);
