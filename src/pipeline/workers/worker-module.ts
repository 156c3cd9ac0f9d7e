/**
 * What a worker pool runs: a module that exports `createWorkerHandler()`, named by its
 * URL. The pool has no list of job kinds: a feature pipeline registers its encoder by
 * passing the module in when it creates the pool (as 3DTilesRendererJS plugins
 * register themselves), so the pool and tiles3d import none of their users.
 */

/** A handler's answer: the result, and the buffers in it to move (not copy) back. */
export interface WorkerReply<R> {
  result: R;
  transfer?: ArrayBuffer[];
}

/** Answers one request; one handler per thread, so it may keep state between requests. */
export type WorkerHandler<Q, R> = (request: Q) => WorkerReply<R> | Promise<WorkerReply<R>>;

/** The export every worker module has, under this name. */
export const WORKER_HANDLER_EXPORT = 'createWorkerHandler';

/**
 * A worker module as its user passes it to the pool: `url` is the module itself
 * (`import.meta.url` inside it), `createWorkerHandler` the same function the module
 * exports, used when jobs run in this thread (0 workers, or before any is ready).
 */
export interface WorkerModule<Q, R> {
  url: string;
  createWorkerHandler(): WorkerHandler<Q, R>;
}
