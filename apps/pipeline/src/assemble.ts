// Final assembly, shared by `run` and `merge` so both give identical datasets: resolve article_id
// collisions, find duplicates, sort, and write every table. The sorted articles are cut into ranges
// of RANGE_ARTICLES; worker threads write ranges at once (write-range.ts) and the ranges are joined
// in order as they finish. Ranges depend on the data only, so the bytes do not depend on the
// number of threads.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  compareCodeUnits,
  createEntityAccumulator,
  openTableConcat,
  openTableWriters,
} from '@akhbar/dataset';
import Tinypool from 'tinypool';
import { duplicateRepresentatives, representsBefore } from './dedupe.js';
import { ExternalSorter } from './external-sort.js';
import { collisionId, hexHalves } from './ids.js';
import { indexes, orderByKey64 } from './radix.js';
import { type ErrorRow, errorOrder, type Format } from './rows.js';
import type { Spool } from './spool.js';
import { HEAD, RANGE_TABLES, type RangeJob, type RangeResult, writeRange } from './write-range.js';

export interface AssembleResult {
  articles: number;
  mentions: number;
  entities: number;
  removed: number;
  errors: number;
  duplicates: number;
  /** Rows of the errors table that are flags on a written article rather than lost inputs. */
  flagged: number;
  /** Milliseconds spent planning ids, order and duplicates (single-threaded, before any table is written). */
  planMs: number;
}

/**
 * Articles per range, by default. Each range ends its Parquet part files; 2,048 articles of news
 * are some 12 MB of text, already more than one 8 MB part, so smaller ranges add few part files,
 * and enough ranges keep every thread busy to the end (on 20,000 articles, 2,048 wrote the tables
 * 7% faster than 4,096; 1,024 was no faster).
 */
export const RANGE_ARTICLES = 2048;

/** Errors rows handed to the table writers at once, as they come out of the sort. */
const ERRORS_BATCH = 4096;

/**
 * Final ids, set in the spool's index: article_id from the identity, or, for an identity seen more
 * than once (a URL crawled twice), a collision id. Entries with equal 64-bit ids are read back from
 * the spool to tell a repeated identity from a hash collision, so the index holds no strings.
 * Returns the entry indexes in output order: by final id, then source path.
 */
export function finalOrder(spool: Spool): Int32Array {
  const ix = spool.entries;
  const byId = () =>
    orderByKey64(
      indexes(ix.size),
      (i) => ix.idHi.get(i),
      (i) => ix.idLo.get(i),
    );
  const sameId = (a: number, b: number) =>
    ix.idHi.get(a) === ix.idHi.get(b) && ix.idLo.get(a) === ix.idLo.get(b);
  let order = byId();
  let changed = false;
  forEachRun(order, sameId, (run) => {
    const recs = run.map((i) => spool.readRecord(i));
    const count = new Map<string, number>();
    for (const r of recs) count.set(r.identity, (count.get(r.identity) ?? 0) + 1);
    recs.forEach((r, k) => {
      if ((count.get(r.identity) ?? 0) < 2) return;
      const a = r.article!;
      const [hi, lo] = hexHalves(collisionId(r.identity, a.content_sha256, a.source_path));
      ix.idHi.set(run[k]!, hi);
      ix.idLo.set(run[k]!, lo);
      changed = true;
    });
  });
  if (changed) order = byId();
  // Ids still equal (the same input given twice): by source path. The sort is stable, as radix was.
  forEachRun(order, sameId, (run, start) => {
    const path = new Map(run.map((i) => [i, spool.readRecord(i).article!.source_path]));
    order.set(
      run.sort((a, b) => compareCodeUnits(path.get(a)!, path.get(b)!)),
      start,
    );
  });
  return order;
}

/** Call f with each run (two or more) of consecutive items that `same` holds equal. */
function forEachRun(
  order: Int32Array,
  same: (a: number, b: number) => boolean,
  f: (run: number[], start: number) => void,
): void {
  for (let start = 0, end = 0; start < order.length; start = end) {
    end = start + 1;
    while (end < order.length && same(order[start]!, order[end]!)) end++;
    if (end - start > 1) f(Array.from(order.subarray(start, end)), start);
  }
}

