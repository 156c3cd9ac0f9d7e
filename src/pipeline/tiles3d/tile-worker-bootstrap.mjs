// Worker-thread bootstrap: registers tsx in this thread, then loads the TypeScript
// worker. Plain JS, so it starts the same under tsx, vitest or plain node.
import { register } from 'tsx/esm/api';

register();
await import('./tile-worker.ts');
