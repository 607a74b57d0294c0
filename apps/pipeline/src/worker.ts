// Worker-thread entry for tinypool: one batch of records per task.
import { workerData } from 'node:worker_threads';
import Tinypool from 'tinypool';
import { withMentionColumns } from './mention-columns.js';
import { type ProcessOptions, processTask, type Task } from './process.js';
import { Ring } from './ring.js';
import { BatchPacker } from './spool.js';

// tinypool passes [its own state, the pool's workerData].
const options = ((workerData as unknown[] | undefined)?.[1] as { options?: ProcessOptions } | undefined)
  ?.options;

/** This worker's ring of shared memory for spool lines (ring.ts). */
const ring = new Ring();

/**
 * One batch of records (see run.ts): packed results, same order. Their spool lines are serialized
 * here, into this worker's ring, which the main thread shares; a batch too large for it, into one
 * buffer that is moved to the main thread rather than copied.
 */
export default function work(tasks: Task[]) {
  if (!options) throw new Error('worker started without options');
  const packer = new BatchPacker();
  for (const t of tasks) packer.add(withMentionColumns(processTask(t, options)));
  const packed = packer.finish((data) => ring.put(data));
  if (packed[0]?.ticket) return packed;
  const buffer = packed.find((p) => p.bytes !== null)?.bytes?.buffer;
  if (!buffer) return packed;
  // tinypool's transferable shape: the value to send and the list to transfer (its symbols are
  // typed as unique symbols that the class's getters do not carry, hence the cast).
  const movable = { [Tinypool.transferableSymbol]: [buffer], [Tinypool.valueSymbol]: packed };
  return Tinypool.move(movable as unknown as Parameters<typeof Tinypool.move>[0]);
}