/** Everything about the final order that needs every entry: computed once per assembly. */
export interface AssemblyPlan {
  /** Spool entry indexes in output order (final ids are in the spool's index). */
  order: Int32Array;
  /** Per output position, the output position of its duplicate group's representative, or -1. */
  rep: Int32Array;
}

export function planAssembly(spool: Spool): AssemblyPlan {
  const ix = spool.entries;
  const order = finalOrder(spool);
  const n = order.length;
  // Duplicates are found in output order: the spool's order follows which worker finished first.
  const byEntry = new Uint32Array(n);
  const published = (i: number) => {
    const p = ix.published(i);
    return p === undefined ? (spool.readRecord(i).article?.published ?? null) : p;
  };
  const rep = duplicateRepresentatives({
    size: n,
    shaHi: (p) => ix.shaHi.get(order[p]!),
    shaLo: (p) => ix.shaLo.get(order[p]!),
    sameContent: (p, q) => ix.contentSha256(order[p]!) === ix.contentSha256(order[q]!),
    hasSignature: (p) => ix.hasSignature(order[p]!),
    bandHashes(band, out) {
      ix.bandHashes(band, byEntry);
      for (let p = 0; p < n; p++) out[p] = byEntry[order[p]!]!;
    },
    signature: (p) => ix.signature(order[p]!),
    mayBeNear: (p, q) => ix.mayBeNear(order[p]!, order[q]!),
    earlier: (p, q) =>
      representsBefore(published(order[p]!), ix.id(order[p]!), published(order[q]!), ix.id(order[q]!)),
  });
  return { order, rep };
}

/** Range r of a plan, made when it is submitted: all of them at once would double the plan's memory. */
function rangeJob(
  spool: Spool,
  plan: AssemblyPlan,
  r: number,
  size: number,
  common: Pick<RangeJob, 'formats' | 'bom' | 'joined'> & { dir: string; turns: Int32Array },
): RangeJob {
  const ix = spool.entries;
  const from = r * size;
  const idx = plan.order.subarray(from, from + size);
  return {
    spoolPath: spool.path,
    dir: join(common.dir, `.akhbar-range-${String(r).padStart(5, '0')}`),
    formats: common.formats,
    bom: common.bom,
    offsets: ix.offset.pick(idx),
    lengths: Float64Array.from(idx, (i) => ix.length.get(i)),
    ids: Array.from(idx, (i) => ix.id(i)),
    duplicateOf: Array.from(idx, (_, k) => {
      const p = plan.rep[from + k]!;
      return p < 0 ? null : ix.id(plan.order[p]!);
    }),
    first: r === 0,
    joined: common.joined,
    turn: common.turns.subarray(r, r + 1),
  };
}

export interface AssembleOptions {
  bom?: boolean;
  /** Articles per range. Default RANGE_ARTICLES. */
  rangeArticles?: number;
  /** Threads writing ranges. Default 1; from source (no built worker) ranges are written in-process. */
  threads?: number;
  /** Errors rows sorted in memory per run on disk. Default: the spool's, else defaultRunRows(). */
  sortRunRows?: number;
  signal?: AbortSignal;
}

/**
 * Write every table of a finished spool into `dir`. Consumes the spool's signatures (freed once the
 * duplicates are found); the spool file itself is only read.
 */
