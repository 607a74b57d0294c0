// Worker-thread entry for tinypool: writes one range of the final tables (see assemble.ts) under a
// heap cap, so the table writers' garbage is collected before it piles up and peak memory stays bounded.
import { type RangeJob, writeRange } from './write-range.js';

export default function work(job: RangeJob) {
  return writeRange(job);
}
