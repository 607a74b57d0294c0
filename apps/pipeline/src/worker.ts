// Worker-thread entry for tinypool: one processed record per task.
import { workerData } from 'node:worker_threads';
import { type ProcessOptions, processTask, type Task } from './process.js';

// tinypool passes [its own state, the pool's workerData].
const options = ((workerData as unknown[] | undefined)?.[1] as { options?: ProcessOptions } | undefined)
  ?.options;

export default function work(task: Task) {
  if (!options) throw new Error('worker started without options');
  return processTask(task, options);
}