export async function assemble(
  spool: Spool,
  dir: string,
  formats: Format[],
  options: AssembleOptions = {},
): Promise<AssembleResult> {
  const size = options.rangeArticles ?? RANGE_ARTICLES;
  if (!(Number.isInteger(size) && size >= 1))
    throw new Error(`rangeArticles must be a positive integer, not ${size}`);
  const planStart = performance.now();
  const plan = planAssembly(spool);
  const planMs = performance.now() - planStart;
  spool.entries.releaseSideFiles();
  // At least one range: with no articles it writes the header-only tables.
  const ranges = Math.max(1, Math.ceil(plan.order.length / size));
  const concat = await openTableConcat(dir, { formats, tables: [...RANGE_TABLES] });
  const textFiles: RangeJob['joined'] = {};
  for (const table of RANGE_TABLES) {
    const files: Partial<Record<'csv' | 'jsonl', string>> = {};
    for (const f of ['csv', 'jsonl'] as const) if (formats.includes(f)) files[f] = concat.textPath(table, f);
    textFiles[table] = files;
  }
  // Each range's turn to append its text to the joined files (see write-range.ts); on shared
  // memory, so that a range being written learns that its turn has come.
  const turns = new Int32Array(new SharedArrayBuffer(4 * ranges));
  turns[0] = HEAD;
  const common = { dir, formats, bom: options.bom ?? false, joined: textFiles, turns };
  // Ranges hold disjoint articles: no set of every article id in the main thread (80 bytes each).
  const entityAcc = createEntityAccumulator({ checkRepeats: false });
  // The errors table is sorted on disk (beside the spool): a crawl can have millions of bad inputs.
  const errors = new ExternalSorter<ErrorRow>(`${spool.path}.errors`, errorOrder, {
    runRows: options.sortRunRows ?? spool.sortRunRows,
  });
  const res: AssembleResult = {
    articles: 0,
    mentions: 0,
    entities: 0,
    removed: 0,
    errors: 0,
    duplicates: 0,
    flagged: 0,
    planMs,
  };
  const file = fileURLToPath(new URL('./assemble-worker.js', import.meta.url));
  const threads = Math.max(1, Math.min(options.threads ?? 1, ranges));
  const pool = existsSync(file)
    ? new Tinypool({
        filename: file,
        minThreads: threads,
        maxThreads: threads,
        // Each thread holds one range's Parquet buffer and its Arrow/WASM copies; the cap makes V8
        // collect the many short-lived row objects before they pile up.
        resourceLimits: { maxOldGenerationSizeMb: 384, maxYoungGenerationSizeMb: 32 },
      })
    : null;
  const onAbort = () => void pool?.destroy();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const running: Array<Promise<RangeResult>> = [];
  try {
    const write = (job: RangeJob): Promise<RangeResult> =>
      pool ? (pool.run(job) as Promise<RangeResult>) : writeRange(job);
    // At most two ranges per thread ahead of the one being joined: finished pieces wait on disk
    // (the one being joined writes its text to the joined files directly).
    const ahead = pool ? threads * 2 : 1;
    let next = 0;
    const dirs: string[] = [];
    for (let joined = 0; joined < ranges; joined++) {
      while (next < ranges && next - joined < ahead) {
        const job = rangeJob(spool, plan, next++, size, common);
        dirs.push(job.dir);
        const p = write(job);
        // Rejections are handled where the range is awaited; an abort must not leave one unhandled.
        p.catch(() => {});
        running.push(p);
      }
      // The error-only records' rows, read while the first ranges are being written.
      if (joined === 0) for (const o of spool.orphans.sorted()) for (const e of o.errors) errors.add(e);
      const r = await running.shift()!;
      if (options.signal?.aborted) throw new Error('run interrupted; previous outputs left intact');
      await concat.append(dirs[joined]!, r.summary, { textAppended: r.textAppended });
      // The next range's turn: it appends the rest of its text itself, unless it is finished.
      if (joined + 1 < ranges) Atomics.compareExchange(turns, joined + 1, 0, HEAD);
      entityAcc.merge(r.entities);
      for (const e of r.errors) errors.add(e);
      res.articles += r.articles;
      res.mentions += r.mentions;
      res.removed += r.removed;
      res.duplicates += r.duplicates;
      res.flagged += r.errors.length;
    }
    const entities = entityAcc.rows();
    const small = await openTableWriters(dir, { formats, bom: options.bom, tables: ['entities', 'errors'] });
    try {
      await small.write('entities', entities);
      let batch: ErrorRow[] = [];
      for (const e of errors.sorted()) {
        batch.push(e);
        if (batch.length === ERRORS_BATCH) {
          await small.write('errors', batch);
          batch = [];
        }
      }
      await small.write('errors', batch);
    } catch (e) {
      await small.abort();
      throw e;
    }
    await small.close();
    await concat.close();
    res.entities = entities.length;
    res.errors = errors.count;
    return res;
  } catch (e) {
    await concat.abort();
    if (options.signal?.aborted) throw new Error('run interrupted; previous outputs left intact');
    throw e;
  } finally {
    errors.dispose();
    options.signal?.removeEventListener('abort', onAbort);
    await pool?.destroy();
  }
}
