// `akhbar run`: discover inputs, process records on a worker pool with backpressure, spool results,
// then assemble sorted, de-duplicated tables into a temporary folder swapped in atomically.
import { createReadStream, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import Tinypool from 'tinypool';
import pkg from '../package.json' with { type: 'json' };
import { type AssembleResult, assemble } from './assemble.js';
import { sha256Hex } from './ids.js';
import { discoverInputs, type InputFile, recordsOf } from './inputs.js';
import { type Manifest, type ManifestInput, readManifest, unchanged } from './manifest.js';
import { abandonOutput, beginOutput, commitOutput } from './output.js';
import { type ProcessOptions, processTask, type Task } from './process.js';
import { createProgress } from './progress.js';
import type { ErrorRow, Format, RecordResult } from './rows.js';
import { type Packed, pack, Spool } from './spool.js';
import type { GazetteerEntry } from './stages.js';

export const PIPELINE_VERSION: string = pkg.version;

export interface Shard {
  /** 0-based shard index. */
  index: number;
  count: number;
}

export interface RunOptions {
  inputs: string[];
  out: string;
  formats?: Format[];
  /** Worker threads. Default: all cores. (From source, without a built worker, records run in-process.) */
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
  out: string;
}

// Real article pages are well under this; larger inputs are almost always dumps or binaries.
export const DEFAULT_MAX_BYTES = 16 * 1024 * 1024;

/** A file belongs to a shard by a hash of its path relative to its input root (stable as files come and go). */
export function inShard(key: string, shard: Shard | undefined): boolean {
  if (!shard) return true;
  return Number.parseInt(sha256Hex(key).slice(0, 8), 16) % shard.count === shard.index;
}

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

const isContainer = (f: InputFile) => f.kind === 'jsonl' || f.kind === 'warc';

export async function run(opts: RunOptions): Promise<RunSummary> {
  const started = performance.now();
  const cwd = opts.cwd ?? process.cwd();
  const out = resolve(cwd, opts.out);
  const formats = opts.formats ?? ['csv', 'parquet', 'jsonl'];
  const workers = Math.max(1, opts.workers ?? availableParallelism());
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
  let t = performance.now();
  const all = await discoverInputs(opts.inputs, cwd);
  if (all.length === 0)
    throw new Error(
      `no inputs found in ${opts.inputs.join(', ')}; give .txt, .html, .jsonl or .warc(.gz) files or folders`,
    );
  // Files are assigned to shards whole; container records are assigned by record number.
  const files = all.filter((f) => isContainer(f) || inShard(f.rel, shard));
  timings.discover = performance.now() - t;

  const processOptions: ProcessOptions = {
    pipelineVersion: PIPELINE_VERSION,
    maxBytes,
    gazetteer: opts.gazetteer,
    model: opts.model === true,
  };
  const settings = sha256Hex(
    JSON.stringify({ maxBytes, gazetteer: opts.gazetteer ?? [], model: opts.model === true }),
  );
  const shardKey = shard ? `${shard.index}/${shard.count}` : null;
  const prev = opts.force ? null : readManifest(join(out, '.akhbar', 'manifest.json'));
  const settingsMatch =
    prev !== null &&
    prev.pipeline_version === PIPELINE_VERSION &&
    prev.settings === settings &&
    prev.shard === shardKey;
  const manifest: Manifest = {
    manifest_version: 1,
    pipeline_version: PIPELINE_VERSION,
    settings,
    shard: shardKey,
    inputs: {},
  };

  const tmp = beginOutput(out);
  const meta = join(tmp, '.akhbar');
  mkdirSync(meta, { recursive: true });
  const spool = new Spool(join(meta, 'spool.jsonl'));
  let pool: Tinypool | null = null;
  const aborted = () => opts.signal?.aborted === true;
  try {
    // Reuse records of unchanged inputs from the previous run.
    t = performance.now();
    const reuse = new Set<string>();
    if (settingsMatch) {
      for (const f of files) {
        const p = prev.inputs[f.display];
        if (p && unchanged(p, f)) {
          reuse.add(f.display);
          manifest.inputs[f.display] = p;
        }
      }
      const prevRecords = join(out, '.akhbar', 'records.jsonl');
      if (reuse.size > 0 && existsSync(prevRecords)) {
        const rl = createInterface({
          input: createReadStream(prevRecords),
          crlfDelay: Number.POSITIVE_INFINITY,
        });
        for await (const line of rl) {
          if (!line) continue;
          const rec = JSON.parse(line) as RecordResult;
          if (reuse.has(rec.inputKey)) spool.add(rec);
        }
      } else reuse.clear();
    }
    timings.reuse = performance.now() - t;

    const todo = files.filter((f) => !reuse.has(f.display));
    const totalBytes = todo.reduce((s, f) => s + f.size, 0);
    const progress = createProgress(totalBytes, opts.progress ?? 'auto');
    const stageMs: Record<string, number> = {};
    let records = 0;
    const fileSha = new Map<string, string>();
    const retry = new Set<string>();
    const onResult = (r: Packed, bytes: number) => {
      records++;
      for (const [k, v] of Object.entries(r.timings)) stageMs[k] = (stageMs[k] ?? 0) + v;
      if (r.inputSha256) fileSha.set(r.inputKey, r.inputSha256);
      if (r.workerError) retry.add(r.inputKey);
      spool.addPacked(r);
      progress.tick(1, bytes, r.errors);
    };

    const workerFile = fileURLToPath(new URL('./worker.js', import.meta.url));
    // Even one worker runs on the pool: its heap is capped and a hostile record can be stopped.
    const usePool = existsSync(workerFile);
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
        for (const [k, r] of results.entries()) onResult(r, sizes[k] ?? 0);
      });
      inflight.add(p);
    };
    const submit = async (task: Task, bytes: number, weight: number) => {
      if (!pool) {
        onResult(pack(processTask(task, processOptions)), bytes);
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
    for (const f of todo) {
      if (aborted()) break;
      const container = isContainer(f);
      let sha = '';
      for await (const em of recordsOf(f, (hex) => (sha = hex))) {
        if (aborted()) break;
        // Records of a JSONL or WARC file are dealt to shards round-robin; files were filtered above.
        if (container && shard && (em.ordinal - 1) % shard.count !== shard.index) continue;
        if ('error' in em) {
          spool.add(errorRecord(f.display, em.error));
          progress.tick(0, 0, 1);
        } else {
          const weight = container ? (em.task.text?.length ?? em.task.bytes?.length ?? 0) : f.size;
          await submit(em.task, container ? 0 : f.size, weight);
        }
      }
      if (container) {
        progress.tick(0, f.size, 0);
        fileSha.set(f.display, sha);
      }
    }
    await flushBatch();
    await Promise.all(inflight);
    // Free the processing workers' heaps before the tables are written.
    await pool?.destroy();
    pool = null;
    progress.stop();
    timings.process = performance.now() - t;
    // Peak RSS so far (all threads): tells the processing phase's peak from the writing phase's.
    const peakRssMbProcessing = process.resourceUsage().maxRSS / 1024;
    if (aborted()) throw new Error('run interrupted; previous outputs left intact');
    for (const f of todo) {
      // An input whose worker crashed or timed out is retried on the next run, not reused.
      if (retry.has(f.display)) continue;
      const entry: ManifestInput = { size: f.size, mtimeMs: f.mtimeMs, sha256: fileSha.get(f.display) ?? '' };
      manifest.inputs[f.display] = entry;
    }

    t = performance.now();
    const res = await assemble(spool, tmp, formats, {
      signal: opts.signal,
      bom: opts.bom,
      threads: usePool ? workers : 1,
      rangeArticles: opts.rangeArticles,
    });
    spool.saveAsRecords(join(meta, 'records.jsonl'));
    writeFileSync(join(meta, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    timings.assemble = performance.now() - t;
    timings.plan = res.planMs;
    if (aborted()) throw new Error('run interrupted; previous outputs left intact');
    commitOutput(tmp, out);
    for (const [k, v] of Object.entries(stageMs)) timings[`stage.${k}`] = v;
    return {
      ...res,
      inputs: files.length,
      reusedInputs: reuse.size,
      records,
      bytes: totalBytes,
      elapsedMs: performance.now() - started,
      workers: usePool ? workers : 0,
      timings,
      peakRssMbProcessing,
      out,
    };
  } catch (e) {
    spool.closeQuietly();
    abandonOutput(tmp);
    throw e;
  } finally {
    await pool?.destroy();
  }
}
