// Entry of the terrain worker threads: registers tsx so the worker can load the
// TypeScript module named in workerData (the pipeline runs from source with tsx).
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
