// Worker-thread entry that runs the final assembly (see assemble.ts) under a heap cap, so the
// table writers' garbage is collected before it piles up and peak memory stays bounded.
import { parentPort, workerData } from 'node:worker_threads';
import { type AssemblyPlan, assemble } from './assemble.js';
import type { Format, RecordResult } from './rows.js';
import { Spool } from './spool.js';

interface Job {
  spoolPath: string;
  plan: AssemblyPlan;
  orphans: RecordResult[];
  dir: string;
  formats: Format[];
  bom?: boolean;
  recordsPath: string | null;
}

const job = workerData as Job;
// The entries stay in the parent: the plan carries the ids, order and line spans the worker needs.
const spool = Spool.forReading(job.spoolPath, [], job.orphans);
assemble(spool, job.dir, job.formats, { bom: job.bom, recordsPath: job.recordsPath, plan: job.plan }).then(
  (result) => {
    spool.close();
    parentPort?.postMessage({ ok: true, result });
  },
  (e: unknown) => {
    spool.close();
    parentPort?.postMessage({ ok: false, message: e instanceof Error ? e.message : String(e) });
  },
);
