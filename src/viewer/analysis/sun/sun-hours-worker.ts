/**
 * The sun-hours Web Worker: holds the scene (the pick index and the DEM, posted once,
 * ~20 MB copied, not re-sent per run) and runs sun-hours-job.ts off the page's thread,
 * posting progress every 64 points. Messages: sun-hours-client.ts.
 */
import { runSunHours, type SunHoursScene } from './sun-hours-job.ts';
import type { WorkerReply, WorkerRequest } from './sun-hours-client.ts';
import { resultTransferables, sampleTransferables } from '../../../core/analysis/sun-hours.ts';

let scene: SunHoursScene | null = null;
const post = (reply: WorkerReply, transfer: Transferable[] = []) => (self as unknown as Worker).postMessage(reply, transfer);

self.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const message = event.data;
  if (message.kind === 'scene') {
    scene = { index: message.index, terrain: message.terrain };
    return;
  }
  if (!scene) {
    post({ kind: 'failed', id: message.id, problems: [{ reason: 'no-scene', message: '日照计算未收到场景数据 / the sun-hours worker has no scene yet' }] });
    return;
  }
  const r = runSunHours(scene, message.request, (done, total) => post({ kind: 'progress', id: message.id, done, total }));
  if (!r.ok) post({ kind: 'failed', id: message.id, problems: r.problems });
  else post({ kind: 'done', id: message.id, answer: r.value }, [...sampleTransferables(r.value.samples), ...resultTransferables(r.value.result)]);
};
