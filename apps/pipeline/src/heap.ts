// Worker threads start with a larger old generation. V8 starts a new isolate's old generation small
// and grows it through full collections; an assembly thread promotes each Parquet part's buffered
// cells (bodies, names) and ran about 75 mark-compacts per 20,000 articles. At 64 MB it runs about
// 35, for some 45 MB more peak RSS (20,000 text captures on 2 workers: cpu 0.93x, wall 0.93x).
// V8 reads the flag when an isolate is created, so it applies to the workers started after it is
// set; the main thread keeps its own heap.
import { setFlagsFromString } from 'node:v8';

export const WORKER_INITIAL_OLD_SPACE_MB = 64;

let set = false;

/** Set once, before the first worker thread starts. */
export function startWorkerHeapsLarger(): void {
  if (set) return;
  setFlagsFromString(`--initial-old-space-size=${WORKER_INITIAL_OLD_SPACE_MB}`);
  set = true;
}
