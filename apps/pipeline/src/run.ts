// `akhbar run`: discover inputs, process records on a worker pool with backpressure, spool results,
// then assemble sorted, de-duplicated tables into a temporary folder swapped in atomically.
import { existsSync, mkdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Tinypool from 'tinypool';
import pkg from '../package.json' with { type: 'json' };
import { type AssembleResult, assemble, RANGE_ARTICLES } from './assemble.js';
import { SIGNATURE_VERSION } from './dedupe.js';
import { planInputs } from './discover.js';
import { sha256Hex } from './ids.js';
import {
  filesToProcess,
  InputsInFlight,
  isContainer,
  reuseRecords,
  type Shard,
  surveyInputs,
} from './input-ledger.js';
import { recordsOf, SidecarFinder } from './inputs.js';
import { INPUTS_FILE, InputsWriter, type ManifestHeader } from './manifest.js';
import { abandonOutput, beginOutput, commitOutput } from './output.js';
import { workersFor, writersFor } from './pool-size.js';
import { PreviousInputs } from './previous-inputs.js';
import { type ProcessOptions, processTask, type Task } from './process.js';
import { createProgress } from './progress.js';
import { releaseTicket } from './ring.js';
import type { ErrorRow, Format, RecordResult } from './rows.js';
import { type Packed, pack, Spool } from './spool.js';
import type { GazetteerEntry } from './stages.js';
import { currentOutputs, describeOutputs } from './up-to-date.js';

export const PIPELINE_VERSION: string = pkg.version;

export { inShard, type Shard } from './input-ledger.js';

export interface RunOptions {
  inputs: string[];
  out: string;
  formats?: Format[];
  /**
   * Worker threads, and threads writing the tables. Default: all cores, but no more workers than one
   * per 16 MB of input to process, and no more writing threads than one per 4,096 articles, since a
   * thread's start-up costs more than it saves on less (pool-size.ts). (From source, without a built
   * worker, records run in-process.)
   */
  workers?: number;
  force?: boolean;
  shard?: Shard;
  /** Inputs (files or records) larger than this become errors rows. Default 16 MB. */
  maxBytes?: number;
  /** Extra gazetteer entries for the entity tagger. */
  gazetteer?: GazetteerEntry[];
  /** Also run the learned tagger of @akhbar/entities for names the gazetteer lacks (method 'model'). */
  model?: boolean;
  progress?: 'auto' | 'bar' | 'lines' | 'none';
  bom?: boolean;
  /** Articles per range written by one thread (Parquet part files end at range ends). Default 2048. */
  rangeArticles?: number;
  /** A record that takes longer than this in a worker is stopped and becomes an errors row. Default 120 s. */
  taskTimeoutMs?: number;
  cwd?: string;
  signal?: AbortSignal;
}

export interface RunSummary extends AssembleResult {
  /**
   * Nothing changed since the previous run into the same folder (inputs, settings, output options,
   * the tables themselves): its tables were left as they are (up-to-date.ts) and their counts reported.
   */
  upToDate: boolean;
  inputs: number;
  reusedInputs: number;
  records: number;
  bytes: number;
  elapsedMs: number;
  workers: number;
  /** Milliseconds per stage summed over records (worker CPU time), plus wall time of the phases. */
  timings: Record<string, number>;
  /** Peak resident memory of the process (MB) when processing ended, before the tables were written. */
  peakRssMbProcessing: number;
  /**
   * CPU time (user + system, every thread of the process: workers, V8's GC and compiler threads,
   * file writes) per phase, in ms; discover includes reusing a previous run's records. Against the
   * wall time of the phase it says how many cores were busy; per article, what a target rate allows
   * on a given number of cores.
   */
  cpuMs: { discover: number; process: number; assemble: number };
  out: string;
}

// Real article pages are well under this; larger inputs are almost always dumps or binaries.
export const DEFAULT_MAX_BYTES = 16 * 1024 * 1024;

/** A record that produced only an error (no article). */
function errorRecord(inputKey: string, error: ErrorRow): RecordResult {
  return {
    identity: '',
    inputKey,
    article: null,
    mentions: [],
    removed: [],
    errors: [error],
    signature: null,
    timings: {},
  };
}

/** CPU ms (user + system, all threads) used since `from`, and now. */
function cpuSince(from: NodeJS.CpuUsage): [number, NodeJS.CpuUsage] {
  const now = process.cpuUsage();
  return [(now.user - from.user + now.system - from.system) / 1000, now];
}

export async function run(opts: RunOptions): Promise<RunSummary> {
  const started = performance.now();
  let cpuMark = process.cpuUsage();
  const cpuMs = { discover: 0, process: 0, assemble: 0 };
  const cwd = opts.cwd ?? process.cwd();
  const out = resolve(cwd, opts.out);
  const formats = opts.formats ?? ['csv', 'parquet', 'jsonl'];
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const shard = opts.shard;
  if (
    shard &&
    !(
      Number.isInteger(shard.index) &&
      Number.isInteger(shard.count) &&
      shard.index >= 0 &&
      shard.index < shard.count
    )
  ) {
    throw new Error(`invalid shard ${shard.index}/${shard.count}: use --shard i/n with 0 <= i < n`);
  }
  const timings: Record<string, number> = {};
  // Arguments are checked before anything is written; files are found by walking, twice (see
  // input-ledger.ts), so that nothing is kept per file.
  const sources = planInputs(opts.inputs, cwd);

  const processOptions: ProcessOptions = {
    pipelineVersion: PIPELINE_VERSION,
    maxBytes,
    gazetteer: opts.gazetteer,
    model: opts.model === true,
  };
  const header: ManifestHeader = {
    pipeline_version: PIPELINE_VERSION,
    settings: sha256Hex(
      JSON.stringify({
        maxBytes,
        gazetteer: opts.gazetteer ?? [],
        model: opts.model === true,
        signature: SIGNATURE_VERSION,
      }),
    ),
    shard: shard ? `${shard.index}/${shard.count}` : null,
  };

  const tmp = beginOutput(out);
  const meta = join(tmp, '.akhbar');
  mkdirSync(meta, { recursive: true });
  const spool = new Spool(join(meta, 'spool.jsonl'));
  let pool: Tinypool | null = null;
  let prev: PreviousInputs | null = null;
  let manifest: InputsWriter | null = null;
  const aborted = () => opts.signal?.aborted === true;
  try {
    // Records of unchanged inputs are reused from the previous run.
    let t = performance.now();
    const prevRecords = join(out, '.akhbar', 'records.jsonl');
    if (!opts.force && existsSync(prevRecords))
      prev = await PreviousInputs.open(join(out, '.akhbar'), header, meta);
    const survey = await surveyInputs(sources, cwd, shard, prev, opts.signal);
    if (aborted()) throw new Error('run interrupted; previous outputs left intact');
    if (survey.found === 0)
      throw new Error(
        `no inputs found in ${opts.inputs.join(', ')}; give .txt, .html, .jsonl or .warc(.gz) files or folders`,
      );
    timings.discover = performance.now() - t;
    // Every input unchanged and none gone: the tables in `out` are the ones this run would write.
    const outputOptions = {
      formats,
      bom: opts.bom ?? false,
      rangeArticles: opts.rangeArticles ?? RANGE_ARTICLES,
    };
    const current =
      prev && survey.reused === survey.files && survey.files === prev.count
        ? await currentOutputs(out, prev.outputs, outputOptions)
        : null;
    if (current) {
      prev!.close();
      spool.closeQuietly();
      abandonOutput(tmp);
      [cpuMs.discover] = cpuSince(cpuMark);
      return {
        ...current.result,
        planMs: 0,
        upToDate: true,
        inputs: survey.files,
        reusedInputs: survey.reused,
        records: 0,
        bytes: 0,
        elapsedMs: performance.now() - started,
        workers: 0,
        timings,
        peakRssMbProcessing: process.resourceUsage().maxRSS / 1024,
        cpuMs,
        out,
      };
    }
    t = performance.now();
    if (prev && survey.reused > 0)
      await reuseRecords(prevRecords, prev, (r, line) => spool.addLine(r, line), opts.signal);
    timings.reuse = performance.now() - t;
    [cpuMs.discover, cpuMark] = cpuSince(cpuMark);

    const totalBytes = survey.todoBytes;
    const workers = Math.max(1, opts.workers ?? workersFor(survey.todoWork, availableParallelism()));
    const progress = createProgress(totalBytes, opts.progress ?? 'auto');
    const stageMs: Record<string, number> = {};
    let records = 0;
    // The new manifest's lines: reused inputs as the second walk passes them, processed ones when
    // their records are back.
    manifest = new InputsWriter(join(meta, INPUTS_FILE));
    const inFlight = new InputsInFlight(manifest);
    /** A batch's records, in order; `sizes` are their input bytes, for progress. */
    const onResults = (results: Packed[], sizes: readonly number[]) => {
      spool.addPackedBatch(results);
      // The lines are in the spool: the worker may reuse their bytes in its ring.
      const ticket = results[0]?.ticket;
      if (ticket) releaseTicket(ticket);
      for (const [k, r] of results.entries()) {
        records++;
        for (const [stage, v] of Object.entries(r.timings)) stageMs[stage] = (stageMs[stage] ?? 0) + v;
        inFlight.result(r.inputKey, r.inputSha256, r.workerError);
        progress.tick(1, sizes[k] ?? 0, r.errors);
      }
    };

    const workerFile = fileURLToPath(new URL('./worker.js', import.meta.url));
    // Even one worker runs on the pool: its heap is capped and a hostile record can be stopped.
    const built = existsSync(workerFile);
    // No pool when every input is reused (a rerun whose tables were changed or removed).
    const usePool = built && survey.reused < survey.files;
    if (usePool) {
      pool = new Tinypool({
        filename: workerFile,
        minThreads: workers,
        maxThreads: workers,
        workerData: { options: processOptions },
        // A worker that runs out of heap on a hostile page dies alone; the run goes on.
        // The cap also makes V8 collect garbage before it piles up (peak RSS stays bounded).
        resourceLimits: { maxOldGenerationSizeMb: 512 },
      });
    }
    const timeoutMs = opts.taskTimeoutMs ?? 120_000;
    // Records go to workers in batches: per-task costs of the pool (a message each way, a memory
    // probe) are then paid once per batch rather than once per article.
    const BATCH_RECORDS = 32;
    const BATCH_BYTES = 4 * 1024 * 1024;
    const inflight = new Set<Promise<void>>();
    const limit = workers * 2;
    const runOnPool = async (tasks: Task[]): Promise<Packed[]> => {
      const ac = new AbortController();
      const timer = setTimeout(() => ac.abort(), timeoutMs);
      try {
        return (await pool!.run(tasks, { signal: ac.signal })) as Packed[];
      } catch (e) {
        // Find the culprit: rerun a failed batch one record at a time.
        if (tasks.length > 1) {
          const out: Packed[] = [];
          for (const task of tasks) out.push(...(await runOnPool([task])));
          return out;
        }
        const task = tasks[0]!;
        const message = ac.signal.aborted
          ? `processing took longer than ${timeoutMs / 1000}s and was stopped; raise --task-timeout or remove the input`
          : `worker failed: ${(e as Error).message}`;
        return [pack(errorRecord(task.inputKey, { source_path: task.sourcePath, stage: 'worker', message }))];
      } finally {
        clearTimeout(timer);
      }
    };
    let batch: Task[] = [];
    let batchBytes: number[] = [];
    let batchSize = 0;
    const flushBatch = async () => {
      if (batch.length === 0) return;
      const tasks = batch;
      const sizes = batchBytes;
      batch = [];
      batchBytes = [];
      batchSize = 0;
      while (inflight.size >= limit) await Promise.race(inflight);
      const p: Promise<void> = runOnPool(tasks).then((results) => {
        inflight.delete(p);
        onResults(results, sizes);
      });
      inflight.add(p);
    };
    const submit = async (task: Task, bytes: number, weight: number) => {
      if (!pool) {
        onResults([pack(processTask(task, processOptions))], [bytes]);
        // Yield now and then so signals and progress get a turn.
        if (records % 64 === 0) await new Promise((r) => setImmediate(r));
        return;
      }
      batch.push(task);
      batchBytes.push(bytes);
      batchSize += weight;
      if (batch.length >= BATCH_RECORDS || batchSize >= BATCH_BYTES) await flushBatch();
    };

    t = performance.now();
    const sidecars = new SidecarFinder();
    for await (const f of filesToProcess(sources, cwd, shard, prev, manifest)) {
      if (aborted()) break;
      const container = isContainer(f);
      let sha = '';
      inFlight.start(f);
      for await (const em of recordsOf(f, (hex) => (sha = hex), sidecars)) {
        if (aborted()) break;
        // Records of a JSONL or WARC file are dealt to shards round-robin; files were filtered above.
        if (container && shard && (em.ordinal - 1) % shard.count !== shard.index) continue;
        if ('error' in em) {
          spool.add(errorRecord(f.display, em.error));
          progress.tick(0, 0, 1);
        } else {
          const weight = container ? (em.task.text?.length ?? em.task.bytes?.length ?? 0) : f.size;
          inFlight.submitted(f.display);
          await submit(em.task, container ? 0 : f.size, weight);
        }
      }
      if (container) progress.tick(0, f.size, 0);
      inFlight.walked(f.display, container ? sha : undefined);
    }
    await flushBatch();
    await Promise.all(inflight);
    // Free the processing workers' heaps before the tables are written.
    await pool?.destroy();
    pool = null;
    progress.stop();
    timings.process = performance.now() - t;
    [cpuMs.process, cpuMark] = cpuSince(cpuMark);
    // Peak RSS so far (all threads): tells the processing phase's peak from the writing phase's.
    const peakRssMbProcessing = process.resourceUsage().maxRSS / 1024;
    if (aborted()) throw new Error('run interrupted; previous outputs left intact');
    prev?.close();

    t = performance.now();
    const res = await assemble(spool, tmp, formats, {
      signal: opts.signal,
      bom: opts.bom,
      threads: built
        ? Math.max(1, opts.workers ?? writersFor(spool.entries.size, availableParallelism()))
        : 1,
      rangeArticles: outputOptions.rangeArticles,
    });
    spool.saveAsRecords(join(meta, 'records.jsonl'));
    manifest.close(header, await describeOutputs(tmp, outputOptions, res));
    timings.assemble = performance.now() - t;
    [cpuMs.assemble, cpuMark] = cpuSince(cpuMark);
    timings.plan = res.planMs;
    if (aborted()) throw new Error('run interrupted; previous outputs left intact');
    commitOutput(tmp, out);
    for (const [k, v] of Object.entries(stageMs)) timings[`stage.${k}`] = v;
    return {
      ...res,
      upToDate: false,
      inputs: survey.files,
      reusedInputs: survey.reused,
      records,
      bytes: totalBytes,
      elapsedMs: performance.now() - started,
      workers: usePool ? workers : 0,
      timings,
      peakRssMbProcessing,
      cpuMs,
      out,
    };
  } catch (e) {
    spool.closeQuietly();
    prev?.close();
    manifest?.close();
    abandonOutput(tmp);
    throw e;
  } finally {
    await pool?.destroy();
  }
}
