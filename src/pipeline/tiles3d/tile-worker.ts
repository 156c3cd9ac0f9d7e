/** Worker-thread entry: encodes tile jobs sent by the worker pool. */
import { parentPort } from 'node:worker_threads';
import { encodeTile, type TileJob } from './tile-encoder.ts';

parentPort!.on('message', async (message: { id: number; job: TileJob }) => {
  try {
    const result = await encodeTile(message.job);
    parentPort!.postMessage({ id: message.id, result }, [result.glb.buffer as ArrayBuffer]);
  } catch (error) {
    parentPort!.postMessage({ id: message.id, error: error instanceof Error ? error.stack ?? error.message : String(error) });
  }
});
// Modules loaded: tell the pool this worker can take jobs.
parentPort!.postMessage({ ready: true });
