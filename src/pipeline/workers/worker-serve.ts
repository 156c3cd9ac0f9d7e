/**
 * The worker-thread side of worker-pool.ts: one handler per thread (the module's
 * createWorkerHandler), requests answered one after another in arrival order (a
 * stateful handler such as terrain's sees them as the pool sent them), errors sent
 * back with their message and stack, and a `ready` message once the modules loaded.
 */
import { parentPort } from 'node:worker_threads';
import type { WorkerHandler } from './worker-module.ts';

export interface WorkerRequestMessage {
  id: number;
  request: unknown;
}

export type WorkerAnswerMessage =
  | { ready: true }
  | { id: number; result: unknown }
  | { id: number; error: { message: string; stack?: string } };

export function serveWorkerHandler(createWorkerHandler: () => WorkerHandler<unknown, unknown>): void {
  const port = parentPort!;
  const handler = createWorkerHandler();
  let queue: Promise<void> = Promise.resolve();
  port.on('message', (message: WorkerRequestMessage) => {
    queue = queue.then(async () => {
      try {
        const reply = await handler(message.request);
        port.postMessage({ id: message.id, result: reply.result } satisfies WorkerAnswerMessage, reply.transfer ?? []);
      } catch (error) {
        const e = error instanceof Error ? { message: error.message, ...(error.stack ? { stack: error.stack } : {}) } : { message: String(error) };
        port.postMessage({ id: message.id, error: e } satisfies WorkerAnswerMessage);
      }
    });
  });
  port.postMessage({ ready: true } satisfies WorkerAnswerMessage);
}
