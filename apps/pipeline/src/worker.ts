// Worker-thread entry for tinypool: one batch of records per task.
import { workerData } from 'node:worker_threads';
import { type ProcessOptions, processTask, type Task } from './process.js';
import { pack } from './spool.js';

// tinypool passes [its own state, the pool's workerData].
const options = ((workerData as unknown[] | undefined)?.[1] as { options?: ProcessOptions } | undefined)
  ?.options;

/** One batch of records (see run.ts): packed results (spool lines serialized here), same order. */
export default function work(tasks: Task[]) {
  if (!options) throw new Error('worker started without options');
  return tasks.map((t) => pack(processTask(t, options)));
}
